"""Change records and per-rule statistics."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any


@dataclass(frozen=True, slots=True)
class Change:
    """One change: where it was in the input (character offsets of the decoded
    text) and what it was before and after.

    ``at`` is where ``before`` stood in the text as the rule saw it, all earlier
    changes of the document applied: applying the records in order at their ``at``
    reproduces the output (``cleaner.core.replay``). Findings left unchanged have
    ``before == after`` and no ``at``. ``id`` is the document's ``--id-field`` value
    (a record of a JSON Lines or Parquet corpus), if asked for."""

    path: str
    stage: str
    rule: str
    start: int
    end: int
    before: str
    after: str
    note: dict[str, Any] | None = None
    at: int | None = None
    id: Any = None

    def to_json(self) -> str:
        # field by field (``asdict`` deep-copies the note: most of ``--explain``'s cost)
        d = {key: getattr(self, key) for key in _FIELDS}
        for key in ("note", "at", "id"):
            if d[key] is None:
                del d[key]
        return _ENCODE(d)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Change:
        """A record read back from ``--explain`` JSON Lines."""
        return cls(**{k: d.get(k) for k in cls.__slots__})  # type: ignore[arg-type]


_FIELDS = Change.__slots__
# one encoder for every record (``json.dumps`` with options builds one per call)
_ENCODE = json.JSONEncoder(ensure_ascii=False, default=str).encode  # an id may be a date


class Stats:
    """Counts of changes per (stage, rule), mergeable across files and workers.

    The counts do not depend on whether change records are written (a converted
    stretch counts the characters it changed). ``documents`` are the texts cleaned,
    ``bytes_in``/``bytes_out`` their size as UTF-8 (``chars_in``/``chars_out`` in
    characters), ``seconds`` the time spent cleaning
    them (summed over workers: CPU-bound, so more than the wall time of a parallel run);
    ``files`` counts what happened to whole inputs (cleaned, skipped, failed, ...)."""

    def __init__(self) -> None:
        self.changes: Counter[tuple[str, str]] = Counter()
        self.files: Counter[str] = Counter()
        self.reported: Counter[tuple[str, str]] = Counter()  # found, left unchanged
        self.chars: Counter[tuple[str, str]] = Counter()  # input characters changed
        self.docs: Counter[tuple[str, str]] = Counter()  # documents the rule changed
        # the first whole change, in context (after None: lines removed)
        self.examples: dict[tuple[str, str], tuple[str, str | None]] = {}
        self.documents = 0
        self.bytes_in = 0
        self.bytes_out = 0
        self.chars_in = 0
        self.chars_out = 0
        self.seconds = 0.0

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
        self.documents += other.documents
        self.bytes_in += other.bytes_in
        self.bytes_out += other.bytes_out
        self.chars_in += other.chars_in
        self.chars_out += other.chars_out
        self.seconds += other.seconds

    def as_dict(self) -> dict[str, Any]:
        return {
            "changes": {f"{s}.{r}": n for (s, r), n in sorted(self.changes.items())},
            "files": dict(self.files),
            "left_unchanged": {f"{s}.{r}": n for (s, r), n in sorted(self.reported.items())},
            "documents": self.documents,
            "bytes_in": self.bytes_in,
            "bytes_out": self.bytes_out,
            "characters_in": self.chars_in,
            "characters_out": self.chars_out,
            "seconds_cleaning": round(self.seconds, 3),
            "rules": {
                f"{s}.{r}": self._rule_dict((s, r))
                for (s, r) in sorted(self.changes.keys() | self.reported.keys())
            },
        }

    def _rule_dict(self, key: tuple[str, str]) -> dict[str, Any]:
        """What the summary's row of one rule says: counts, and its example in context."""
        out: dict[str, Any] = {
            "changes": self.changes[key],
            "characters": self.chars[key],
            "documents": self.docs[key],
            "left_unchanged": self.reported[key],
        }
        if key in self.examples:
            before, after = self.examples[key]
            out["example"] = {"before": before, "after": after}
        return out


def tag_changes(
    sink: Callable[[Change], None] | None, doc_id: Any
) -> Callable[[Change], None] | None:
    """``sink`` with ``id`` set on every record it gets (the document's --id-field value)."""
    if sink is None or doc_id is None:
        return sink

    def tagged(change: Change) -> None:
        sink(replace(change, id=doc_id))

    return tagged
