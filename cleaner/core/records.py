"""Change records and per-rule statistics."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Change:
    """One change: where it was in the input (character offsets of the decoded
    text) and what it was before and after.

    ``at`` is where ``before`` stood in the text as the rule saw it, all earlier
    changes of the document applied: applying the records in order at their ``at``
    reproduces the output (``cleaner.core.replay``). Findings left unchanged have
    ``before == after`` and no ``at``."""

    path: str
    stage: str
    rule: str
    start: int
    end: int
    before: str
    after: str
    note: dict[str, Any] | None = None
    at: int | None = None

    def to_json(self) -> str:
        d = asdict(self)
        for key in ("note", "at"):
            if d[key] is None:
                del d[key]
        return json.dumps(d, ensure_ascii=False)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Change:
        """A record read back from ``--explain`` JSON Lines."""
        return cls(**{k: d.get(k) for k in cls.__slots__})  # type: ignore[arg-type]


class Stats:
    """Counts of changes per (stage, rule), mergeable across files and workers."""

    def __init__(self) -> None:
        self.changes: Counter[tuple[str, str]] = Counter()
        self.files: Counter[str] = Counter()
        self.reported: Counter[tuple[str, str]] = Counter()  # found, left unchanged
        self.chars: Counter[tuple[str, str]] = Counter()  # input characters changed
        self.docs: Counter[tuple[str, str]] = Counter()  # documents the rule changed
        # the first whole change, in context (after None: lines removed)
        self.examples: dict[tuple[str, str], tuple[str, str | None]] = {}

    def add(self, stage: str, rule: str, n: int = 1) -> None:
        self.changes[(stage, rule)] += n

    def __add__(self, other: Stats) -> Stats:
        total = Stats()
        total.merge(self)
        total.merge(other)
        return total

    def __iadd__(self, other: Stats) -> Stats:
        self.merge(other)
        return self

    def merge(self, other: Stats) -> None:
        self.changes.update(other.changes)
        self.files.update(other.files)
        self.reported.update(other.reported)
        self.chars.update(other.chars)
        self.docs.update(other.docs)
        for key, example in other.examples.items():
            self.examples.setdefault(key, example)

    def as_dict(self) -> dict[str, Any]:
        return {
            "changes": {f"{s}.{r}": n for (s, r), n in sorted(self.changes.items())},
            "files": dict(self.files),
            "left_unchanged": {f"{s}.{r}": n for (s, r), n in sorted(self.reported.items())},
        }
