"""A stage: an ordered list of rules applied to one block, with change tracking."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cleaner.core.edits import Edit, OffsetMap, apply_edits
from cleaner.core.passes import Passes
from cleaner.core.rule import BlockContext, Rule


@dataclass(slots=True)
class Applied:
    """The edits one rule made, and the text it saw, at layer ``depth``."""

    stage: str
    rule: str
    depth: int
    seen: str
    edits: list[Edit]


class Stage:
    def __init__(self, name: str, rules: list[Rule]) -> None:
        self.name = name
        self.rules = rules
        self.active = [r for r in rules if r.params.enabled]
        for rule in rules:
            rule.link(rules)

    def new_states(self, path: str) -> list[Any]:
        """One fresh state per active rule, for one document."""
        return [rule.new_state(path) for rule in self.active]

    def run(
        self,
        text: str,
        ctx: BlockContext,
        states: list[Any],
        offsets: OffsetMap,
        log: list[Applied],
        passes: Passes | None = None,
    ) -> str:
        """Apply the active rules in order; with ``passes``, only where a rule has yet
        to look (see ``cleaner.core.passes``)."""
        for rule, state in zip(self.active, states, strict=True):
            if passes is not None and not passes.needs(rule):
                continue
            ctx.state = state
            if passes is None:
                edits = list(rule.find(text, ctx))
            else:
                spans = passes.spans(rule, len(text))
                if spans == [(0, len(text))]:
                    edits = list(rule.find(text, ctx))
                else:
                    edits = rule.find_within(text, spans, ctx)
                passes.ran(rule, edits)
            if not edits:
                continue
            log.append(Applied(self.name, rule.id, len(offsets.layers), text, edits))
            offsets.push(edits)
            text = apply_edits(text, edits)
        ctx.state = None
        return text
