"""Open input bytes as text: BOMs, UTF-8, detected legacy encodings, binary refusal.

UTF-8 is tried first. Anything else is named by charset-normalizer (GBK/GB18030,
Big5, UTF-16 ...) from a sample; binary data is refused. Bytes that do not decode
are replaced with U+FFFD and counted, never dropped silently.
"""

from __future__ import annotations

import codecs
import io
import re
from dataclasses import dataclass, field
from typing import BinaryIO

SAMPLE = 64 * 1024
# encodings we accept from detection; anything else is more likely binary than text
TEXT_ENCODINGS = {
    "utf_8", "gb18030", "gbk", "gb2312", "big5", "big5hkscs", "cp950", "utf_16",
    "utf_16_le", "utf_16_be", "utf_32", "hz", "iso2022_jp", "euc_jp", "shift_jis", "cp932",
    "ascii", "latin_1", "cp1252", "euc_kr", "cp949",
}  # fmt: skip
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


class NotText(Exception):
    """The input is binary or in no encoding we can name."""


@dataclass
class Decoded:
    encoding: str
    how: str  # "bom", "utf-8", "detected", "given"
    replaced: list[int] = field(default_factory=lambda: [0])

    @property
    def replaced_count(self) -> int:
        return self.replaced[0]


def _counting_handler(counter: list[int]) -> str:
    name = f"cleaner-count-{id(counter)}"

    def handler(err: UnicodeError) -> tuple[str, int]:
        assert isinstance(err, UnicodeDecodeError)
        counter[0] += err.end - err.start
        return "\ufffd", err.end

    codecs.register_error(name, handler)
    return name


def _looks_binary(sample: bytes) -> bool:
    if not sample:
        return False
    controls = sum(1 for b in sample[:4096] if b < 9 or 13 < b < 32)
    return b"\x00" in sample or controls > len(sample[:4096]) * 0.05


def _utf8_ok(sample: bytes) -> bool:
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return True
    except UnicodeDecodeError:
        return False


_PLAUSIBLE = re.compile(
    r"[\t\n\r\x20-\x7e\u00a0-\u024f\u2000-\u206f"  # ASCII, Latin, general punctuation
    r"\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]"  # CJK
)


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 without a BOM: NUL bytes, and one byte order reads as plausible text."""
    if b"\x00" not in sample or len(sample) < 4:
        return None
    body = sample[: len(sample) // 2 * 2]
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = body.decode(enc)
        except UnicodeDecodeError:
            continue
        if len(_PLAUSIBLE.findall(text)) >= 0.95 * len(text):
            return enc
    return None


def sniff(sample: bytes, given: str | None = None) -> Decoded:
    """Choose the encoding for a stream from its first bytes."""
    if given:
        return Decoded(codecs.lookup(given).name, "given")
    for bom, enc in _BOMS:
        if sample.startswith(bom):
            return Decoded(enc, "bom")
    utf16 = _utf16_without_bom(sample)
    if utf16:
        return Decoded(utf16, "detected")
    if _looks_binary(sample):
        raise NotText("binary data (NUL or control bytes)")
    if _utf8_ok(sample):
        return Decoded("utf-8", "utf-8")
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    if best is None:
        raise NotText("no text encoding fits")
    enc = codecs.lookup(best.encoding).name.replace("-", "_")
    if enc not in TEXT_ENCODINGS:
        raise NotText(f"detected {best.encoding}, which is not a text encoding for Chinese")
    return Decoded(enc, "detected")


def open_text(
    raw: BinaryIO, encoding: str | None = None, newline: str | None = None
) -> tuple[io.TextIOWrapper, Decoded]:
    """Wrap a binary stream as text; line endings are normalised to "\\n" unless
    ``newline`` is "" (documents: the newlines rule does it, and records it)."""
    head = raw.read(SAMPLE)
    info = sniff(head, encoding)
    errors = _counting_handler(info.replaced)
    stream = io.BufferedReader(_Chain(head, raw))
    return io.TextIOWrapper(stream, encoding=info.encoding, errors=errors, newline=newline), info


class _Chain(io.RawIOBase):
    """Bytes already read, then the rest of the stream."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self.head = head
        self.rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buf: memoryview) -> int:  # type: ignore[override]
        if self.head:
            n = min(len(buf), len(self.head))
            buf[:n] = self.head[:n]
            self.head = self.head[n:]
            return n
        data = self.rest.read(len(buf))
        buf[: len(data)] = data
        return len(data)
