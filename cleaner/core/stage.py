"""A stage: an ordered list of rules applied to one block, with change tracking."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cleaner.core.edits import Edit, OffsetMap, apply_edits
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
        first_pass: bool = True,
    ) -> str:
        for rule, state in zip(self.active, states, strict=True):
            if rule.first_pass_only and not first_pass:
                continue
            ctx.state = state
            edits = list(rule.find(text, ctx))
            if not edits:
                continue
            log.append(Applied(self.name, rule.id, len(offsets.layers), text, edits))
            offsets.push(edits)
            text = apply_edits(text, edits)
        ctx.state = None
        return text
