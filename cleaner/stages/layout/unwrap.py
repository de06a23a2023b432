"""unwrap: join hard-wrapped lines and column breaks of OCR'd newspaper columns.

A block is cut at lines too long for any column (text one paragraph per line); each
stretch between them is gated (``is_columns``) and decided on its own.
"""

from __future__ import annotations

import copy
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, fields
from functools import cached_property

import regex

from cleaner.core.edits import Edit
from cleaner.core.rule import BlockContext, ParamError, Rule, param, regex_param
from cleaner.core.rule import Params as BaseParams
from cleaner.stages.encoding.models.char_model import char_lm
from cleaner.stages.han import is_han
from cleaner.stages.layout.body_space import QUOTED, body_spaces
from cleaner.stages.layout.columns import (
    Config,
    Decider,
    Line,
    is_columns,
    list_item_flags,
    split_lines,
)
from cleaner.stages.layout.fixed_width import wrapped_joins
from cleaner.stages.layout.text import HSPACE

_D = Config()
# the end of a dateline, a byline word or a law's article number (第六十一条 航空器…, its
# 第 perhaps on the line before): a space after it, between Han characters, stays
_SPACE_KEEP_AFTER = (
    r"(?:本[报報][讯訊]|日[电電]|[专專][电電]|快[讯訊]|[记記]者|通[讯訊][员員]|[摄攝]影|[编編][辑輯]"
    r"|[〇零一二三四五六七八九十百千0-9０-９]+[条條章节節款])$"
)
# a headline line opening with one Han character set a space apart from Han text
_REMNANT = regex.compile(r"^\p{Han} \p{Han}")
LONG_LINE = 3  # column widths: a line this long ends a stretch gated on its own


