"""separator: one separator between paragraphs, no padding, one newline at the end.

With the one-newline separator, a block whose paragraphs are short lines that unwrap
would read back as a column gets a blank line between them instead, so that cleaning
the output again keeps them apart."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from cleaner.core.edits import Edit, apply_edits
from cleaner.core.rule import BlockContext, Rule, param
from cleaner.core.rule import Params as BaseParams
from cleaner.stages.layout.unwrap import Unwrap

_PAD = r"[ \t\u3000\u00a0]"
# a run: the padding and newlines between two lines, each match a whole stretch of them
_RUN = regex.compile(rf"{_PAD}*\n(?:{_PAD}*\n)*{_PAD}*")
# the runs but those that are the separator already, before more text (most are): each
# starts where a stretch of padding and newlines does, as a run of _RUN does
_ODD_RUNS = {
    sep: regex.compile(rf"(?<![ \t\u3000\u00a0\n])(?!{sep}[^ \t\u3000\u00a0\n]){_RUN.pattern}")
    for sep in ("\n", "\n\n")
}
_LEAD = regex.compile(r"\A[\s\u3000\u00a0]+")
_PAD_AT_END = regex.compile(r"[ \t\u3000\u00a0]*\Z")


class Separator(Rule):
    """Write every paragraph break as the configured separator; strip line padding."""

    id = "separator"
    stage = "layout"

    @dataclass
    class Params(BaseParams):
        # between paragraphs: "\n" (one paragraph per line) or "\n\n" (a blank line)
        separator: str = param("\n", choices=("\n", "\n\n"), what="separator")

    params: Params

    unwrap: Unwrap | None = None

    def link(self, siblings: list[Rule]) -> None:
        self.unwrap = next(
            (r for r in siblings if isinstance(r, Unwrap) and r.params.enabled), None
        )

    def find(self, text: str, ctx: BlockContext) -> Iterator[Edit]:
        edits = list(self._edits(text, ctx, self.params.separator))
        if self.params.separator == "\n" and self._read_as_wraps(apply_edits(text, edits), ctx):
            # short paragraphs one per line would read back as a column: cleaning the
            # output again would join them, so they keep a blank line between them
            edits = list(self._edits(text, ctx, "\n\n"))
        yield from edits

    def _read_as_wraps(self, out: str, ctx: BlockContext) -> bool:
        return self.unwrap is not None and any(True for _ in self.unwrap.find(out, ctx))

    def _edits(self, text: str, ctx: BlockContext, sep: str) -> Iterator[Edit]:
        last = ctx.is_last or not ctx.after.strip()
        lead = _LEAD.match(text)
        if lead and (ctx.index == 0 or not ctx.before or ctx.before.endswith("\n")):
            yield Edit(0, lead.end(), "")
            if lead.end() == len(text):
                return
        pos = lead.end() if lead else 0
        for m in _ODD_RUNS[sep].finditer(text, pos):
            if m.end() == len(text):
                after = "\n" if last else sep
            elif m.start() == m.end():
                continue
            else:
                after = sep
            if m.group() != after:
                yield Edit(m.start(), m.end(), after)
        # a multi-line document ends with one newline; a lone line (a JSONL field, a
        # title) is left without one
        multiline = ctx.index > 0 or "\n" in text
        if last and multiline and text.strip() and not text.endswith("\n"):
            # padding before the new newline goes too, as it would before an old one
            pad = _PAD_AT_END.search(text)
            yield Edit(pad.start() if pad else len(text), len(text), "\n")
