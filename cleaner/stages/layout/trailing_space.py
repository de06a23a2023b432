"""trailing_space: spaces and tabs at the end of a line."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from cleaner.core.edits import Edit
from cleaner.core.rule import BlockContext, Rule
from cleaner.stages.layout.text import finditer_at

_TRAILING = regex.compile(r"[ \t\u3000]+(?=\n|\Z)")


class TrailingSpace(Rule):
    """Remove spaces, tabs and ideographic spaces at the end of a line."""

    id = "trailing_space"
    stage = "layout"

    def find(self, text: str, ctx: BlockContext) -> Iterator[Edit]:
        for m in finditer_at(_TRAILING, text, " \t\u3000"):  # each match opens on one
            if ctx.open_end and m.end() == len(text):
                continue  # the block was cut inside a line: these spaces are not its end
            yield Edit(m.start(), m.end(), "")
