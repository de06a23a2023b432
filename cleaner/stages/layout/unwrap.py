"""unwrap: join hard-wrapped lines and column breaks of OCR'd newspaper columns."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass, fields

from cleaner.core.edits import Edit
from cleaner.core.rule import BlockContext, ParamError, Rule, regex_param
from cleaner.core.rule import Params as BaseParams
from cleaner.stages.layout.columns import Config, Decider, is_columns, split_lines

_D = Config()


class Unwrap(Rule):
    """Join soft wraps and column breaks into paragraphs in blocks laid out in columns."""

    id = "unwrap"
    stage = "layout"

    @dataclass
    class Params(BaseParams):
        min_lines: int = _D.min_lines
        min_width: float = _D.min_width
        max_width: float = _D.max_width
        min_regular: float = _D.min_regular
        min_wrapped: float = _D.min_wrapped
        tolerance: float = _D.tolerance
        final_tolerance: float = _D.final_tolerance
        wide: float = _D.wide
        indent: float = _D.indent
        window: int = _D.window
        headline_lines: int = _D.headline_lines
        evidence: int = _D.evidence
        spanning: float = _D.spanning
        para_start: str = regex_param(_D.para_start)
        byline: str = regex_param(_D.byline)
        byline_more: str = regex_param(_D.byline_more)
        standalone: str = regex_param(_D.standalone)

    params: Params

    def setup(self) -> None:
        p = self.params
        if not 0 < p.min_width < p.max_width:
            raise ParamError("max_width", "need 0 < min_width < max_width", "e.g. 10 and 30")
        if p.window < 1:
            raise ParamError("window", "window must be at least 1", "use 3 to 6")
        names = {f.name for f in fields(Config)}
        self.cfg = Config(**{k: v for k, v in vars(p).items() if k in names})
        self.decider = Decider(self.cfg)

    def find(self, text: str, ctx: BlockContext) -> Iterator[Edit]:
        # cheap screen: long average lines are never columns
        nl = text.count("\n")
        if nl < self.cfg.min_lines - 1 or len(text) > (nl + 1) * 3 * self.cfg.max_width:
            return
        lines = split_lines(text)
        if not is_columns(lines, self.cfg):
            return
        decider = copy.copy(self.decider)  # decide() keeps per-call tables on it
        for (d, why), a, b in zip(decider.decide(lines), lines, lines[1:], strict=False):
            if d != "B":
                yield Edit(a.end, b.start, " " if d == "S" else "", note={"join": why})
