"""Readings of a Han character, from pypinyin, in the spellings annotations use.

The readings are pypinyin's, read from ``data/readings.bin`` (``scripts/build_readings.py``
writes it with pypinyin): importing pypinyin loads a phrase dictionary of some 45 MB
that questions about single characters never use.

An annotation may be tone-marked (``xué``), tone-numbered (``xue2``, neutral
``de`` or ``de5``), with ``ü`` written ``v`` or ``u:``, upper case, or with
combining tone marks; :func:`normalize` brings all of them to one spelling.
Zhuyin (``ㄒㄩㄝˊ``, neutral ``˙ㄉㄜ`` or ``ㄉㄜ˙``) is compared as pypinyin spells it.
"""

from __future__ import annotations

import marshal
import unicodedata
import zlib
from array import array
from bisect import bisect_left
from functools import cache, lru_cache
from itertools import accumulate
from pathlib import Path

from cleaner.core.lazy_pattern import LazyPattern

# the letters that carry a pinyin tone mark (after normalize)
TONE_MARKED = frozenset("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ")


@lru_cache(maxsize=8192)
def normalize(syllable: str) -> str:
    """One spelling for comparison: NFC, lower case, ``v``/``u:`` as ``ü``.

    >>> normalize("LV4"), normalize("lu:4"), normalize("xue\u0301")
    ('lü4', 'lü4', 'xué')
    """
    s = unicodedata.normalize("NFC", syllable).lower()
    return s.replace("u:", "ü").replace("v", "ü")


@lru_cache(maxsize=8192)
def has_tone(syllable: str) -> bool:
    """True if the syllable says its tone: a tone mark or a tone number.

    >>> has_tone("xué"), has_tone("xue2"), has_tone("de"), has_tone("an")
    (True, True, False, False)
    """
    s = normalize(syllable)
    return s[-1:].isdigit() or any(c in TONE_MARKED for c in s)


_STRIP_TONE = str.maketrans(
    "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿếề",
    "aaaaeeeeiiiioooouuuuüüüünnnmêê",
    "12345" + "".join(map(chr, range(0x300, 0x370))),  # tone numbers, combining marks
)
# what a pinyin syllable looks like without its tone (every reading pypinyin knows has
# this shape; English words mostly do not: app, Google, iPhone), checked before
# pypinyin is asked, so that text with English after Han need not load it
_SYLLABLE = LazyPattern(
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])"
    r"(?:iang|iong|uang|ueng|ang|eng|ong|ian|iao|uai|uan|üan|ai|ei|ao|ou|an|en|er"
    r"|ia|ie|iu|in|ing|ua|uo|ui|un|üe|ue|ün|a|o|e|i|u|ü|ê)"
    r"|a|o|e|ai|ei|ao|ou|an|en|ang|eng|er|ê|ng|n|m|hm|hng"  # no initial
)


@lru_cache(maxsize=8192)
def looks_like_syllable(syllable: str) -> bool:
    """True if ``syllable`` (any accepted spelling) has the shape of a pinyin syllable.

    >>> looks_like_syllable("Xué"), looks_like_syllable("lv4"), looks_like_syllable("app")
    (True, True, False)
    """
    return _SYLLABLE.fullmatch(normalize(syllable).translate(_STRIP_TONE)) is not None


READINGS_FILE = Path(__file__).parent / "data" / "readings.bin"
# the spellings stored per character, in this order, each a comma-separated list in
# pypinyin's order (its most common reading first)
TONE, TONE3, TONE3_FIVE, ZHUYIN = range(4)
PINYIN = (TONE, TONE3, TONE3_FIVE)


class _Readings:
    """The table's entries by character, compactly: the characters' code points sorted
    in an array, their entries in one string at offsets (as a dict of strings it held
    some 42,000 entries in 8.7 MB; this is about 2 MB)."""

    def __init__(self, table: dict[str, str]) -> None:
        chars = sorted(table, key=ord)  # one character each (scripts/build_readings.py)
        self.points = array("I", map(ord, chars))
        self.entries = "".join(table[c] for c in chars)
        self.ends = array("I", accumulate((len(table[c]) for c in chars), initial=0))

    def get(self, ch: str) -> str | None:
        if len(ch) != 1:
            return None
        o = ord(ch)
        at = bisect_left(self.points, o)
        if at == len(self.points) or self.points[at] != o:
            return None
        return self.entries[self.ends[at] : self.ends[at + 1]]


