"""reading_lines: lines of ruby readings that a PDF extractor printed apart from their text.

A page typeset with ruby (a ruby page printed to PDF, a textbook with pinyin over its
lines) sets the readings above the characters. pdftotext prints each row of readings
as a line of its own, above its text (``-layout``) or before the paragraph, and
pdfminer prints them in pieces around it::

    dì   yī tiáo   wèi le xiāo chú
    第一条 为了消除和减少烟草烟雾的危害

A line goes, with the blank lines after it when a blank line stood before it, when it
holds only syllables (lower-case pinyin, maybe run together, a tone on at least one,
or zhuyin) and they are, in order, readings of Han characters within ``window``
characters of it, in
prose (a clause mark among them), at least ``min_syllables`` such syllables in the
block. Lines of English, names (``Li Ming``), syllables no character near them reads,
and a tone drill without prose around it (``mā má mǎ mà`` over ``妈 麻 马 骂``) stay.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from cleaner.core.edits import Edit
from cleaner.core.rule import BaseParams, BlockContext, Rule, param
from cleaner.stages.encoding.models.pinyin_readings import first_letter, first_letters, has_tone
from cleaner.stages.encoding.ruby_forms import valid_piece

# zhuyin: syllables run together, maybe a tone mark set apart (ㄨ ˋ)
_ZHUYIN = r"[ˊˇˋ˙\u3105-\u312F\u31A0-\u31BF]{1,160}"
# pinyin: one syllable or several run together (pdftotext joins close ones: bǎozhàng)
_PINYIN = r"[a-zü\u00e0-\u01dc][a-zü\u00e0-\u01dc\u0300-\u036f1-5]{0,159}"
_SYLLABLES = rf"(?:{_PINYIN}|{_ZHUYIN})"
# the cheap screen, over the whole block: lines of syllable-shaped words alone
READING_LINE = re.compile(rf"^[ \t]*{_SYLLABLES}(?:[ \t]+{_SYLLABLES})*[ \t]*$", re.MULTILINE)
# where a line of syllables may start: after a newline, its first syllable's first letter
_ROW_HEAD = re.compile(r"\n[ \t]*[a-zü\u00e0-\u01dcˊˇˋ˙\u3105-\u312F\u31A0-\u31BF]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_CLAUSE_MARK = re.compile(r"[。！？，；、：]")
_BLANK_LINES = re.compile(r"(?:[ \t]*\n)+")


_TONE_MARKS = frozenset("ˊˇˋ˙")
_PIECE = 2  # at most this long, a word at a row's end may be part of a split reading


def _is_zhuyin(token: str) -> bool:
    return "\u3105" <= token[-1] <= "\u31bf" or token[-1] in _TONE_MARKS


def _words(line: str) -> list[str]:
    """The line's words, a zhuyin tone mark set apart back on its syllable (ㄨ ˋ: ㄨˋ)."""
    words: list[str] = []
    for t in line.split():
        if words and t in _TONE_MARKS:
            words[-1] += t
        else:
            words.append(t)
    return words


def _toned(words: list[str]) -> bool:
    """A tone said by one word at least: the cheap test (no table is read for a line
    of English)."""
    return any(_is_zhuyin(t) or has_tone(t) for t in words)


def _reads_at(han: str, at: int, token: str) -> int:
    """How many characters from ``at`` the ``token`` reads, one syllable each (0: it
    does not)."""
    if not token:
        return 0
    for n in range(min(len(token), 8), 0, -1):  # a syllable: 8 letters at most
        if at < len(han) and valid_piece(han[at], token[:n]):
            if n == len(token):
                return 1
            k = _reads_at(han, at + 1, token[n:])
            if k:
                return k + 1
    return 0


