"""doubled_punct: a Chinese mark typed, scraped or recognised twice.

``，，`` ``。。`` ``、、`` ``；；`` ``：：`` (exactly two: three or more ``。。。`` is an
ellipsis someone typed) become one mark; a comma or enumeration comma directly before
a stop, a semicolon, a colon, ``！`` or ``？`` (``公园，。``) goes. Doubled ``！！`` and ``？？``
are emphasis and stay, as do ``……`` and ``——``. It runs after fold_punct, so that marks
folded from ASCII count too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from cleaner.core.edits import Edit
from cleaner.core.rule import BaseParams, BlockContext, Rule


class DoubledPunct(Rule):
    """Make a doubled ，。、；： one mark; drop ，、 directly before 。；：！？."""

    id = "doubled_punct"
    stage = "encoding"

    @dataclass
    class Params(BaseParams):
        # a mark of these written exactly twice becomes one
        doubled: str = "，。、；："
        # a comma of these directly before one of `stops` goes
        commas: str = "，、"
        stops: str = "。；：！？"

    params: Params

    def setup(self) -> None:
        p = self.params
        parts = []
        if p.doubled:
            parts.append(f"(?P<run>([{re.escape(p.doubled)}])\\2+)")
        if p.commas and p.stops:
            parts.append(f"(?P<comma>[{re.escape(p.commas)}])(?=[{re.escape(p.stops)}])")
        self.pattern = re.compile("|".join(parts) or "(?!)")
        # two marks in a row: what either part needs (most text holds none)
        marks = re.escape(p.doubled + p.commas)
        self.screen = re.compile(f"[{marks}][{marks}{re.escape(p.stops)}]")

    def find(self, text: str, ctx: BlockContext) -> Iterator[Edit]:
        if not self.screen.search(text):
            return
        for m in self.pattern.finditer(text):
            if m.lastgroup == "comma":
                yield Edit(m.start(), m.end(), "", note={"kind": "comma_before_stop"})
            elif m.end() - m.start() == 2:  # 。。。 and longer: an ellipsis typed
                yield Edit(m.start() + 1, m.end(), "", note={"kind": "doubled"})