@cache
def _table() -> _Readings:
    data: dict[str, object] = marshal.loads(zlib.decompress(READINGS_FILE.read_bytes()))
    table = data["readings"]
    assert isinstance(table, dict)
    return _Readings(table)


def spelled(ch: str, style: int) -> list[str]:
    """pypinyin's readings of ``ch`` in one spelling (``pinyin(ch, heteronym=True,
    style=...)``); none for a character it does not know."""
    entry = _table().get(ch)
    return entry.split("|")[style].split(",") if entry else []


@lru_cache(maxsize=65536)
def readings(ch: str) -> frozenset[str]:
    """Every reading pypinyin knows for ``ch``, tone-marked and tone-numbered.

    >>> sorted(readings("學"))[:3]
    ['hua2', 'huá', 'jiao4']
    """
    return frozenset(
        normalize(r) for style in (TONE, TONE3, TONE3_FIVE) for r in spelled(ch, style)
    )


def is_reading(ch: str, syllable: str) -> bool:
    """True if ``syllable`` (any accepted spelling) is a reading of ``ch``."""
    return looks_like_syllable(syllable) and normalize(syllable) in readings(ch)


def _zhuyin_key(syllable: str) -> str:
    """Zhuyin with the neutral-tone dot at the end, as pypinyin writes it."""
    if syllable.startswith("˙"):
        return syllable[1:] + "˙"
    return syllable


@lru_cache(maxsize=65536)
def zhuyin_readings(ch: str) -> frozenset[str]:
    """Every zhuyin reading pypinyin knows for ``ch``.

    >>> sorted(zhuyin_readings("的"))[:2]
    ['ㄉㄜ˙', 'ㄉㄧ']
    """
    return frozenset(_zhuyin_key(r) for r in spelled(ch, ZHUYIN))


@lru_cache(maxsize=65536)
def _zhuyin_bases(ch: str) -> frozenset[str]:
    """The zhuyin readings of ``ch`` without their tone marks."""
    return frozenset(r.rstrip("ˊˇˋ˙") for r in zhuyin_readings(ch))


def first_letter(syllable: str) -> str:
    """The letter (pinyin, tone taken off, ``v`` as ``ü``) or zhuyin symbol a reading
    starts with (the neutral-tone dot aside)."""
    head = syllable.lstrip("˙")[:1].lower()
    return "ü" if head == "v" else head.translate(_STRIP_TONE)


@lru_cache(maxsize=65536)
def first_letters(ch: str) -> frozenset[str]:
    """What the readings of ``ch`` start with, in pinyin and zhuyin: a cheap screen
    before a reading is spelled out against ``ch``."""
    return frozenset(first_letter(r) for r in (*readings(ch), *zhuyin_readings(ch)))


def is_zhuyin_reading(ch: str, syllable: str) -> bool:
    """True if the zhuyin ``syllable`` is a reading of ``ch``, or that reading in the
    neutral tone (這個 ㄓㄜˋ ˙ㄍㄜ: pypinyin lists 個 as ㄍㄜˋ only, as it lists 個 gè)."""
    key = _zhuyin_key(syllable)
    if key in zhuyin_readings(ch):
        return True
    return key.endswith("˙") and key[:-1] in _zhuyin_bases(ch)


@lru_cache(maxsize=65536)
def toneless_readings(ch: str) -> frozenset[str]:
    """The readings of ``ch`` with their tones taken off (``xue`` for 學)."""
    return frozenset(r.translate(_STRIP_TONE) for r in readings(ch))


def is_toneless_reading(ch: str, syllable: str) -> bool:
    """True if ``syllable`` carries no tone and is a reading of ``ch`` without one."""
    if has_tone(syllable) or not looks_like_syllable(syllable):
        return False
    return normalize(syllable) in toneless_readings(ch)


@lru_cache(maxsize=65536)
def first_reading(ch: str) -> frozenset[str]:
    """The reading pypinyin gives ``ch`` first (its most common), in both spellings
    (and the tone-sandhi readings of 一 and 不)."""
    out = {
        normalize(found[0]) for style in (TONE, TONE3, TONE3_FIVE) if (found := spelled(ch, style))
    }
    return frozenset(out | _SANDHI.get(ch, set()))


# 一 and 不 change tone before another syllable; tools annotate them as read
_SANDHI = {"一": {"yí", "yì", "yi2", "yi4"}, "不": {"bú", "bu2"}}