def _cores(words: list[str]) -> list[list[str]]:
    """The row, then the row without a short piece at either end: a reading too wide
    for the row is split between two (ㄒㄧㄥˊ ㄔ, then ㄜ ˙ㄉㄜ on the next)."""
    out = [words]
    if len(words) > 2:
        head, tail = len(words[0]) <= _PIECE, len(words[-1]) <= _PIECE
        if head:
            out.append(words[1:])
        if tail:
            out.append(words[:-1])
        if head and tail and len(words) > 3:
            out.append(words[1:-1])
    return out


def _read_in_order(tokens: list[str], han: str) -> bool:
    """Each token the readings of characters of ``han``, in order (gaps allowed)."""
    at = 0
    for token in tokens:
        head = first_letter(token)
        while at < len(han) and (
            head not in first_letters(han[at]) or not (k := _reads_at(han, at, token))
        ):
            at += 1
        if at == len(han):
            return False
        at += k
    return True


def reading_rows(text: str) -> Iterator[re.Match[str]]:
    """``READING_LINE.finditer(text)``, tried only at the start of the text and of a line
    that opens (after spaces) with a syllable's first letter: the screen, which finds
    those lines some ten times as fast as the pattern tries every position."""
    for p in itertools.chain((0,), (m.start() + 1 for m in _ROW_HEAD.finditer(text))):
        m = READING_LINE.match(text, p)
        if m is not None:
            yield m


class ReadingLines(Rule):
    """Remove rows of ruby readings a PDF extractor printed as lines of their own."""

    id = "reading_lines"
    stage = "encoding"

    @dataclass
    class Params(BaseParams):
        # how far (characters, either side) the characters a row reads may be
        window: int = param(400, ge=1)
        # fewest syllables in the block's rows of readings before any goes
        min_syllables: int = param(2, ge=1)

    params: Params

    def find(self, text: str, ctx: BlockContext) -> Iterator[Edit]:
        rows = [(m, _words(m[0])) for m in reading_rows(text)]
        toned = [(m, words) for m, words in rows if _toned(words)]
        if not toned:
            return
        spans = [(m.start(), m.end()) for m, _ in rows]
        found = [(m, words) for m, words in toned if self._reads(text, spans, m, words)]
        if sum(len(t) for _, t in found) < self.params.min_syllables:
            return
        # rows without a tone (de, the neutral 的) go among rows that go
        found += [
            (m, words)
            for m, words in rows
            if not _toned(words) and self._reads(text, spans, m, words)
        ]
        found.sort(key=lambda row: row[0].start())
        for m, words in found:
            start, end = m.start(), m.end()
            if text.startswith("\n", end):
                end += 1
                if start == 0 or text[max(0, start - 2) : start] in ("\n", "\n\n"):
                    blanks = _BLANK_LINES.match(text, end)
                    end = blanks.end() if blanks else end
            yield Edit(start, end, "", note={"syllables": len(words)})

    def _reads(
        self, text: str, spans: list[tuple[int, int]], m: re.Match[str], words: list[str]
    ) -> bool:
        """The row's words read, in order, Han characters of the prose around it."""
        w = self.params.window
        around = self._prose(text, spans, max(0, m.start() - w), m.end() + w)
        return bool(around) and any(_read_in_order(core, around) for core in _cores(words))

    @staticmethod
    def _prose(text: str, rows: list[tuple[int, int]], a: int, b: int) -> str:
        """The Han characters of ``text[a:b]`` outside the rows of readings (sorted
        spans), if a clause mark is among the text there (else "")."""
        if _CLAUSE_MARK.search(text, a, b) is None:
            return ""  # the cheap test first: no prose around
        parts, at = [], a
        for s, e in rows[max(0, bisect_right(rows, (a, a)) - 1) :]:
            if s >= b:
                break
            if e <= at:
                continue
            parts.append(text[at:s])
            at = e
        parts.append(text[at:b])
        outside = "".join(parts)
        if _CLAUSE_MARK.search(outside) is None:
            return ""
        return "".join(_HAN.findall(outside))
