"""letter_spacing: Han characters set one space apart (担 当 源 自 责 任), also when only
part of a line is (推 动高 质 量 发 展).

Two kinds of evidence, each enough:

- a run: ``min_run`` or more single Han characters (a mark may cling to one), each set
  one space apart from the next, with whitespace or the line's edge on either side: a
  letter-spaced headline or line;
- a chain: spaces inside a line that an extractor put into a justified line whose glyphs
  stand wider apart than usual. It spaces some gaps and not others, so the pieces
  between its spaces are one or two characters long, and the line's text runs on into
  the chain on either side (unwrap joined the line to its neighbours). A chain is a
  sequence of such spaces, each between two characters of Chinese text (Han, a
  full-width mark or a digit, at least one of the two Han), every piece between two of
  them at most ``max_token`` Han characters long (marks and digits aside). It is
  collapsed when at least ``min_singles`` of its pieces are single Han characters (a
  piece at either end counts when whitespace or the line's edge bounds it and it is no
  longer than ``max_token``), at least ``min_share`` of the gaps between two Han
  characters across its pieces are spaced, and it holds ``min_run`` Han characters.

Intended spaces part words and phrases, not single characters: a title and its subtitle
(``无偿搭乘亲友出事故 依法减轻赔偿责任``), the halves of a couplet (``床前明月光 疑是地上霜``),
names (``（徐林 岳宗 许巨滔 茂新）``, ``記者 王 明`` with a two-character name spaced out),
table cells (``甲 1 乙 2``: no spaced gap between two Han characters), English and code.
Spaces between two digits, two marks, or next to a Latin letter are never touched.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import regex

from cleaner.core.edits import Edit
from cleaner.core.lazy_pattern import LazyPattern
from cleaner.core.rule import BlockContext, Rule, param
from cleaner.core.rule import Params as BaseParams
from cleaner.stages.layout.text import CJK_PUNCT, HAN
from cleaner.stages.sparse_find import sparse_offsets

_P = f"[{CJK_PUNCT}]"
# one spaced token: a single Han character with at most one mark on each side, or a lone mark
_TOKEN = rf"(?:{_P}?{HAN}{_P}?|{_P})"
# a Han character, a space, a Han character; the space is looked for first (the
# regex module would try every Han character of the block as the first)
_SCREEN = regex.compile(rf"[ \u3000](?<={HAN}[ \u3000])(?={HAN})")
_IS_HAN = regex.compile(HAN)
# one space between two characters of Chinese text, at least one of them Han
# (the lookahead first: a position holding no space is rejected before the lookbehinds)
_GAP = regex.compile(
    rf"(?=[ \u3000])(?:(?<={HAN})[ \u3000](?=[{CJK_PUNCT}0-9\p{{Han}}])"
    rf"|(?<=[{CJK_PUNCT}0-9])[ \u3000](?={HAN}))"
)
_PIECE = regex.compile(rf"[{CJK_PUNCT}0-9\p{{Han}}]+")
_HAN_PAIR = regex.compile(rf"{HAN}(?={HAN})")


@dataclass(frozen=True, slots=True)
class _Piece:
    han: int  # Han characters
    tight: int  # gaps between two Han characters with no space


def _piece(text: str) -> _Piece | None:
    """The piece ``text`` if it is Chinese text only (no whitespace), else None."""
    if not text or _PIECE.fullmatch(text) is None:
        return None
    return _Piece(len(_IS_HAN.findall(text)), len(_HAN_PAIR.findall(text)))


class LetterSpacing(Rule):
    """Collapse Han text set a space apart: letter-spaced runs, and lines spaced out in part.

    A run (`min_run` single Han characters set a space apart, whitespace or the
    line's edge around it) is a letter-spaced headline or line. A chain is part of a
    line an extractor spaced out (a justified line whose glyphs stand wide:
    `推 动高 质 量 发 展`): single spaces between Chinese text (Han, full-width
    marks, digits), the pieces between them at most `max_token` Han characters. It
    is collapsed with `min_singles` single Han characters among its pieces,
    `min_share` of its gaps between two Han characters spaced and `min_run` Han
    characters in all. A name spaced out (`记者 王 明`) has two single characters;
    phrases, couplets, a title and its subtitle, tables (`甲 1 乙 2`), English and
    code stay.
    """

    id = "letter_spacing"
    stage = "layout"

    @dataclass
    class Params(BaseParams):
        # a run needs at least this many single-character tokens to be collapsed
        # (below 3 it would join word pairs)
        min_run: int = param(4, ge=3)
        # a chain (part of a line spaced out) needs this many single Han characters
        min_singles: int = param(3, ge=2)
        # the longest piece between two spaces of a chain (Han characters)
        max_token: int = param(2, ge=1, le=3)
        # the share of a chain's gaps between two Han characters that are spaced
        min_share: float = param(0.6, gt=0, le=1)

    params: Params

    def setup(self) -> None:
        n = self.params.min_run - 1
        self.run = LazyPattern(rf"(?<![^\s]){_TOKEN}(?:[ \u3000]{_TOKEN}){{{n},}}(?![^\s])")
        # what a run holds inside: tokens each between two spaces; searching for it first
        # is far cheaper than trying the run pattern at every position
        self.inside = LazyPattern(rf"[ \u3000](?:{_TOKEN}[ \u3000]){{{n - 1}}}")
        self.gap = regex.compile(r"[ \u3000]")
        # a piece of at most max_token Han characters: read no further than one more
        # (the text between two gaps, or up to whitespace, may be a whole line)
        short = rf"[{CJK_PUNCT}0-9]*(?:{HAN}[{CJK_PUNCT}0-9]*){{0,{self.params.max_token}}}"
        self.short = regex.compile(short)
        self.short_after = regex.compile(rf"{short}(?!\S)")  # then whitespace or the end
        self.short_before = regex.compile(rf"(?<!\S){short}", regex.REVERSE)

    def find(self, text: str, ctx: BlockContext) -> Iterator[Edit]:
        spaces = _sparse_spaces(text)
        if not _found(_SCREEN, text, spaces):
            return
        gaps: set[int] = set()
        for m in self.run.finditer(text) if _found(self.inside, text, spaces) else ():
            if len(regex.findall(HAN, m.group())) < self.params.min_run - 1:
                continue  # mostly marks: leave it
            gaps.update(m.start() + g.start() for g in self.gap.finditer(m.group()))
        gaps.update(self._chains(text, spaces))
        for at in sorted(gaps):
            yield Edit(at, at + 1, "")

    def _chains(self, text: str, spaces: list[int] | None) -> Iterator[int]:
        """Offsets of the spaces of every chain that the evidence says to collapse."""
        chain: list[int] = []
        pieces: list[_Piece] = []  # the pieces between the chain's spaces
        if spaces is None:
            found = [m.start() for m in _GAP.finditer(text)]
        else:
            found = [i for i in spaces if _GAP.match(text, i)]
        for at in found:
            if chain:
                between = self._short(self.short.fullmatch(text, chain[-1] + 1, at))
                if between is not None:
                    chain.append(at)
                    pieces.append(between)
                    continue
                if self._collapse(text, chain, pieces):
                    yield from chain
            chain, pieces = [at], []
        if chain and self._collapse(text, chain, pieces):
            yield from chain

    @staticmethod
    def _short(m: regex.Match[str] | None) -> _Piece | None:
        """The piece a ``short`` pattern matched (at most max_token Han characters): the
        text between two gaps of a chain, or before its first or after its last up to
        whitespace or the text's edge; None if there is none (or it is longer)."""
        return _piece(m.group()) if m is not None else None

    def _collapse(self, text: str, chain: list[int], pieces: list[_Piece]) -> bool:
        p = self.params
        if len(chain) < 2:
            return False  # two pieces: two single characters at most, below min_run
        han = sum(x.han for x in pieces)
        counted = list(pieces)
        for end, at, step in (
            (self._short(self.short_before.match(text, 0, chain[0])), chain[0], -1),
            (self._short(self.short_after.match(text, chain[-1] + 1)), chain[-1], 1),
        ):
            if end is not None and end.han <= p.max_token:
                counted.append(end)
                han += end.han
            else:  # the line runs on: only the character next to the space counts
                han += _IS_HAN.match(text[at + step]) is not None
        singles = sum(x.han == 1 for x in counted)
        spaced = sum(
            _IS_HAN.match(text[at - 1]) is not None and _IS_HAN.match(text[at + 1]) is not None
            for at in chain
        )
        if not spaced or singles < p.min_singles or han < p.min_run:
            return False
        return spaced / (spaced + sum(x.tight for x in counted)) >= p.min_share


# a text with fewer spaces than one in this many characters is searched space by space
SPARSE = 50


def _sparse_spaces(text: str) -> list[int] | None:
    """The offsets of the text's spaces (ASCII and ideographic), if they are few: the
    screen, inside and gap patterns all start with one, so that they need be tried
    only there (a regex search tries every position)."""
    return sparse_offsets(text, " \u3000", SPARSE)


def _found(pattern: Any, text: str, spaces: list[int] | None) -> bool:
    """``pattern`` (which starts with a space) is found in ``text``."""
    if spaces is None:
        return pattern.search(text) is not None
    return any(pattern.match(text, i) is not None for i in spaces)
