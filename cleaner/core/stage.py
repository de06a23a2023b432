"""A stage: an ordered list of rules applied to one block, with change tracking."""

from __future__ import annotations

from dataclasses import dataclass

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

    def begin_document(self, path: str) -> None:
        for rule in self.active:
            rule.begin_document(path)

    def run(self, text: str, ctx: BlockContext, offsets: OffsetMap, log: list[Applied]) -> str:
        for rule in self.active:
            edits = list(rule.find(text, ctx))
            if not edits:
                continue
            log.append(Applied(self.name, rule.id, len(offsets.layers), text, edits))
            offsets.push(edits)
            text = apply_edits(text, edits)
        return text
