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

from cleaner.io.char_freq import FLOOR_SCRIPT, per_byte
from cleaner.io.decoded import Decoded, NotText, decode_counting

LEGACY = ("gb18030", "big5")  # GB18030 reads GBK and GB2312 alike
OTHERS = ("cp932", "cp949", "cp1252")  # Japanese, Korean, Western: when Chinese reads badly
SAMPLE = 64 * 1024  # bytes of non-UTF-8 lines the codec is chosen from
LONG_LINE = 1 << 20  # a line this long is cut after an ASCII byte to keep memory bounded
POOR = -9.0  # per_byte below this does not read as text in any codec tried
MAX_BAD = 0.05  # a codec that cannot decode more of the bytes than this is not theirs
REFUSE_FROM = 32  # non-ASCII bytes: fewer are too few to call the input binary
MEDIOCRE = -4.5  # Chinese in its codec reads better than this (news: -3.7 GBK, -4.3 Big5)
UTF8_VALID = 1.25  # per byte: valid UTF-8 by chance is rare (one GBK pair in 12)
TINY = 64  # bytes: a document this short may be valid UTF-8 by chance
TINY_FOREIGN = -14.0  # a letter of another script, in a tiny document that may be GBK
FOREIGN_IN_CHINESE = -14.0  # kana, Cyrillic... as read by GBK or Big5: rare in Chinese
PRIOR = 1.0  # per byte, for the document's codec in a line's contest
CLOSE = 30.0  # a win by fewer nats than this (over the sample) is reported as close
_ASCII = bytes(range(0x80))
_NONASCII_LINE = re.compile(rb"(?m)^[^\n\x80-\xff]*[\x80-\xff]")
_UTF8_LINE = re.compile(  # a line of valid UTF-8 with at least one multi-byte character
    rb"(?m)^[^\n\x80-\xff]*(?:(?:[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}"
    rb"|[\xf0-\xf4][\x80-\xbf]{3})[^\n\x80-\xff]*)+$"
)
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
        self.emitted = False

    def decode(self, data: bytes, final: bool) -> str:
        if self.carry:
            data, self.carry = self.carry + data, b""
        if not final and not self.emitted and len(data) <= TINY:
            self.carry = data  # wait: the whole document may be a few bytes
            return ""
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
            self.emitted = True
            return head + self._lines(data[start:])
        if used < len(data):  # a character split by a cut in a very long line
            self.carry = data[used:] + self.carry
        if final and not self.emitted and len(data) <= TINY and not text.isascii():
            text = self._tiny(data, text)
        else:
            self.info.utf8_text |= not text.isascii()
        self.emitted = True
        return text

    def release(self) -> str:
        """The complete lines held back (a short start that might be a whole tiny
        document), decoded as if they were all: the input has paused."""
        cut = self.carry.rfind(b"\n") + 1
        if not cut:
            return ""
        data, rest = self.carry[:cut], self.carry[cut:]
        self.carry = b""
        text = self.decode(data, final=True)
        self.carry = rest
        return text

    def _lines(self, data: bytes) -> str:
        if self.legacy is None:
            bad = [ln for ln in data.splitlines() if not ln.isascii() and not is_utf8(ln)]
            self._choose(b"".join(bad)[:SAMPLE])
        if self.legacy and not _UTF8_LINE.search(data):
            try:  # no line is UTF-8: the whole piece in the document's codec, at C speed
                text = data.decode(self.legacy)
            except UnicodeDecodeError:
                pass
            else:
                self.info.legacy_lines[self.legacy] += len(_NONASCII_LINE.findall(data))
                return text
        out = []
        for line in data.splitlines(keepends=True):
            if line.isascii():
                out.append(line.decode("ascii"))
                continue
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError:
                out.append(self._one_line(line))
            else:
                out.append(self._utf8_line(line, text))
        return "".join(out)

    def _utf8_line(self, line: bytes, text: str) -> str:
        """A valid UTF-8 line in a document with legacy lines: UTF-8, unless it is a few
        letters of other scripts that the document's codec reads as Chinese."""
        if self.legacy in LEGACY and len(line) <= TINY and _foreign_only(text):
            nb = _nonascii(line)
            utf8 = _score(line, "utf-8", nb, foreign=TINY_FOREIGN)
            legacy = _score(line, self.legacy, nb)
            if legacy[2] == 0 and legacy[0] > utf8[0] + UTF8_VALID:
                return self._take(self.legacy, line.decode(self.legacy), 0)
        return self._take("utf-8", text, 0)

    def _one_line(self, line: bytes) -> str:
        """A line that is not valid UTF-8, read in the codec that reads it best, recorded."""
        nb = _nonascii(line)
        if self.legacy:
            try:
                text = line.decode(self.legacy)
            except UnicodeDecodeError:
                pass
            else:  # the document's codec reads it; unless it is UTF-8 with a bad byte or two
                if line.decode("utf-8", "replace").count("\ufffd") * 8 > nb:
                    return self._take(self.legacy, text, 0)
        candidates = [_decoded(line, "utf-8")]
        for enc in dict.fromkeys([self.legacy or LEGACY[0], *LEGACY]):
            candidates.append(_decoded(line, enc))
        best = max(candidates, key=lambda c: _per_byte(c[0], c[1], c[2], nb)
                   + (PRIOR if c[0] == self.legacy else 0.0))  # fmt: skip
        return self._take(*best)

    def _take(self, enc: str, text: str, bad: int) -> str:
        self.info.replaced += bad
        if enc == "utf-8":
            self.info.utf8_text = True
        else:
            self.info.legacy_lines[enc] += 1
        return text

    def _choose(self, sample: bytes) -> None:
        """The legacy codec for this document, from its first lines that are not UTF-8.
        Input that reads as text in none of them is refused (NotText)."""
        nb = _nonascii(sample)
        scored = [_score(sample, enc, nb) for enc in ("utf-8", *LEGACY)]
        if max(scored)[0] < MEDIOCRE and nb >= 8:  # not Chinese? Japanese, Korean, Western
            scored += [_score(sample, enc, nb) for enc in OTHERS]
        scored.sort(reverse=True)
        fits = [s for s in scored if s[0] >= POOR and s[2] <= MAX_BAD * nb + 2]
        if not fits and nb >= REFUSE_FROM:
            raise NotText("no text encoding fits (binary data?)")
        fits = fits or scored  # a few bytes: the best reading, its bad bytes counted
        best, enc, _ = fits[0]
        if enc == "utf-8":
            return  # UTF-8 with bad bytes; a later chunk may still hold legacy lines
        self.legacy = enc
        runner = next((s for s in scored[1:] if s[1] != "utf-8" and s[2] == 0), None)
        if runner and (best - runner[0]) * nb < CLOSE:
            self.info.why = (
                f"close call on {nb} byte(s): {runner[1]} also fits, {enc} reads more like Chinese"
            )

    def _tiny(self, data: bytes, text: str) -> str:
        """A whole document of a few bytes that is valid UTF-8 but reads as letters of
        other scripts (GBK 学习 is UTF-8 ѧϰ) is read in the codec that reads best."""
        if not _foreign_only(text):
            return text
        nb = _nonascii(data)
        utf8 = _score(data, "utf-8", nb, foreign=TINY_FOREIGN)
        scored = [(utf8[0] + UTF8_VALID, *utf8[1:])]
        scored += [s for s in (_score(data, enc, nb) for enc in LEGACY) if s[2] == 0]
        best, enc, _ = max(scored)
        if enc == "utf-8":
            self.info.utf8_text = True
            return text
        self.info.legacy_lines[enc] += 1
        self.info.why = f"{nb} byte(s) that are UTF-8 too: {enc} reads more like Chinese"
        return data.decode(enc)


def _foreign_only(text: str) -> bool:
    """No ASCII letters and no character past U+07FF (where CJK in UTF-8 would be)."""
    return not any(c.isascii() and c.isalpha() or c >= "\u0800" for c in text)


def _nonascii(data: bytes) -> int:
    return len(data.translate(None, _ASCII))


def _decoded(data: bytes, enc: str) -> tuple[str, str, int]:
    return (enc, *decode_counting(data, enc))


def _score(
    data: bytes, enc: str, nonascii_bytes: int, foreign: float | None = None
) -> tuple[float, str, int]:
    text, bad = decode_counting(data, enc)
    return _per_byte(enc, text, bad, nonascii_bytes, foreign), enc, bad


def _per_byte(
    enc: str, text: str, bad: int, nonascii_bytes: int, foreign: float | None = None
) -> float:
    """per_byte, where kana, Hangul or Cyrillic are rare if a Chinese codec wrote them."""
    if foreign is None:
        foreign = FOREIGN_IN_CHINESE if enc in LEGACY else FLOOR_SCRIPT
    return per_byte(text, bad, nonascii_bytes, foreign)


def is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
