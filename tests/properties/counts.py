"""How many examples each property checked; conftest prints them at the end."""

from __future__ import annotations

from collections import Counter

COUNTS: Counter[str] = Counter()


def checked(prop: str) -> None:
    """Count one example that passed property ``prop`` (call it at the end of a test body)."""
    COUNTS[prop] += 1
