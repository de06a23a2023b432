"""Edits from a converted text: compare input and output line by line.

OpenCC never touches line breaks, so a converted run has the same lines as its
input; equal lines (C string compare) are skipped. Two units:

- ``line``: one edit per changed line, the whole line (one Python step per
  changed line);
- ``char``: one edit per changed character, or per aligned replacement where a
  phrase changes length (s2twp: 算法 → 演算法);
- ``run``: one edit per converted run of lines (a whole block when it is all in
  one script), trimmed to its first and last change: the cheapest, coarse records.

With ``ambiguity`` on, a one-to-many character (发 → 發 or 髮) inside an edit is
listed in the edit's note with the choice made and the alternatives.

Whatever the unit, the statistics count what ``char`` makes records of: a coarse
edit carries that number as its ``count`` (``changed_chars``), so that the counts
are the same with and without ``--explain``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from cleaner.core.edits import Edit
from cleaner.core.opcodes import opcodes
from cleaner.stages.convert.changed import differing
from cleaner.stages.convert.tables import char_class

Multi = dict[str, list[str]]


def _pairs(a: str, b: str) -> list[tuple[int, int, int, int]]:
    """Aligned changed spans (a_start, a_end, b_start, b_end) of two unequal lines."""
    return [(i1, i2, j1, j2) for op, i1, i2, j1, j2 in opcodes(a, b) if op != "equal"]


def changed_chars(a: str, b: str) -> int:
    """How many records the ``char`` unit makes of converting ``a`` to ``b``: per changed
    line, the characters that differ, or the aligned replacements where the line
    changed length; 1 for a run whose lines do not pair up."""
    if a == b:
        return 0
    la, lb = a.split("\n"), b.split("\n")
    if len(la) != len(lb):
        return 1
    if len(a) == len(b) and list(map(len, la)) == list(map(len, lb)):
        return differing(a, b)  # the usual case (t2s, s2t): one C-speed pass
    return sum(_line_changes(x, y) for x, y in zip(la, lb) if x != y)  # noqa: B905


def _line_changes(x: str, y: str) -> int:
    return differing(x, y) if len(x) == len(y) else len(_pairs(x, y))


def _trim(a: str, b: str) -> tuple[int, int]:
    """Lengths of the common prefix and (non-overlapping) common suffix of a and b."""
    na, nb = len(a), len(b)
    limit = min(na, nb)
    p = 0
    while p < limit and a[p] == b[p]:
        p += 1
    s = 0
    limit -= p
    while s < limit and a[na - 1 - s] == b[nb - 1 - s]:
        s += 1
    return p, s


class Differ:
    """Turns (input, output) of a conversion into edits, per ``unit``."""

    def __init__(self, unit: str, multi: Multi | None) -> None:
        self.unit = unit
        self.multi = multi
        # BMP only: a supplementary-plane character makes ``re`` test the class slowly
        bmp = "".join(c for c in multi or () if ord(c) < 0x10000)
        self.multi_re = re.compile(char_class(bmp)) if bmp else None
        self.alts: dict[tuple[str, str], list[str]] = {}

    def edits(self, a: str, b: str, base: int) -> list[Edit]:
        """Edits turning ``a`` into ``b``, in coordinates offset by ``base``."""
        if a == b:
            return []
        if self.unit == "run":
            p, s = _trim(a, b)
            note = self._note(a, b, p, len(a) - s) if self.multi_re is not None else None
            count = changed_chars(a, b)
            return [
                Edit(base + p, base + len(a) - s, b[p : len(b) - s], note, count=count, chars=count)
            ]
        la, lb = a.split("\n"), b.split("\n")
        if len(la) != len(lb):  # never seen: OpenCC keeps line breaks
            return [Edit(base, base + len(a), b)]
        out: list[Edit] = []
        pos = base
        if self.unit == "char":
            for x, y in zip(la, lb):  # noqa: B905 - same length, checked above
                if x != y:
                    out.extend(self._chars(x, y, pos))
                pos += len(x) + 1
            return out
        # unit "line": the whole line, untrimmed (this loop is the stage's hot path)
        append = out.append
        if self.multi_re is None:
            for x, y in zip(la, lb):  # noqa: B905
                if x != y:
                    n = _line_changes(x, y)
                    append(Edit(pos, pos + len(x), y, count=n, chars=n))
                pos += len(x) + 1
            return out
        for x, y in zip(la, lb):  # noqa: B905
            if x != y:
                note = self._note(x, y, 0, len(x))
                n = _line_changes(x, y)
                append(Edit(pos, pos + len(x), y, note, count=n, chars=n))
            pos += len(x) + 1
        return out

    def _chars(self, x: str, y: str, pos: int) -> Iterator[Edit]:
        if len(x) == len(y):
            amb = self.multi if self.multi_re is not None else None
            for i, (c, d) in enumerate(zip(x, y, strict=False)):
                if c != d:
                    note = None
                    if amb is not None and c in amb:
                        note = {"alternatives": [k for k in amb[c] if k != d]}
                    yield Edit(pos + i, pos + i + 1, d, note)
            return
        for i1, i2, j1, j2 in _pairs(x, y):
            note = self._note(x[i1:i2], y[j1:j2], 0, i2 - i1) if self.multi_re else None
            yield Edit(pos + i1, pos + i2, y[j1:j2], note)

    def _note(self, x: str, y: str, start: int, end: int) -> dict[str, Any] | None:
        """One-to-many characters in ``x[start:end]`` with what they became in ``y``
        (where a phrase changed length, the whole replacement, e.g. 演算法)."""
        assert self.multi_re is not None and self.multi is not None
        found = [(m.start(), m.group()) for m in self.multi_re.finditer(x, start, end)]
        if not found:
            return None
        choice = _choices(x, y, [i for i, _ in found])
        alts, multi = self.alts, self.multi
        entries = []
        for i, c in found:
            chose = choice.get(i, c)
            alt = alts.get((c, chose))
            if alt is None:  # shared between notes: treat as read-only
                alt = alts[(c, chose)] = [k for k in multi[c] if k != chose]
            entries.append({"at": i - start, "char": c, "chose": chose, "alternatives": alt})
        return {"ambiguous": entries}


def _choices(x: str, y: str, positions: list[int]) -> dict[int, str]:
    """What the characters of ``x`` at ``positions`` (sorted) became in ``y``."""
    if len(x) == len(y):
        return {i: y[i] for i in positions}
    xs, ys = x.split("\n"), y.split("\n")
    if len(xs) != len(ys):
        return {}
    out: dict[int, str] = {}
    k, base = 0, 0
    for xl, yl in zip(xs, ys):  # noqa: B905 - same length, checked above
        end = base + len(xl)
        mine = []
        while k < len(positions) and positions[k] < end:
            mine.append(positions[k] - base)
            k += 1
        if mine and len(xl) == len(yl):
            out.update({base + i: yl[i] for i in mine})
        elif mine:
            for op, i1, i2, j1, j2 in opcodes(xl, yl):
                for i in (i for i in mine if i1 <= i < i2):
                    same = op == "equal" or i2 - i1 == j2 - j1
                    out[base + i] = yl[j1 + i - i1] if same else yl[j1:j2]
        base = end + 1
    return out
