"""The shapes ruby annotations take once an extractor has flattened a page.

With ``<rp>`` the reading is parenthesised (``學(xué)``, ``學（xue2）``, ``學(ㄒㄩㄝˊ)``);
without it, the reading follows the character directly (``學xué``, ``學xue2``,
``學ㄒㄩㄝˊ``), maybe glued to the word after it (``用yòngiPhone``); trafilatura puts
each part on a line of its own (``學``, ``(``, ``xué``, ``)``). A page that annotates
words prints a word's readings after it, spaced or joined (``今天(jīn tiān)``,
``今天(jīntiān)``, ``今天jīn tiān``). :func:`candidates` finds every such shape whose
readings are the annotated characters' readings; which of them go is the rule's
decision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import regex

from cleaner.core.lazy_pattern import LazyPattern
from cleaner.stages.encoding.models.pinyin_readings import (
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
# a word's readings glued to it: syllables (maybe joined, xī'ān) with one space between
_WORD_SYLLABLE = rf"[\p{{Latin}}\p{{Mn}}][\p{{Latin}}\p{{Mn}}'’1-5]{{0,47}}|{_ZHUYIN}"
_WORD_BARE = regex.compile(rf"(?:{_WORD_SYLLABLE})(?:[ ](?:{_WORD_SYLLABLE})){{0,7}}")
_WORD_PAREN = regex.compile(
    rf"[(（]( ?)((?:{_WORD_SYLLABLE})(?:[ ](?:{_WORD_SYLLABLE})){{0,7}})\1[)）]"
)
_WORD_AFTER = regex.compile(r"[\p{Latin}\p{Mn}\d]")
_WORD_LINES = regex.compile(
    rf"\n(?:[(（]\n((?:{_WORD_SYLLABLE})(?:[ ](?:{_WORD_SYLLABLE})){{0,7}})\n[)）]"
    rf"|((?:{_WORD_SYLLABLE})(?:[ ](?:{_WORD_SYLLABLE})){{0,7}}))(?=\n|$)"
)
_MAX_WORD = 8  # characters of one annotated word
# what says a tone: a tone mark (maybe combining), a tone number, zhuyin
_SAYS_TONE = re.compile(f"[{TONE_LETTERS}\u0300-\u036f1-5{_ZHUYIN_TONE}\u3105-\u312f\u31a0-\u31bf]")
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
    chars: int = 1  # characters annotated: a word's readings cover more than one

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


def valid_piece(ch: str, piece: str) -> bool:
    """``piece`` (pinyin, toneless too, or zhuyin) is a reading of ``ch``."""
    if _is_zhuyin(piece):
        return _zhuyin_valid(ch, piece)
    return _valid_bare(ch, piece)


def _segment(chars: str, spelled: str) -> list[str] | None:
    """``spelled`` cut into one reading of each of ``chars`` in order (jīntiān for
    今天: jīn, tiān), or None."""
    if not chars:
        return [] if not spelled else None
    for n in range(min(len(spelled), 8), 0, -1):  # a syllable: 8 letters at most (a tone digit)
        piece = spelled[:n]
        if valid_piece(chars[0], piece):
            rest = _segment(chars[1:], spelled[n:])
            if rest is not None:
                return [piece, *rest]
    return None


def word_readings(before: str, inside: str) -> list[str] | None:
    """The readings of the last two or more characters of ``before`` (a run of Han
    characters ending right before the reading) that ``inside`` spells, one per
    character, spaced (``jīn tiān``) or joined (``jīntiān``, ``xī'ān``); None unless
    every one is a reading of its character, one at least says its tone, and nothing
    is capitalised (``北京(Běijīng)`` is a name's gloss)."""
    if not _SAYS_TONE.search(inside) or any(c.isupper() for c in inside):
        return None  # the cheap tests first: English (app, iPhone) never loads the readings
    parts = inside.split(" ")
    if not all(parts):
        return None  # a space at an end or two in a row: no word's readings
    if len(parts) > 1:
        k = len(parts)
        chars = before[-k:]
        if len(chars) < k or not all(map(valid_piece, chars, parts)):
            return None
        found: list[str] | None = parts
    else:
        spelled = inside.replace("'", "").replace("’", "")
        found = None
        for k in range(2, min(len(before), _MAX_WORD) + 1):
            found = _segment(before[-k:], spelled)
            if found is not None:
                break
    if found is None or not any(_is_zhuyin(r) or has_tone(r) for r in found):
        return None
    return found


def _han_run(text: str, at: int) -> str:
    """The Han characters (at most a word's) ending at ``at``."""
    start = at
    while start > 0 and at - start < _MAX_WORD - 1 and _HAN.match(text, start - 1):
        start -= 1
    return text[start : at + 1]


def _word_lines(text: str, at: int, run: str) -> Candidate | None:
    """A word alone on its line, its readings on the next (parenthesised or not), as
    trafilatura prints a word's <ruby>."""
    m = _WORD_LINES.match(text, at + 1)
    if m is None:
        return None
    found = word_readings(run, m[1] or m[2])
    if found is None:
        return None
    k = len(found)
    line_start = at + 1 - k
    if line_start and text[line_start - 1] != "\n":
        return None  # not alone on its line
    end = m.end() + (1 if text.startswith("\n", m.end()) else 0)
    before = text[line_start - 2] if line_start >= 2 else "\n"
    join = line_start > 0 and before not in _SENTENCE_END and before != "\n"
    zhuyin = _is_zhuyin(found[0])
    return Candidate(line_start, at + 1, end, " ".join(found), "lines", zhuyin, True, join, k)


def _word(text: str, at: int, spaced: bool) -> Candidate | None:
    """A word's readings after it, its last character at ``at``: parenthesised
    (``今天(jīn tiān)``, ``今天(jīntiān)``) or bare, before anything but a letter or a
    digit (``今天jīn tiān下午``); ``spaced``: after a space, the separator's of a page
    joined with spaces (``今天 jīn tiān 下午``, ``今天 ( jīn tiān ) 下午``)."""
    run = _han_run(text, at)
    if len(run) < 2:
        return None
    if text[at + 1] == "\n":
        return _word_lines(text, at, run)
    start = at + 1 + spaced
    if text[start : start + 1] in ("(", "（"):
        m = _WORD_PAREN.match(text, start)
        if m is None or bool(m[1]) != spaced:
            return None
        tries = [(m[2], m.end(), "paren")]
    else:
        m = _WORD_BARE.match(text, start)
        if m is None:
            return None
        parts = m[0].split(" ")
        tries, end = [], start
        for n, part in enumerate(parts):  # every prefix of the syllables, longest first
            end += len(part) + (1 if n else 0)
            if not _WORD_AFTER.match(text, end):
                tries.append((" ".join(parts[: n + 1]), end, "spaced" if spaced else "bare"))
        tries.reverse()
    for inside, end, shape in tries:
        found = word_readings(run, inside)
        if found is not None:
            k, join = len(found), False
            if spaced:
                end, join = _spaced_end(text, end), _space_before(text, at + 1 - k)
            zhuyin = _is_zhuyin(found[0])
            reading = " ".join(found)
            return Candidate(at + 1 - k, at + 1, end, reading, shape, zhuyin, True, join, k)
    return None


def candidates(text: str) -> list[Candidate]:
    """Every annotation shape in ``text`` whose reading is one of its character's (or
    whose readings are its word's)."""
    out: list[Candidate] = []
    done = 0
    han, ruby = _HAN.match, RUBY.match
    for i in [h.start() for h in SCREEN.finditer(text)]:
        at = i - 1
        if at >= 0 and (text[at] == "\n" or text[at] == " "):
            at -= 1
        if at < done or at < 0 or text[at] < "\u2e80" or not han(text, at):
            continue  # no Han character before it (the cheap test first: inside a word)
        if at >= i - 2:
            word = _word(text, at, spaced=at == i - 2 and text[at + 1] == " ")
            if word is not None and word.char_at >= done:
                out.append(word)
                done = word.end
                continue
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


def is_annotation(before: str, inside: str) -> bool:
    """True if ``inside`` (a parenthesis' content after ``before``, the Han characters
    before it) is a reading of the last character, or the readings of the last word:
    an annotation the pinyin rule kept, whose parentheses must not be folded."""
    if word_readings(before, inside) is not None:
        return True
    ch = before[-1:]
    if _PAREN_READING.fullmatch(inside) is None:
        return False
    if _is_zhuyin(inside):
        return _zhuyin_valid(ch, inside)
    return is_reading(ch, inside)
