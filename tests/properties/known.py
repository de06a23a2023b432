"""Known idempotence failures, each as narrow as it can be said (FINDINGS.md).

A failure is excused only when the input has the shapes of findings whose rules,
together, include every rule that acts on the second pass; anything else fails
the property. Remove an entry when its rules are fixed: the property then
checks that shape again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Known:
    finding: str  # its heading in FINDINGS.md
    rules: frozenset[str]  # the rules that may act on the second pass
    shape: Callable[[str], object]  # true (a match) when the input has the shape


KNOWN_IDEMPOTENCE: list[Known] = []  # none open: FINDINGS.md, "Fixed by passes"


def known_idempotence_failure(text: str, second_pass_rules: set[str]) -> list[Known]:
    """The known findings that explain a second pass: those whose shape the input has,
    when together they name every rule that acted. Empty if any acting rule is not
    explained."""
    matched = [k for k in KNOWN_IDEMPOTENCE if k.shape(text)]
    covered = set().union(*(k.rules for k in matched)) if matched else set()
    return matched if second_pass_rules <= covered else []
