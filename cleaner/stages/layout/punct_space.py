"""punct_space: spaces OCR and PDF tools put next to full-width marks (`本报讯 （记者`,
`合同》 ，`, `5月 （8日）`).

Full-width marks carry their own spacing in print, so an ASCII space between one and a
Han character, a digit or another full-width mark is noise. A space next to a Latin
letter (`Python （编程语言）`), an ideographic space and ASCII marks are left alone, and
so is a space next to a curly quote with an ASCII mark beyond it (`重要 ! ” 郭`): the
encoding stage judges that mark through the quote, so closing the space would let a
second pass fold it (cleaning must change nothing the second time).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from cleaner.core.edits import Edit
from cleaner.core.rule import BlockContext, Rule, param
from cleaner.core.rule import Params as BaseParams
from cleaner.stages.layout.text import finditer_at

_QUOTES = "“”‘’"
_ASCII_MARKS = ",;:!?()"
DEFAULT_MARKS = "，。、；：？！（）《》〈〉「」『』【】〔〕“”‘’…—"

_SPACES = " \u00a0"  # what every match of the pattern opens on (its ``[ \u00a0]+``)


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
        for m in finditer_at(self.pattern, text, _SPACES):  # each match opens on one
            if _ascii_mark_beyond_quote(text, m.start() - 1, -1) or _ascii_mark_beyond_quote(
                text, m.end(), 1
            ):
                continue
            yield Edit(m.start(), m.end(), "")


def _ascii_mark_beyond_quote(text: str, i: int, step: int) -> bool:
    """Is ``text[i]`` a curly quote with an ASCII mark beyond it (spaces skipped)?"""
    if not 0 <= i < len(text) or text[i] not in _QUOTES:
        return False
    j = i + step
    while 0 <= j < len(text) and text[j] in " \u00a0":
        j += step
    return 0 <= j < len(text) and text[j] in _ASCII_MARKS
