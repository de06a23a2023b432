"""Open input bytes as text: BOMs, UTF-8, legacy Chinese encodings, binary refusal.

A BOM, UTF-16 without one, or ``--encoding`` name one codec for the whole stream.
Otherwise bytes are read as UTF-8 where they are UTF-8, and a line that is not is read
in the legacy codec that reads most like Chinese (line_decoder.py): the decision is
made where the first non-UTF-8 bytes are, however far into the stream, and a file
that mixes encodings is read line by line and reported. Bytes that decode in no
candidate are replaced with U+FFFD and counted, never dropped silently; binary data
is refused (NotText).
"""

from __future__ import annotations

import codecs
from typing import BinaryIO

from cleaner.core.lazy_pattern import LazyPattern
from cleaner.io.decoded import COUNTING, Decoded, NotText, count_during
from cleaner.io.line_decoder import LineDecoder
from cleaner.io.live import LiveInput
from cleaner.io.text_reader import TextReader

__all__ = ["Decoded", "NotText", "TextReader", "open_text", "sniff"]

SAMPLE = 64 * 1024  # the head read before deciding: BOMs, UTF-16, binary data
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


# Text scraped or OCR'd may hold a stray NUL (html_leftovers removes it, with a record);
# binary data (images, archives, PDFs) holds NUL bytes at least this densely.
NUL_SHARE = 0.001


def too_many_nuls(nuls: int, length: int) -> bool:
    """More NUL characters than stray ones in text of this length."""
    return nuls > max(1, length * NUL_SHARE)


def _looks_binary(sample: bytes) -> bool:
    if not sample:
        return False
    head = sample[:4096]
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > len(head) * 0.05 or too_many_nuls(sample.count(0), len(sample))


# Latin-1 but not Latin Extended: NUL beside a small byte (binary's 00 01, 02 00) reads
# as U+0100-U+02FF in UTF-16, and a Chinese corpus holds next to none of it.
_PLAUSIBLE = LazyPattern(
    r"[\t\n\r\x20-\x7e\u00a0-\u00ff\u2000-\u206f"  # ASCII, Latin-1, general punctuation
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
    """The codec named by ``given``, a BOM or UTF-16 in the first bytes; else "utf-8"
    with how "utf-8", to be read line by line (a legacy codec is found where needed)."""
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
    return Decoded("utf-8", "utf-8")


def _whole_stream(info: Decoded) -> LineDecoder | codecs.IncrementalDecoder:
    if info.how == "utf-8":
        return LineDecoder(info)
    return codecs.getincrementaldecoder(info.encoding)(errors=COUNTING)


def open_text(
    raw: BinaryIO | LiveInput, encoding: str | None = None, newline: str | None = None
) -> tuple[TextReader, Decoded]:
    """Text of a binary stream, and a Decoded that is complete once it is read to the end.
    Line endings are normalised to "\\n" unless ``newline`` is "" (documents: the
    newlines rule does it, and records it). Live input is decoded as it arrives."""
    head = raw.head(SAMPLE) if isinstance(raw, LiveInput) else raw.read(SAMPLE)
    info = sniff(head, encoding)
    decoder = _whole_stream(info)

    def decode(data: bytes, final: bool) -> str:
        if isinstance(decoder, LineDecoder):
            text = decoder.decode(data, final)
        else:
            text, bad = count_during(decoder, data, final)
            info.replaced += bad
        if final:
            info.settle()
        return text

    release = decoder.release if isinstance(decoder, LineDecoder) else None
    ready = raw.ready if isinstance(raw, LiveInput) else None
    reader = TextReader(raw, head, decode, newline != "", ready, release)  # type: ignore[arg-type]
    return reader, info
