"""digit_space: spaces OCR put between digits and Han characters (7月 11日, 于 2003 年)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from cleaner.core.edits import Edit
from cleaner.core.rule import BlockContext, Rule, regex_param
from cleaner.core.rule import Params as BaseParams
from cleaner.stages.layout.text import HAN, finditer_at

_SPACES = " \u3000"  # what every match of the pattern opens on (its ``[ \u3000]+``)


class DigitSpace(Rule):
    """Remove spaces between a count and Han characters; keep them after datelines, in codes."""

    id = "digit_space"
    stage = "layout"

    @dataclass
    class Params(BaseParams):
        # the space after text matching this (a dateline end) is kept
        keep_after: str = regex_param(r"(?:本[报報][讯訊]|日[电電]|[专專][电電]|快[讯訊])")

    params: Params

    def setup(self) -> None:
        keep = self.params.keep_after
        self.keep = self.params.regex("keep_after", rf"(?:{keep})$") if keep else None
        num = r"\d+(?:[.,]\d+)*"
        self.pattern = regex.compile(
            # Han, space, a number used as a count (followed by Han): 于 2003 年
            rf"(?<={HAN})[ \u3000]+(?={num}[ \u3000]*{HAN})"
            # a number not inside a code, date or Latin text, space, Han: 87 名
            rf"|(?<=(?:^|[^A-Za-z0-9.,:/\-]){num})[ \u3000]+(?={HAN})",
            regex.MULTILINE,
        )

    def find(self, text: str, ctx: BlockContext) -> Iterator[Edit]:
        for m in finditer_at(self.pattern, text, _SPACES):  # each match opens on one
            after_han = not text[m.start() - 1].isdigit()
            if (
                after_han
                and self.keep
                and self.keep.search(text, max(0, m.start() - 12), m.start())
            ):
                continue
            yield Edit(m.start(), m.end(), "")
