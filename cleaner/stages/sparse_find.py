"""Where a few characters (or short strings) stand, found by ``str.find`` when rare.

A rule whose patterns all start with (or hold) one of a few characters need try them
only there; a regex search tries every position. In clean text the characters are
rare and ``str.find`` reaches each in C; where they are common the caller searches as
before.
"""

from __future__ import annotations

from collections.abc import Iterable


def sparse_offsets(text: str, needles: Iterable[str], sparse: int) -> list[int] | None:
    """The sorted offsets of ``needles`` (characters or strings; each occurrence as
    ``str.count`` counts them) in ``text``, or None if they are more than one in
    ``sparse`` characters of it."""
    counts = {s: text.count(s) for s in needles}
    if sum(counts.values()) * sparse > len(text):
        return None
    at: list[int] = []
    for s, n in counts.items():
        i = -len(s)
        for _ in range(n):
            i = text.find(s, i + len(s))
            at.append(i)
    return sorted(at)