class Unwrap(Rule):
    """Join soft wraps and column breaks into paragraphs in blocks laid out in columns."""

    id = "unwrap"
    stage = "layout"
    first_pass_only = True  # paragraphs it kept apart are one per line afterwards

    @dataclass
    class Params(BaseParams):
        min_lines: int = param(_D.min_lines, ge=1)
        min_width: float = param(_D.min_width, gt=0)  # and below max_width
        max_width: float = param(_D.max_width, gt=0)
        min_regular: float = param(_D.min_regular, ge=0, le=1)
        min_wrapped: float = param(_D.min_wrapped, ge=0, le=1)
        narrow_width: float = param(_D.narrow_width, gt=0)
        narrow_mid_word: float = param(_D.narrow_mid_word, ge=0, le=1)
        verse_share: float = param(_D.verse_share, ge=0, le=1)
        list_items: bool = _D.list_items
        tolerance: float = param(_D.tolerance, ge=0)
        final_tolerance: float = param(_D.final_tolerance, ge=0)
        wide: float = param(_D.wide, ge=0)
        indent: float = param(_D.indent, ge=0)
        window: int = param(_D.window, ge=1)
        headline_lines: int = param(_D.headline_lines, ge=1)
        evidence: int = param(_D.evidence, ge=0)
        spanning: float = param(_D.spanning, ge=0)
        title_rest: float = param(_D.title_rest, ge=0)
        stray: float = param(_D.stray, ge=0)
        junk: float = param(_D.junk, ge=0)
        word_p: float = param(_D.word_p, ge=0, le=1)
        title_word_p: float = param(_D.title_word_p, ge=0, le=1)
        deck_rest_p: float = param(_D.deck_rest_p, ge=0, le=1)
        para_start: str = regex_param(_D.para_start)
        byline: str = regex_param(_D.byline)
        byline_more: str = regex_param(_D.byline_more)
        standalone: str = regex_param(_D.standalone)
        body_spaces: bool = True
        body_quoted: int = param(QUOTED, ge=0)
        # join text hard-wrapped at one width that the column gate refuses (fixed_width.py)
        fixed_width: bool = True
        space_keep_after: str = regex_param(_SPACE_KEEP_AFTER)

        def check_together(self) -> None:
            if self.min_width >= self.max_width:
                raise ParamError(
                    "min_width",
                    f"min_width ({self.min_width:g}) must be below max_width ({self.max_width:g})",
                    "e.g. 10 and 30",
                    also=("max_width",),
                )

    params: Params

    def setup(self) -> None:
        p = self.params
        names = {f.name for f in fields(Config)}
        self.cfg = Config(**{k: v for k, v in vars(p).items() if k in names})
        self.decider = Decider(self.cfg)
        # the Decider's patterns come from the rule file: run them under a time limit
        for key in ("para_start", "byline", "byline_more", "standalone"):
            setattr(self.decider, key, p.regex(key) if getattr(p, key) else None)
        self.space_keep_after = p.regex("space_keep_after") if p.space_keep_after else None

    @cached_property
    def long_line(self) -> re.Pattern[str]:
        """A line of more characters than three columns' width: text one paragraph per
        line, never a column line (a Latin column line is at most twice as long)."""
        return re.compile(rf"^[^\n]{{{math.ceil(LONG_LINE * self.cfg.max_width)},}}$", re.M)

    def find(self, text: str, ctx: BlockContext) -> Iterator[Edit]:
        # each stretch between long lines is gated on its own: a file may hold pages of
        # columns after pages of text one paragraph per line, in one block
        start = 0
        for m in self.long_line.finditer(text):
            if self._may_be_columns(text, start, m.start()):
                yield from self._zone(text, start, m.start())
            start = m.end()
        if self._may_be_columns(text, start, len(text)):
            yield from self._zone(text, start, len(text))

    def _may_be_columns(self, block: str, start: int, end: int) -> bool:
        """Cheap screen of a stretch: rejects only what ``is_columns`` rejects (fewer
        than ``min_lines`` non-blank lines), and stretches of long average lines."""
        nl = block.count("\n", start, end)
        min_lines = self.cfg.min_lines
        if nl < min_lines - 1 or end - start > (nl + 1) * LONG_LINE * self.cfg.max_width:
            return False
        if nl >= 2 * min_lines:
            return True  # too many lines to count cheaply; most hold text
        return sum(1 for raw in block[start:end].split("\n") if raw.strip(HSPACE)) >= min_lines

    def _zone(self, block: str, start: int, end: int) -> Iterator[Edit]:
        lines = split_lines(block[start:end])
        items = list_item_flags(lines, self.cfg)
        if not is_columns(lines, self.cfg, items):
            yield from self._fixed_width(lines, start)
            return
        decider = copy.copy(self.decider)  # decide() keeps per-call tables on it
        decisions = decider.decide(lines, items)
        edits = [
            Edit(start + a.end, start + b.start, " " if d == "S" else "", note={"join": why})
            for (d, why), a, b in zip(decisions, lines, lines[1:], strict=False)
            if d != "B"
        ]
        body: set[int] = set()
        if self.params.body_spaces:
            kinds = [d for d, _ in decisions]
            keep = self.space_keep_after.search if self.space_keep_after else None
            quoted = self.params.body_quoted
            body.update(body_spaces(lines, kinds, decider.headline, keep, quoted))
            for at in body:
                edits.append(Edit(start + at, start + at + 1, "", note={"space": "body"}))
        for at in self._title_remnants(lines, decisions, decider):
            if at not in body:  # a headline line joined into body text: body_spaces' already
                edits.append(Edit(start + at, start + at + 1, "", note={"space": "title"}))
        edits.sort(key=lambda e: e.start)
        yield from edits

    def _fixed_width(self, lines: list[Line], start: int) -> Iterator[Edit]:
        """Joins of text hard-wrapped at one width that the column gate refused."""
        if not self.params.fixed_width:
            return
        for k in wrapped_joins(lines, self.cfg.min_width, self.cfg.indent):
            a, b = lines[k], lines[k + 1]
            latin = a.text[-1].isascii() and a.text[-1].isalnum() and b.text[0].isascii()
            yield Edit(start + a.end, start + b.start, " " if latin else "",
                       note={"join": "fixed_width"})  # fmt: skip

    def _title_remnants(
        self, lines: list[Line], decisions: list[tuple[str, str]], decider: Decider
    ) -> Iterator[int]:
        """Offsets of the space after a headline line's first character where that line
        opens with one Han character set a space apart (``百 個項目``: a remnant of
        letter-spacing, the rest of a title wrapped for width), is joined without a
        space to the headline line before it, and the character model does not put a
        phrase boundary after the character (the next one at least ``deck_rest_p``
        after the two before it, across the join: ``完成一`` + ``百 個項目`` gives
        0.012; between two phrases of a deck it gives 0.0002 or less)."""
        p = self.cfg.deck_rest_p
        if p <= 0:
            return
        floor = math.log(p)
        for k, (d, _) in enumerate(decisions):
            a, b = lines[k], lines[k + 1]
            if d != "J" or not (decider.headline[k] and decider.headline[k + 1]):
                continue
            if not _REMNANT.match(b.text) or not is_han(a.text[-1]):
                continue
            if char_lm().lp(a.text[-1] + b.text[0], b.text[2]) >= floor:
                yield b.start + 1
