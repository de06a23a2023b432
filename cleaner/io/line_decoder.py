"""UTF-8 where the bytes are UTF-8; a line that is not is read in the legacy codec
(GB18030, Big5, ...) that reads most like Chinese, or as UTF-8 with its few bad bytes
replaced and counted.

Valid UTF-8 is decoded a chunk at a time by the C codec (the common case costs nothing
more). Only a chunk that fails goes line by line; the legacy codec is chosen once, at
the first lines that are not UTF-8, from all such lines of that chunk. ASCII reads the
same in every candidate, so nothing needs to be known before the first non-ASCII byte:
this works on streams, and on files whose legacy text starts anywhere.
"""

from __future__ import annotations

import codecs
import re

from cleaner.io.char_freq import per_byte
from cleaner.io.decoded import Decoded, NotText, decode_counting

LEGACY = ("gb18030", "big5")  # GB18030 reads GBK and GB2312 alike
# encodings charset-normalizer may name when no Chinese codec fits
OTHER_TEXT = {
    "utf_16", "utf_16_le", "utf_16_be", "utf_32", "hz", "iso2022_jp", "euc_jp", "shift_jis",
    "cp932", "latin_1", "cp1252", "euc_kr", "cp949", "big5hkscs", "cp950",
}  # fmt: skip
SAMPLE = 64 * 1024  # bytes of non-UTF-8 lines the codec is chosen from
LONG_LINE = 1 << 20  # a line this long is cut after an ASCII byte to keep memory bounded
POOR = -9.0  # per_byte below this does not read as text in any codec tried
PRIOR = 1.0  # per byte, for the document's codec in a line's contest
CLOSE = 30.0  # a win by fewer nats than this (over the sample) is reported as close
_LAST_ASCII = re.compile(rb"[\x00-\x7f][\x80-\xff]*\Z")


def _cut(data: bytes) -> int:
    """Where a piece of a stream can end without splitting a line (or, in a very long
    line, a character); 0: wait for more."""
    cut = data.rfind(b"\n") + 1
    if cut or len(data) < LONG_LINE:
        return cut
    m = _LAST_ASCII.search(data)
    return m.start() + 1 if m else len(data)


class LineDecoder:
    def __init__(self, info: Decoded) -> None:
        self.info = info
        self.carry = b""
        self.legacy: str | None = None  # chosen at the first lines that are not UTF-8

    def decode(self, data: bytes, final: bool) -> str:
        if self.carry:
            data, self.carry = self.carry + data, b""
        if not final:
            cut = _cut(data)
            if cut < len(data):
                data, self.carry = data[:cut], data[cut:]
        try:
            text, used = codecs.utf_8_decode(data, "strict", final)
        except UnicodeDecodeError as e:
            start = data.rfind(b"\n", 0, e.start) + 1
            head = data[:start].decode("utf-8")
            self.info.utf8_text |= not head.isascii()
            return head + self._lines(data[start:])
        if used < len(data):  # a character split by a cut in a very long line
            self.carry = data[used:] + self.carry
        self.info.utf8_text |= not text.isascii()
        return text

    def _lines(self, data: bytes) -> str:
        lines = data.splitlines(keepends=True)
        if self.legacy is None:
            bad = [ln for ln in lines if not ln.isascii() and not _is_utf8(ln)]
            self._choose(b"".join(bad)[:SAMPLE])
        out = []
        for line in lines:
            if line.isascii():
                out.append(line.decode("ascii"))
                continue
            try:
                out.append(line.decode("utf-8"))
            except UnicodeDecodeError:
                out.append(self._one_line(line))
            else:
                self.info.utf8_text = True
        return "".join(out)

    def _one_line(self, line: bytes) -> str:
        """A line that is not valid UTF-8, read in the codec that reads it best, recorded."""
        nb = sum(1 for b in line if b > 0x7F)
        utf8, utf8_bad = decode_counting(line, "utf-8")
        best = None
        if self.legacy and utf8_bad * 8 > nb:  # not UTF-8 with a few bad bytes
            text, bad = decode_counting(line, self.legacy)
            if bad == 0:
                best = (self.legacy, text, 0)  # the document's codec reads it: no contest
        if best is None:
            candidates = [("utf-8", utf8, utf8_bad)]
            for enc in dict.fromkeys([self.legacy or LEGACY[0], *LEGACY]):
                candidates.append((enc, *decode_counting(line, enc)))
            best = max(candidates, key=lambda c: per_byte(c[1], c[2], nb)
                       + (PRIOR if c[0] == self.legacy else 0.0))  # fmt: skip
        enc, text, bad = best
        self.info.replaced += bad
        if enc == "utf-8":
            self.info.utf8_text = True
        else:
            self.info.legacy_lines[enc] += 1
        return text

    def _choose(self, sample: bytes) -> None:
        """The legacy codec for this document, from its first lines that are not UTF-8.
        Input that reads as text in none of them is refused (NotText)."""
        nb = sum(1 for b in sample if b > 0x7F)
        scored = []
        for enc in ("utf-8", *LEGACY):
            text, bad = decode_counting(sample, enc)
            scored.append((per_byte(text, bad, nb), enc, bad))
        scored.sort(reverse=True)
        if scored[0][0] < POOR:
            other = _other_codec(sample)
            if other is None:
                raise NotText("no text encoding fits (binary data?)")
            text, bad = decode_counting(sample, other)
            scored.insert(0, (per_byte(text, bad, nb), other, bad))
        (best, enc, _), rest = scored[0], [s for s in scored[1:] if s[1] != "utf-8"]
        if enc == "utf-8":
            return  # UTF-8 with bad bytes; a later chunk may still hold legacy lines
        self.legacy = enc
        runner = rest[0] if rest else None
        if runner and runner[2] == 0 and (best - runner[0]) * nb < CLOSE:
            self.info.why = (
                f"close call on {nb} byte(s): {runner[1]} also fits, {enc} reads more like Chinese"
            )


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _other_codec(sample: bytes) -> str | None:
    """charset-normalizer's choice for text that no Chinese codec reads (Latin, Japanese...)."""
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    if best is None:
        return None
    enc = codecs.lookup(best.encoding).name
    return enc if enc.replace("-", "_") in OTHER_TEXT else None
