"""The shapes ruby annotations take once an extractor has flattened a page.

With ``<rp>`` the reading is parenthesised (``學(xué)``, ``學（xue2）``, ``學(ㄒㄩㄝˊ)``);
without it, the reading follows the character directly (``學xué``, ``學xue2``,
``學ㄒㄩㄝˊ``), maybe glued to the word after it (``用yòngiPhone``); trafilatura puts
each part on a line of its own (``學``, ``(``, ``xué``, ``)``). :func:`candidates` finds every such
shape whose reading is one of the annotated character's readings; which of them go is
the rule's decision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import regex

from cleaner.core.lazy_pattern import LazyPattern
from cleaner.stages.encoding.pinyin_readings import (
    has_tone,
    is_reading,
    is_toneless_reading,
    is_zhuyin_reading,
    looks_like_syllable,
)
from cleaner.stages.encoding.punct_classes import TONE_LETTERS

_ZHUYIN_TONE = "ˊˇˋ˙ˉ"
_ZHUYIN = rf"˙?[\u3105-\u312F\u31A0-\u31BF]{{1,4}}[{_ZHUYIN_TONE}]?"
_LATIN_SYLLABLE = r"[\p{Latin}\p{Mn}]{1,8}[1-5]?"
# a Han character, then one of:
# - a parenthesised reading (pinyin: tone marks, combining marks, ü/v/u:, a tone
#   number; or zhuyin): 學(xué)
# - a bare pinyin syllable not followed by more of a word: 學xué
# - a run of letters that may start with a toned syllable glued to a word or number:
#   用yòngiPhone, 於yú10:30, 於yu210:30
# - bare zhuyin: 學ㄒㄩㄝˊ
# - the reading on a line of its own, parenthesised or not (trafilatura puts each part
#   of a <ruby> on its own line): 學\n(\nxué\n)\n or 學\nxué\n
# - the reading after one space, parenthesised or not (a scraper that joins a page's
#   text nodes with a space, " ".join(el.itertext()) or get_text(" ")): 學 xué 習 xí,
#   學 ( xué ) 習 ( xí )
RUBY = regex.compile(
    r"(?P<ch>\p{Han})(?:"
    rf"[(（](?P<paren>[\p{{Latin}}\p{{Mn}}:]{{1,8}}[1-5]?|{_ZHUYIN})[)）]"
    rf"|(?P<bare>{_LATIN_SYLLABLE})(?![\p{{Latin}}\p{{Mn}}\d._@/+-])"
    r"|(?P<glued>[\p{Latin}\p{Mn}][\p{Latin}\p{Mn}\d]{1,39})"
    rf"|(?P<zhuyin>{_ZHUYIN})"
    rf"|\n(?:[(（]\n(?P<lineparen>{_LATIN_SYLLABLE}|{_ZHUYIN})\n[)）]|(?P<line>{_LATIN_SYLLABLE}|{_ZHUYIN}))"
    r"(?=\n|$)"
    rf"|[ ](?:[(（][ ](?P<spacedparen>{_LATIN_SYLLABLE}|{_ZHUYIN})[ ][)）]"
    rf"|(?P<spaced>{_LATIN_SYLLABLE}|{_ZHUYIN})(?![\p{{Latin}}\p{{Mn}}\d._@/+-]))"
    ")"
)
# the cheap screen: one character a reading starts with ("(", a Latin letter, a zhuyin
# symbol); RUBY is tried where one follows a Han character, maybe across a line break.
# The standard library scans this class at about 300 MB/s, five times what regex does
# with \p{Latin} or a lookbehind (or with a "+" after the class)
SCREEN = re.compile(r"[(（A-Za-z\u00C0-\u024F\u1E00-\u1EFF\u3105-\u312F\u31A0-\u31BF\u02D9]")
_HAN = regex.compile(r"\p{Han}")
# what may follow a dictionary headword's reading: a colon (``學(xué)：``)
_HEADWORD_AFTER = regex.compile(r"[ \t]*[:：]")
_SENTENCE_END = "。！？；!?;：:"
_NEXT_WORD = regex.compile(r"[\p{Latin}\p{Mn}]{1,8}[1-5]?(?![\p{Latin}\p{Mn}\d])")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A reading right after its character: ``text[start:end]`` is the annotation.

    ``shape`` is "paren", "bare", "spaced" or "lines"; a "lines" annotation also takes the line
    break before its character (``join_before``) when that break is the extractor's."""

    char_at: int
    start: int
    end: int
    reading: str
    shape: str
    zhuyin: bool
    toned: bool
    join_before: bool = False

    def headword(self, text: str) -> bool:
        """A dictionary line's headword: the line's first character, its reading, then
        a colon or a space (``學(xué)：``, ``學(xué) 動詞``)."""
        if self.shape == "lines" or (self.char_at and text[self.char_at - 1] != "\n"):
            return False
        if self.shape == "spaced":  # 學 xué 動詞 (the rule asks whether it is alone)
            return True
        return bool(_HEADWORD_AFTER.match(text, self.end)) or text[self.end : self.end + 1] in (
            " ",
            "\t",
        )


def _zhuyin_valid(ch: str, reading: str) -> bool:
    return is_zhuyin_reading(ch, reading.rstrip("ˉ"))


def _glued(ch: str, run: str) -> str | None:
    """The reading of ``ch`` that starts ``run`` before a letter or digit: a toned one
    (``yòng`` of ``yòngiPhone``, ``yu2`` of ``yu210:30``), or a lower-case one before a
    capital (``ge`` of ``geAPP``), if any."""
    head = run[:8]
    toned = not head.isascii() or not head.isalpha()  # a tone mark or a tone number
    if not toned and not (head[0].islower() and not head.islower()):
        return None  # an English word (Google, app): no tone, no capital after lower case
    for k in range(min(len(run) - 1, 7), 0, -1):
        head, rest = run[:k], run[k]
        if not rest.isalnum():
            continue
        if has_tone(head) and is_reading(ch, head):
            return head
        if rest.isupper() and head.islower() and is_toneless_reading(ch, head):
            return head
    return None


