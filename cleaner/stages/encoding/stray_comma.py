"""stray_comma: an ASCII comma directly before a Chinese mark or another comma."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from cleaner.core.edits import Edit
from cleaner.core.rule import BlockContext, Params, Rule


class StrayComma(Rule):
    """Drop an ASCII ',' directly before one of ，、。；！？ or another ','."""

    id = "stray_comma"
    stage = "encoding"

    @dataclass
    class Params(Params):
        before: str = "，、。；！？,;"

    def setup(self) -> None:
        self.pattern = regex.compile(",(?=[" + regex.escape(self.params.before) + "])")

    def find(self, text: str, ctx: BlockContext) -> Iterator[Edit]:
        for m in self.pattern.finditer(text):
            yield Edit(m.start(), m.end(), "")
