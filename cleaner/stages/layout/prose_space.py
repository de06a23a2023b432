"""prose_spaces: spaces a PDF extractor put between two Han characters inside the lines
of a paragraph (`保 障 公 众 身体健康，创 造良好`).

A justified line whose glyphs stand wider than usual (a wide ruby reading above them,
letter-spacing that fills the line) comes out of pdftotext and pdfminer with a space at
some of its wide gaps, wherever they fall: inside words (`创 造`, `城 市`), one or two
characters apart. ``letter_spacing`` needs three single characters in a chain, and
``unwrap``'s ``body_spaces`` a block that passes the column gate; a short document keeps
them. Two kinds of evidence, each enough for a line of prose (a clause or sentence mark,
``min_han`` Han characters):

- wrapping: the line is cut mid-sentence (a full line, at least ``min_width`` ems, that
  the next line, directly or after one blank line, goes on from) or goes on from such a
  line (across a blank line, not after a semicolon). A line with no mark of its own
  counts where the next has one and two of its spaces cut a word, or it holds a
  character set apart (`鼓 励单位`) and a space or the break cuts one: a headline
  before its lead has no mark either (`游戏“外挂脚本”被封号 玩家起诉游戏公司被驳回`);
- a word cut: the character model puts the character after one of the line's spaces at
  least ``min_pmi`` times as often after the one before it as anywhere (`学 生`, `本 条`,
  `停 放`): the extractor spaced this line, and all its spaces go.

In running text a space between two Han characters has no place; every single ASCII one
in such a line goes, except:

- after a dateline, a byline word or an article number (``keep_after``, read with the
  line's spaces taken out, `第二十三 条 本条例`: `第一条 为了`, `记者 王明`);
- before a byline word or a label ending on a colon (``keep_before``: `许巨滔 通讯员`,
  `张三 电话：`);
- in a list of names or phrases: three pieces or more of two to four Han characters set
  a space apart (`李珩 王亚明 曾立`);
- inside brackets or quotes, between two Han characters or more on either side
  (`（记者 赵敏）`, `“书香满城 悦读未来”`).

A one-line paragraph with no word cut (informal text that parts clauses with a space:
`今天天气不错 我们去公园吧，…`), headlines (no mark), verse and tables stay.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

import regex

from cleaner.core.edits import Edit
from cleaner.core.rule import BlockContext, Rule, param, regex_param
from cleaner.core.rule import Params as BaseParams
from cleaner.stages.encoding.models.char_model import char_lm
from cleaner.stages.layout.text import em_width, ends_sentence

_HAN_SPACE = regex.compile(r"(?<=\p{Han}) (?=\p{Han})")
_MARK = regex.compile(r"[，。、；：？！]")
_HAN = regex.compile(r"\p{Han}")
# a list of names or phrases: three pieces of 2-4 Han characters or more set a space apart
# (李珩 王亚明 曾立); an extractor's spaces leave single characters or longer runs
_LIST = regex.compile(r"(?<!\p{Han})\p{Han}{2,4}(?: \p{Han}{2,4}){2,}(?!\p{Han})")
# a line that goes on into the next: it ends on a Han character, a digit, a letter or a
# clause mark, and the next opens with text (not a list item's bullet or a dash)
_OPEN_END = regex.compile(r"[\p{Han}\p{L}\p{N}，、；]$")
# a Han character alone between a space and a space, a mark or the line's edge: a
# headline's phrases leave none (`鼓 励单位…`, `第五 条 市…`)
_SINGLE = regex.compile(r"(?<!\p{Han})\p{Han}(?= \p{Han})|(?<=\p{Han} )\p{Han}(?!\p{Han})")
# the same across a blank line: not after a semicolon (a list item's end, a paragraph's
# end where a headline follows)
_GAP_END = regex.compile(r"[\p{Han}\p{L}\p{N}，、]$")
_GOES_ON = regex.compile(r"^[\p{Han}\p{L}\p{N}，。、；：？！）》」』”]")
_OPENERS = frozenset("（(《〈「『【“‘")
_CLOSERS = frozenset("）)》〉」』】”’")
_BRACKET = regex.compile("[" + regex.escape("".join(sorted(_OPENERS | _CLOSERS))) + "]")
# the end of a dateline, a byline word or an article number (第一百二十条之二)
_KEEP_AFTER = (
    r"(?:本[报報][讯訊]|日[电電]|[专專][电電]|快[讯訊]|[记記]者|作者|通[讯訊][员員]|[摄攝]影|[编編][辑輯]"
    r"|[〇零一二三四五六七八九十百千0-9０-９]+[条條章节節款](?:之[〇零一二三四五六七八九十]+)?"
    r"|(?<!\p{Han})之[〇零一二三四五六七八九十]+)$"
)
# the text either side of a space that keep_after and keep_before read
_WINDOW = 40
_KEEP_BEFORE = r"^(?:[记記]者|通[讯訊][员員]|[摄攝]影|[编編][辑輯]|\p{Han}{1,4}[：:])"


def _phrases_around(line: str, at: int) -> bool:
    """Two Han characters at least on either side of the space at ``at``."""
    return (
        at >= 2
        and at + 2 < len(line)
        and _HAN.match(line[at - 2]) is not None
        and _HAN.match(line[at + 2]) is not None
    )


def _next_lines(lines: list[str]) -> Iterator[tuple[int, int]]:
    """Each non-blank line and the next, directly after it or after one blank line (an
    extractor's gap between the lines of a paragraph: pdftotext where it dropped a row of
    readings between them)."""
    filled = [not line.isspace() and line != "" for line in lines]  # line.strip() != ""
    for k in range(len(lines)):
        if not filled[k]:
            continue
        for nxt in (k + 1, k + 2):
            if nxt < len(lines) and filled[nxt]:
                yield k, nxt
                break
            if nxt < len(lines) and lines[nxt]:
                break  # a line of spaces: no plain gap


class ProseSpaces(Rule):
    """Remove spaces between two Han characters in lines of prose a PDF extractor spaced.

    A line of prose (a clause or sentence mark, `min_han` Han characters) that a line
    break cuts mid-sentence (a full line, `min_width` ems) or that goes on from one, or
    one where a space cuts a word (the character model: `min_pmi`): the extractor's
    spaces in a justified line it found stretched (`保 障 公 众 身体健康，创 造良好`).
    Spaces after a dateline, byline word or article number (`keep_after`: `第一条 为了`),
    before a byline word or a label (`keep_before`: `张三 电话：`), in a list of names
    or phrases and between phrases in brackets or quotes stay.
    """

    id = "prose_spaces"
    stage = "layout"

    @dataclass
    class Params(BaseParams):
        # a line of prose holds a clause or sentence mark and this many Han characters
        min_han: int = param(8, ge=1)
        # a line cut mid-sentence is at least this wide (ems): a full line, not verse
        min_width: float = param(16, gt=0)
        # in a line of prose that no line break shows wrapped, a space goes where the
        # character model puts the character after it this many times as often after the
        # one before it as anywhere (学 生: 0.2, 本 条: 75; 0: off)
        min_pmi: float = param(8.0, ge=0)
        # a space after this (the text before it, spaces taken out) stays
        keep_after: str = regex_param(_KEEP_AFTER)
        # a space before this (the text after it) stays
        keep_before: str = regex_param(_KEEP_BEFORE)

    params: Params

    def setup(self) -> None:
        p = self.params
        self.keep_after = p.regex("keep_after") if p.keep_after else None
        self.keep_before = p.regex("keep_before") if p.keep_before else None
        self.log_pmi = math.log(p.min_pmi) if p.min_pmi > 0 else None
        # min_han Han characters in a line (read up to the last of them, not all of it)
        self.enough_han = regex.compile(rf"(?:\P{{Han}}*\p{{Han}}){{{p.min_han}}}")

    def find(self, text: str, ctx: BlockContext) -> Iterator[Edit]:
        if not _HAN_SPACE.search(text):
            return
        lines = text.split("\n")
        spaced = self._spaced(lines)
        cut = [False] * len(lines)  # a line cut mid-sentence
        rest = [False] * len(lines)  # a line going on from one
        for k, nxt in _next_lines(lines):
            if (spaced[k] or spaced[nxt]) and self._cut(lines[k], lines[nxt], gap=nxt > k + 1):
                cut[k] = rest[nxt] = True
        start = 0
        for k, line in enumerate(lines):
            if not spaced[k]:
                pass
            elif cut[k] or (rest[k] and _MARK.search(line) is not None):
                for at in self._spaces(line):
                    yield Edit(start + at, start + at + 1, "", note={"space": "wrapped"})
            elif self.log_pmi is not None and self._prose(line):
                spaces = list(self._spaces(line))
                if any(self._inside_word(line[at - 1], line[at + 1]) for at in spaces):
                    for at in spaces:  # a line the extractor spaced: all its spaces go
                        yield Edit(start + at, start + at + 1, "", note={"space": "word"})
            start += len(line) + 1

    @staticmethod
    def _spaced(lines: list[str]) -> list[bool]:
        """The screen: only a line with a space between two Han characters can lose one,
        and a pair of lines neither of which has one need not be judged."""
        return [" " in line and _HAN_SPACE.search(line) is not None for line in lines]

    def _cuts_words(self, line: str, n: int) -> bool:
        """``n`` of the line's spaces between two Han characters cut a word."""
        cuts = (
            self._inside_word(line[m.start() - 1], line[m.end()]) for m in _HAN_SPACE.finditer(line)
        )
        return sum(cuts) >= n

    def _inside_word(self, a: str, b: str) -> bool:
        """The character model puts ``b`` after ``a`` `min_pmi` times as often as
        anywhere: the space cuts a word (`学 生`, `停 放`)."""
        lm = char_lm()
        return lm.lp(a, b) - lm.unigram(b) >= cast(float, self.log_pmi)

    def _prose(self, line: str) -> bool:
        return _MARK.search(line) is not None and self.enough_han.match(line) is not None

    def _cut(self, line: str, nxt: str, gap: bool) -> bool:
        """A line break inside a sentence of a wrapped paragraph after ``line``: a full
        line of prose ends mid-sentence (across a blank line, ``gap``, not on a
        semicolon) and the next goes on; that next line counts where it holds a mark. A
        line with no mark of its own (a headline before its lead has none) counts where
        the next has one and two of its spaces cut a word (one may fall between two
        phrases: `…虧損外 國家…`), or it holds a single character set apart (which a
        headline's phrases do not) and one of its spaces or the break cuts a word."""
        if (
            (_GAP_END if gap else _OPEN_END).search(line) is None
            or ends_sentence(line)
            or _GOES_ON.match(nxt) is None
            or em_width(line) < self.params.min_width
            or self.enough_han.match(line) is None
        ):
            return False
        if _MARK.search(line) is not None:
            return True
        if _MARK.search(nxt) is None or self.log_pmi is None:
            return False
        if self._cuts_words(line, 2):
            return True
        return _SINGLE.search(line) is not None and (
            self._cuts_words(line, 1) or self._inside_word(line[-1], nxt[0])
        )

    def _spaces(self, line: str) -> Iterator[int]:
        """Offsets of the spaces to remove in ``line``."""
        spaces = {m.start() for m in _HAN_SPACE.finditer(line)}
        for m in _LIST.finditer(line):
            spaces.difference_update(range(m.start(), m.end()))
        brackets = _BRACKET.finditer(line)
        b = next(brackets, None)
        depth = 0  # brackets and quotes open before the space
        for i in sorted(spaces):
            while b is not None and b.start() < i:
                depth = depth + 1 if b.group() in _OPENERS else max(0, depth - 1)
                b = next(brackets, None)
            if not self._kept(line, i, depth):
                yield i

    def _kept(self, line: str, at: int, depth: int) -> bool:
        if depth and _phrases_around(line, at):
            return True
        if self.keep_after is not None:
            # a window (a line of many spaces stays linear); where it cuts the line, a
            # sentinel, so that a pattern anchored at ^ does not match there
            lo = max(0, at - _WINDOW)
            before = ("" if lo == 0 else "\x00") + line[lo:at].replace(" ", "")
            if self.keep_after.search(before):
                return True
        after = line[at + 1 : at + 1 + _WINDOW]
        return self.keep_before is not None and self.keep_before.search(after) is not None
