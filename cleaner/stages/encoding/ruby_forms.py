"""The shapes ruby annotations take once an extractor has flattened a page.

With ``<rp>`` the reading is parenthesised (``學(xué)``, ``學（xue2）``, ``學(ㄒㄩㄝˊ)``);
without it, the reading follows the character directly (``學xué``, ``學xue2``,
``學ㄒㄩㄝˊ``). :func:`candidates` finds every such shape whose reading is one of
the annotated character's readings; which of them go is the rule's decision.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from cleaner.stages.encoding.pinyin_readings import (
    has_tone,
    is_reading,
    is_toneless_reading,
    is_zhuyin_reading,
)

_ZHUYIN_TONE = "ˊˇˋ˙ˉ"
_ZHUYIN = rf"˙?[\u3105-\u312F\u31A0-\u31BF]{{1,4}}[{_ZHUYIN_TONE}]?"
# a Han character, then: a parenthesised syllable (pinyin: tone marks, combining marks,
# ü/v/u:, a tone number; or zhuyin), or a bare pinyin syllable not followed by more
# of a word, or bare zhuyin
RUBY = regex.compile(
    r"(?P<ch>\p{Han})(?:"
    rf"[(（](?P<paren>[\p{{Latin}}\p{{Mn}}:]{{1,8}}[1-5]?|{_ZHUYIN})[)）]"
    r"|(?P<bare>[\p{Latin}\p{Mn}]{1,8}[1-5]?)(?![\p{Latin}\p{Mn}\d._@/+-])"
    rf"|(?P<zhuyin>{_ZHUYIN})"
    ")"
)
# the cheap screen: a Han character right before "(", a letter or a zhuyin symbol
SCREEN = regex.compile(r"\p{Han}[(（\p{Latin}\u3105-\u312F\u31A0-\u31BF˙]")
# what may follow a dictionary headword's reading: a colon (``學(xué)：``)
_HEADWORD_AFTER = regex.compile(r"[ \t]*[:：]")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A reading right after its character: ``text[start:end]`` is the annotation."""

    char_at: int
    start: int
    end: int
    reading: str
    parens: bool
    zhuyin: bool
    toned: bool

    def headword(self, text: str) -> bool:
        """A dictionary line's headword: reading then a colon, or the line's first
        character then a space (``學(xué) 動詞``)."""
        if _HEADWORD_AFTER.match(text, self.end):
            return True
        at_line_start = self.char_at == 0 or text[self.char_at - 1] == "\n"
        return at_line_start and text[self.end : self.end + 1] in (" ", "\t")


def _zhuyin_valid(ch: str, reading: str) -> bool:
    return is_zhuyin_reading(ch, reading.rstrip("ˉ"))


def candidates(text: str) -> list[Candidate]:
    """Every annotation shape in ``text`` whose reading is one of its character's."""
    if SCREEN.search(text) is None:
        return []
    out: list[Candidate] = []
    for m in RUBY.finditer(text):
        ch = m["ch"]
        paren, bare, zhu = m["paren"], m["bare"], m["zhuyin"]
        reading = paren or bare or zhu
        zhuyin = zhu is not None or _is_zhuyin(reading)
        if zhuyin:
            if not _zhuyin_valid(ch, reading):
                continue
            toned = True  # zhuyin never spells an English word
        else:
            toneless_ok = bare is not None and is_toneless_reading(ch, reading)
            if not (is_reading(ch, reading) or toneless_ok):
                continue
            toned = has_tone(reading)
        out.append(
            Candidate(m.start(), m.start() + 1, m.end(), reading, paren is not None, zhuyin, toned)
        )
    return out


@lru_cache(maxsize=256)
def _is_zhuyin(reading: str) -> bool:
    return reading[0] in _ZHUYIN_TONE or "\u3105" <= reading[0] <= "\u31bf"


@lru_cache(maxsize=1)
def traditional_only() -> frozenset[str]:
    """Characters that exist only in Traditional (學 風 區): the ones annotation sites
    annotate on a page in Traditional, where a textbook glosses rare characters."""
    from cleaner.stages.convert.tables import load

    return frozenset(load()["t_only"])


_PAREN_READING = regex.compile(rf"[\p{{Latin}}\p{{Mn}}:]{{1,8}}[1-5]?|{_ZHUYIN}")


def is_annotation(ch: str, inside: str) -> bool:
    """True if ``inside`` (a parenthesis' content after ``ch``) is a reading of ``ch``:
    an annotation the pinyin rule kept, whose parentheses must not be folded."""
    if _PAREN_READING.fullmatch(inside) is None:
        return False
    if _is_zhuyin(inside):
        return _zhuyin_valid(ch, inside)
    return is_reading(ch, inside)
