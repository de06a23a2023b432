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
FLOOR_SCRIPT = -7.0  # kana, Hangul, accented Latin, Greek, Cyrillic: other languages' letters
FLOOR_OTHER = -20.7  # anything else: controls, private use, unassigned
BAD_BYTE = -25.0  # a byte the codec could not decode (written as U+FFFD)


@lru_cache(maxsize=1)
def log_freq() -> dict[str, float]:
    table: dict[str, float] = {}
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            lp, chars = line.split("\t")
            table.update(dict.fromkeys(chars, float(lp)))
    return table


def _floor(ch: str, foreign: float) -> float:
    if "\uac00" <= ch <= "\ud7a3":  # Hangul: the 2,350 syllables of KS X 1001 are common
        return foreign if _in_ks_x_1001(ch) else FLOOR_OTHER
    if "\u00c0" <= ch <= "\u04ff" or "\u3040" <= ch <= "\u30ff":
        return foreign if ch.isalpha() else FLOOR_OTHER
    cat = unicodedata.category(ch)
    return FLOOR_HAN if cat == "Lo" else FLOOR_MARK if cat[0] in "PS" else FLOOR_OTHER


def _in_ks_x_1001(ch: str) -> bool:
    try:
        ch.encode("euc_kr")
    except UnicodeEncodeError:
        return False
    return True


def per_byte(
    text: str, bad_bytes: int, nonascii_bytes: int, foreign: float = FLOOR_SCRIPT
) -> float:
    """Log-frequency of the non-ASCII characters of ``text`` per non-ASCII input byte
    (ASCII reads the same in every candidate); undecodable bytes cost BAD_BYTE each,
    letters of other scripts ``foreign`` each.
    Chinese in its own codec scores about -2 to -4, a wrong codec's output -7 and less."""
    table = log_freq()
    total = BAD_BYTE * bad_bytes
    for ch in text:
        if ch > "\x7f" and ch != "\ufffd":
            lp = table.get(ch)
            total += _floor(ch, foreign) if lp is None else lp
    return total / max(nonascii_bytes, 1)