def _valid_bare(ch: str, syllable: str) -> bool:
    return is_reading(ch, syllable) or is_toneless_reading(ch, syllable)


def _lines_shape(text: str, m: regex.Match[str]) -> tuple[int, bool] | None:
    """For a reading on its own line: where the annotation ends (its line break
    included) and whether the break before the character goes too (not after the end
    of a sentence). None when the character is not alone on its line."""
    at = m.start()
    if at and text[at - 1] != "\n":
        return None
    end = m.end() + (1 if text.startswith("\n", m.end()) else 0)
    before = text[at - 2] if at >= 2 else "\n"
    return end, at > 0 and before not in _SENTENCE_END and before != "\n"


def _syllable_after(text: str, end: int) -> bool:
    """A space and a word shaped like a pinyin syllable at ``end`` (the ``ma`` of
    妈妈 mā ma; not the ``app`` of 个 gè app)."""
    if not text.startswith(" ", end):
        return False
    word = _NEXT_WORD.match(text, end + 1)
    return word is not None and looks_like_syllable(word[0])


def _space_before(text: str, at: int) -> bool:
    """The space before the character at ``at`` is the separator's (我们 今 jīn,
    ( 所 suǒ ), iPhone 拍 pāi): a page joined with spaces has one after every text node,
    and the character starts one. Not at a line's start."""
    return at >= 2 and text[at - 1] == " " and text[at - 2] != "\n"


def _spaced_end(text: str, end: int) -> int:
    """Where a reading after a space ends: with the space after it, the separator's
    (今 jīn 天 goes to 今天)."""
    return end + 1 if text.startswith(" ", end) else end


def candidates(text: str) -> list[Candidate]:
    """Every annotation shape in ``text`` whose reading is one of its character's."""
    out: list[Candidate] = []
    done = 0
    han, ruby = _HAN.match, RUBY.match
    for i in [h.start() for h in SCREEN.finditer(text)]:
        at = i - 1
        if at >= 0 and (text[at] == "\n" or text[at] == " "):
            at -= 1
        if at < done or at < 0 or text[at] < "\u2e80" or not han(text, at):
            continue  # no Han character before it (the cheap test first: inside a word)
        m = ruby(text, at)
        if m is None:
            continue
        done = m.end()
        ch, end, join = m["ch"], m.end(), False
        shape = "paren" if m["paren"] else "bare"
        reading = m["paren"] or m["bare"] or m["zhuyin"]
        glued = m["glued"]
        if m["bare"] and not _valid_bare(ch, m["bare"]):
            glued = m["bare"]  # maybe a reading glued to more: 月yuè1日, 个geAPP
        if glued is not None:
            reading = _glued(ch, glued)
            if reading is None:
                continue
            end = m.start() + 1 + len(reading)
        elif m["spacedparen"] is not None:
            reading, shape = m["spacedparen"], "paren"
            end, join = _spaced_end(text, end), _space_before(text, m.start())
        elif m["spaced"] is not None:
            reading = m["spaced"]
            if reading[0].isupper() or _syllable_after(text, end):
                # a name or a word in a sentence (王 Wang, 在 Shanghai); a word's
                # reading after it (妈妈 mā ma): a ruby page reads one character at a time
                continue
            shape, end = "spaced", _spaced_end(text, end)
            join = _space_before(text, m.start())
        elif m["line"] is not None or m["lineparen"] is not None:
            found = _lines_shape(text, m)
            if found is None:
                continue
            end, join = found
            shape, reading = "lines", m["line"] or m["lineparen"]
        zhuyin = _is_zhuyin(reading)
        if zhuyin:
            if not _zhuyin_valid(ch, reading):
                continue
            toned = True  # zhuyin never spells an English word
        else:
            toneless_ok = shape != "paren" and is_toneless_reading(ch, reading)
            if not (is_reading(ch, reading) or toneless_ok):
                continue
            toned = has_tone(reading)
        out.append(Candidate(m.start(), m.start() + 1, end, reading, shape, zhuyin, toned, join))
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


_PAREN_READING = LazyPattern(rf"[\p{{Latin}}\p{{Mn}}:]{{1,8}}[1-5]?|{_ZHUYIN}")


# pinyin with a tone mark on each syllable, or zhuyin: an annotation whatever character
# it stands after (a reading of another character, or a character the decoder broke)
_TONED_SYLLABLE = rf"[a-zü]{{0,5}}[{TONE_LETTERS}][a-zü]{{0,5}}"
_ANNOTATION_SHAPE = LazyPattern(rf"{_TONED_SYLLABLE}(?: {_TONED_SYLLABLE}){{0,3}}|{_ZHUYIN}")


def annotation_shaped(inside: str) -> bool:
    """``inside`` (a parenthesis' content) is pinyin syllables with tone marks
    (``hé``, not ``café``) or zhuyin."""
    if _ANNOTATION_SHAPE.fullmatch(inside) is None:
        return False
    return _is_zhuyin(inside) or all(map(looks_like_syllable, inside.split(" ")))


def is_annotation(ch: str, inside: str) -> bool:
    """True if ``inside`` (a parenthesis' content after ``ch``) is a reading of ``ch``:
    an annotation the pinyin rule kept, whose parentheses must not be folded."""
    if _PAREN_READING.fullmatch(inside) is None:
        return False
    if _is_zhuyin(inside):
        return _zhuyin_valid(ch, inside)
    return is_reading(ch, inside)
