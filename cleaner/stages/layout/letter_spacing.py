"""letter_spacing: Han characters set one space apart (担 当 源 自 责 任)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from cleaner.core.edits import Edit
from cleaner.core.lazy_pattern import LazyPattern
from cleaner.core.rule import BlockContext, Rule, param
from cleaner.core.rule import Params as BaseParams
from cleaner.stages.layout.text import CJK_PUNCT, HAN

_P = f"[{CJK_PUNCT}]"
# one spaced token: a single Han character with at most one mark on each side, or a lone mark
_TOKEN = rf"(?:{_P}?{HAN}{_P}?|{_P})"
_SCREEN = regex.compile(rf"{HAN}[ \u3000]{HAN}[ \u3000]{HAN}")


class LetterSpacing(Rule):
    """Collapse runs of single Han characters separated by spaces (letter-spaced text)."""

    id = "letter_spacing"
    stage = "layout"

    @dataclass
    class Params(BaseParams):
        # a run needs at least this many single-character tokens to be collapsed
        # (below 3 it would join word pairs)
        min_run: int = param(4, ge=3)

    params: Params

    def setup(self) -> None:
        n = self.params.min_run - 1
        self.run = LazyPattern(rf"(?<![^\s]){_TOKEN}(?:[ \u3000]{_TOKEN}){{{n},}}(?![^\s])")
        self.gap = regex.compile(r"[ \u3000]")

    def find(self, text: str, ctx: BlockContext) -> Iterator[Edit]:
        if not _SCREEN.search(text):
            return
        for m in self.run.finditer(text):
            if len(regex.findall(HAN, m.group())) < self.params.min_run - 1:
                continue  # mostly marks: leave it
            for g in self.gap.finditer(m.group()):
                yield Edit(m.start() + g.start(), m.start() + g.end(), "")
