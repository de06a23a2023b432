"""How much a decoding reads like Chinese: character log-frequencies per input byte.

The table (``data/char_unigram.txt``, 6.6K characters, built by
scripts/build_char_unigram.py from gbk_shift's character model) loads in a few
milliseconds, so the decoder can use it without loading the full model. Traditional
characters count as their simplified forms, so Big5 text scores like GBK text.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "char_unigram.txt"
FLOOR_HAN = -18.4  # a Han character (or kana, Hangul) the table lacks
FLOOR_MARK = -13.8  # punctuation or a symbol the table lacks
FLOOR_OTHER = -20.7  # anything else: Latin letters with accents, Cyrillic, controls
BAD_BYTE = -25.0  # a byte the codec could not decode (written as U+FFFD)


@lru_cache(maxsize=1)
def log_freq() -> dict[str, float]:
    table: dict[str, float] = {}
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            lp, chars = line.split("\t")
            table.update(dict.fromkeys(chars, float(lp)))
    return table


def _floor(ch: str) -> float:
    cat = unicodedata.category(ch)
    return FLOOR_HAN if cat == "Lo" else FLOOR_MARK if cat[0] in "PS" else FLOOR_OTHER


def per_byte(text: str, bad_bytes: int, nonascii_bytes: int) -> float:
    """Log-frequency of the non-ASCII characters of ``text`` per non-ASCII input byte
    (ASCII reads the same in every candidate); undecodable bytes cost BAD_BYTE each.
    Chinese in its own codec scores about -2 to -4, a wrong codec's output -7 and less."""
    table = log_freq()
    total = BAD_BYTE * bad_bytes
    for ch in text:
        if ch > "\x7f" and ch != "\ufffd":
            lp = table.get(ch)
            total += _floor(ch) if lp is None else lp
    return total / max(nonascii_bytes, 1)
