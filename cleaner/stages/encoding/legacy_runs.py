"""Two-byte codec text (GBK, Big5) as latin-1/cp1252 shows it: the shape of a run of
byte pairs and the bytes behind it. legacy_mojibake decodes such runs;
utf8_mojibake leaves alone what lies inside one that is not UTF-8.
"""

from __future__ import annotations

from collections.abc import Sequence

from cleaner.core.lazy_pattern import LazyPattern
from cleaner.io.line_decoder import is_utf8
from cleaner.stages.encoding.models.char_model import char_lm
from cleaner.stages.encoding.punct_classes import ANNOTATION_DECODED, CJK_DECODED, CP1252_HIGH

LEAD = f"\u0081-\u00fe{CP1252_HIGH}"
TRAIL = f"\u0040-\u007e\u0080-\u00fe{CP1252_HIGH}"
PAIR = f"[{LEAD}][{TRAIL}]"
# pairs with digits, spaces and ASCII punctuation between them (2022Äê7ÔÂ: 2022年7月)
MORE = f"(?:[\u0020-\u003f]*{PAIR})"
# the byte behind each character: latin-1, or cp1252 for 0x80-0x9F
BYTE = {chr(b): b for b in range(256)}
BYTE.update({bytes([b]).decode("cp1252", "ignore"): b for b in range(0x80, 0xA0)})
BYTE.pop("", None)


# what the decoding must be: some Han, CJK punctuation or full-width forms, with
# symbols, what was ASCII between the pairs, and the tone letters or zhuyin of an
# annotation scraped with the text (``(zh¨©)ÓÐ`` -> ``(zhī)有``)
CJK_TEXT = LazyPattern(
    rf"(?=.*[\p{{Han}}\u3000-\u303f\uff00-\uffef])[{CJK_DECODED}{ANNOTATION_DECODED}\x20-\x3f]+"
)


# an annotation's letters in a decoding: not scored by the character model
_LETTERS = LazyPattern(f"[A-Za-z{ANNOTATION_DECODED}]+")


def run_pattern(min_pairs: int) -> str:
    """A run of at least ``min_pairs`` byte pairs."""
    return f"{PAIR}{MORE}{{{min_pairs - 1},}}"


def run_bytes(run: str) -> bytes:
    """The bytes a run of ``run_pattern`` shows."""
    return bytes(BYTE[c] for c in run)


def decode_run(
    run: str, codecs: Sequence[str], min_logp: float, letters_min_logp: float
) -> tuple[str, str] | None:
    """The decoding of ``run`` (and its codec) that reads best as Chinese text, if one
    scores at least ``min_logp`` nats per character; None for UTF-8 of CJK (three
    bytes or more: utf8_mojibake's). Bytes that are also UTF-8 of letters only (Greek,
    Cyrillic, Armenian) must score ``letters_min_logp``."""
    data = run_bytes(run)
    floor = min_logp
    if is_utf8(data):
        if max(data) >= 0xE0:
            return None
        floor = max(floor, letters_min_logp)
    best: tuple[float, str, str] | None = None
    lm = char_lm()
    for codec in codecs:
        try:
            out = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if not CJK_TEXT.fullmatch(out):
            continue
        scored = _LETTERS.sub("", out)  # an annotation's letters: not Chinese text
        if not scored:
            continue
        score = lm.per_char(scored)
        if score >= floor and (best is None or score > best[0]):
            best = (score, out, codec)
    return None if best is None else (best[1], best[2])
