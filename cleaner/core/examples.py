"""One example per rule for the summary: a whole change a reader understands.

A rule often makes one change in several edits (letter spacing removes each space on
its own, conversion records each character); the example applies the rule's first edit
and those that follow it closely on its line, with a little of the line around them,
so that it shows the change done, not one step of it. A change that removes whole lines shows
the lines, and ``after`` is None.
"""

from __future__ import annotations

from cleaner.core.edits import Edit, apply_edits

CONTEXT = 8  # characters of the line kept on each side of the change
GAP = 3  # characters between two edits of one change at most
LONGEST = 48  # characters of a line shown at most (cut in the middle)


def whole_change(seen: str, edits: list[Edit], rule: str) -> tuple[str, str | None]:
    """(before, after) of the first change ``rule`` made in ``seen``."""
    mine = [e for e in edits if (e.rule or rule) == rule]
    first = mine[0]
    line_start = seen.rfind("\n", 0, first.start) + 1
    removed = seen[first.start : first.end]
    at_line_end = removed.endswith("\n") or seen[first.end : first.end + 1] in ("", "\n")
    if first.start == line_start and at_line_end and removed.strip() and not first.after:
        return _cut(removed.strip("\n")), None  # whole lines removed
    line_end = seen.find("\n", first.end)
    line_end = len(seen) if line_end < 0 else line_end
    cluster = [first]
    for e in mine[1:]:  # the edits that continue it: close by, on its line
        if e.start - cluster[-1].end > GAP or e.end > line_end + 1:
            break
        cluster.append(e)
    lo = max(line_start, first.start - CONTEXT)
    hi = max(min(line_end, cluster[-1].end + CONTEXT), cluster[-1].end)
    shifted = [Edit(e.start - lo, e.end - lo, e.after) for e in cluster]
    before = seen[lo:hi]
    after = apply_edits(before, shifted)
    return _first_differing_line(before, after)


def _first_differing_line(before: str, after: str) -> tuple[str, str]:
    """A change over many lines that keeps the lines (a converted stretch): its first
    changed line; else the whole change."""
    b_lines, a_lines = before.split("\n"), after.split("\n")
    if len(b_lines) > 1 and len(b_lines) == len(a_lines):
        for b, a in zip(b_lines, a_lines, strict=True):
            if b != a:
                return _cut(b), _cut(a)
    return _cut(before), _cut(after)


def _cut(text: str) -> str:
    if len(text) <= LONGEST:
        return text
    half = LONGEST // 2
    return text[: half - 1] + "…" + text[-half:]
