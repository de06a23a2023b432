"""Where a few characters stand, found by ``str.find`` when they are rare.

A rule whose patterns all start with one of a few characters need try them only
there; a regex search tries every position. In clean text the characters are rare
and ``str.find`` reaches each in C; where they are common the caller searches as
before.
"""

from __future__ import annotations

from collections.abc import Iterable


def sparse_offsets(text: str, chars: Iterable[str], sparse: int) -> list[int] | None:
    """The sorted offsets of ``chars`` in ``text``, or None if they are more than one
    in ``sparse`` characters of it."""
    counts = {c: text.count(c) for c in chars}
    if sum(counts.values()) * sparse > len(text):
        return None
    at: list[int] = []
    for c, n in counts.items():
        i = -1
        for _ in range(n):
            i = text.find(c, i + 1)
            at.append(i)
    return sorted(at)
