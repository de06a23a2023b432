"""Edits: what a rule proposes, how they are applied, and how positions map back."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` with ``after``.

    Positions are in the text the rule saw. ``note`` carries extra facts for the
    change record (alternatives, confidence); ``rule`` overrides the rule id when a
    rule reports a change on behalf of a sub-rule. ``count`` is how many changes the
    edit stands for in the statistics: a coarse edit (a converted stretch) counts the
    characters it changes, so that the counts do not depend on how finely records
    are cut; ``chars``, the input characters it changes, is then that count too (by
    default: all of ``start:end``).
    """

    start: int
    end: int
    after: str
    note: dict[str, Any] | None = None
    rule: str | None = None
    count: int = 1
    chars: int | None = None

    @property
    def changed(self) -> int:
        """Input characters changed (the statistics' ``chars``)."""
        return self.end - self.start if self.chars is None else self.chars


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Apply sorted, non-overlapping edits in one pass.

    >>> apply_edits("a,,b", [Edit(1, 2, "")])
    'a,b'
    """
    parts: list[str] = []
    pos = 0
    for e in edits:
        if e.start < pos or e.end < e.start:
            raise ValueError(f"edits overlap or are unsorted at {e.start}-{e.end}")
        parts.append(text[pos : e.start])
        parts.append(e.after)
        pos = e.end
    parts.append(text[pos:])
    return "".join(parts)


@dataclass(slots=True)
class EditLayer:
    """One applied edit list, able to map positions of its output back to its input."""

    edits: list[Edit]
    out_starts: list[int] = field(default_factory=list)
    out_ends: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        delta = 0
        for e in self.edits:
            start = e.start + delta
            self.out_starts.append(start)
            self.out_ends.append(start + len(e.after))
            delta += len(e.after) - (e.end - e.start)

    def back(self, pos: int, *, is_end: bool) -> int:
        """Map a position in the output to the input; inside a replacement it
        widens to the replaced span. An end position sits before an edit that
        starts exactly there; a start position sits after a deletion there."""
        i = (bisect_left if is_end else bisect_right)(self.out_starts, pos) - 1
        if i < 0:
            return pos
        e = self.edits[i]
        if pos >= self.out_ends[i] and not (is_end and pos == self.out_ends[i]):
            return e.end + (pos - self.out_ends[i])
        return e.end if is_end else e.start


class OffsetMap:
    """The stack of edit layers applied to one block, oldest first."""

    def __init__(self) -> None:
        self.layers: list[EditLayer] = []

    def push(self, edits: list[Edit]) -> None:
        self.layers.append(EditLayer(edits))

    def to_input(self, pos: int, *, depth: int, is_end: bool = False) -> int:
        """Map ``pos`` in the text seen after ``depth`` layers back to the input."""
        for layer in reversed(self.layers[:depth]):
            pos = layer.back(pos, is_end=is_end)
        return pos
