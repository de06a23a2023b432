"""Verse: lines built of clauses of one length (five or seven characters, in couplets).

Prose wrapped into a column cuts its clauses anywhere, so the pieces between marks and
line ends vary in length; in verse nearly every clause has the length of the one before
or after it (``两个黄鹂鸣翠柳，一行白鹭上青天。``: 7, 7). The column gate refuses a stretch
whose clauses are parallel like that: joining lines of poetry is damage.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from operator import and_, eq, or_
from string import punctuation

from cleaner.stages.layout.text import CJK_PUNCT

# what parts clauses: marks and spaces (a line end parts them too); the standard
# library's re, faster than regex's \p{P} on a page of text
_MARKS = punctuation + CJK_PUNCT + "【】〔〕［］〈〉「」『』・～％＋－＝／"
_CLAUSE_SEP = re.compile(rf"[\s{re.escape(_MARKS)}]+")
MIN_CLAUSE, MAX_CLAUSE = 3, 9  # the clause lengths of regular verse (3 to 9 characters)
MIN_CLAUSES = 6  # fewer clauses: too little to call a stretch verse
_VERSE_LENGTHS = frozenset(range(MIN_CLAUSE, MAX_CLAUSE + 1))


def clause_lengths(texts: Iterable[str]) -> list[int]:
    """Lengths of the clauses of ``texts``, in order (a line end ends a clause)."""
    return [n for n in map(len, _CLAUSE_SEP.split("\n".join(texts))) if n]


def parallel_share(texts: Iterable[str], min_clauses: int = MIN_CLAUSES) -> float:
    """Share of the clauses of verse length whose length equals the next or previous
    clause's (0 with fewer than ``min_clauses`` clauses)."""
    n = clause_lengths(texts)
    if len(n) < min_clauses or not n:
        return 0.0
    same = list(map(eq, n[1:], n[:-1]))  # same[i]: clause i + 1 as long as clause i
    parallel = map(or_, [False, *same], [*same, False])
    even = sum(map(and_, parallel, map(_VERSE_LENGTHS.__contains__, n)))
    return even / len(n)


# a couplet line: clauses of five or seven characters, each closed by its mark
# (``两个黄鹂鸣翠柳，一行白鹭上青天。``): the length of the line tells it first
_COUPLET_LENGTHS = frozenset(n * (k + 1) for k in (5, 7) for n in (2, 4))


def couplet_line(text: str) -> bool:
    """``text`` is a line of regular verse: two or four clauses of five or seven
    characters, all of one length, each ending on a mark."""
    if len(text) not in _COUPLET_LENGTHS:
        return False
    n = clause_lengths([text])
    return len(n) in (2, 4) and n[0] in (5, 7) and n.count(n[0]) == len(n)
