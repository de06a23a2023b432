"""punct_space: spaces OCR and PDF tools put next to full-width marks (`本报讯 （记者`,
`合同》 ，`, `5月 （8日）`).

Full-width marks carry their own spacing in print, so an ASCII space between one and a
Han character, a digit or another full-width mark is noise. A space next to a Latin
letter (`Python （编程语言）`), an ideographic space and ASCII marks are left alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from cleaner.core.edits import Edit
from cleaner.core.rule import BlockContext, Rule, param
from cleaner.core.rule import Params as BaseParams

DEFAULT_MARKS = "，。、；：？！（）《》〈〉「」『』【】〔〕“”‘’…—"


class PunctSpace(Rule):
    """Remove ASCII spaces between a full-width mark and Chinese text or another mark."""

    id = "punct_space"
    stage = "layout"

    @dataclass
    class Params(BaseParams):
        # the full-width marks a space next to which is noise
        marks: str = param(DEFAULT_MARKS, nonempty=True)

    params: Params

    def setup(self) -> None:
        mark = "[" + regex.escape(self.params.marks) + "]"
        other = rf"(?:\p{{Han}}|[0-9]|{mark})"
        self.pattern = regex.compile(
            rf"(?<={mark})[ \u00a0]+(?={other})|(?<={other})[ \u00a0]+(?={mark})"
        )

    def find(self, text: str, ctx: BlockContext) -> Iterator[Edit]:
        for m in self.pattern.finditer(text):
            yield Edit(m.start(), m.end(), "")
