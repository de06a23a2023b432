"""Edit operations between two strings, in time linear in their length.

``difflib.SequenceMatcher`` (``autojunk=False``) finds the longest matching block, then
recurses on each side of it; on a long line with many changes and few distinct
characters (``说cafÃ©是`` a thousand times) every search scans most of both strings, and
the whole diff takes cubic time (7,000 characters: 100 s). Where the scan would be
long (``WORK``: each character of ``a`` times its count in ``b``), the strings are
compared a window at a time, each window's operations kept up to its last equal
block; elsewhere the answer is SequenceMatcher's own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from difflib import SequenceMatcher

Opcode = tuple[str, int, int, int, int]

WORK = 200_000  # matches SequenceMatcher may scan: under this, one whole comparison
WINDOW = 128  # characters per window where it would scan more


def opcodes(a: str, b: str) -> Iterator[Opcode]:
    """(tag, a_start, a_end, b_start, b_end) turning ``a`` into ``b``, as
    ``SequenceMatcher(None, a, b, autojunk=False).get_opcodes()``."""
    in_b = Counter(b)
    if sum(in_b[c] for c in a) <= WORK:
        yield from SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        return
    i = j = 0
    window = WINDOW
    while True:
        ea, eb = i + window, j + window
        ops = SequenceMatcher(None, a[i:ea], b[j:eb], autojunk=False).get_opcodes()
        if ea >= len(a) and eb >= len(b):  # the rest fits in the window
            yield from _shifted(ops, i, j)
            return
        equal = [k for k, op in enumerate(ops) if op[0] == "equal"]
        if not equal:  # nothing in common in the window: widen it
            window *= 2
            continue
        keep = ops[: equal[-1] + 1]
        yield from _shifted(keep, i, j)
        i, j = i + keep[-1][2], j + keep[-1][4]
        window = WINDOW


def _shifted(ops: Sequence[Opcode], i: int, j: int) -> Iterator[Opcode]:
    for tag, i1, i2, j1, j2 in ops:
        yield tag, i + i1, i + i2, j + j1, j + j2
