"""fold_punct's parenthesis matching looks only where the text has an ASCII parenthesis
(found by a regex at C speed) instead of stepping through up to ``max_paren_chars``
characters in Python: the same answer for every text and every set of folds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.core.pipeline import Pipeline
from cleaner.stages.encoding.fold_punct import FULL, FoldPunct, characters


def stepped(buf: list[str], i: int, limit: int) -> int | None:
    """The matching parenthesis as found before: one character at a time."""
    step, here, there = (1, "(", ")") if buf[i] == "(" else (-1, ")", "(")
    depth, j = 0, i
    lo, hi = max(0, i - limit - 1), min(len(buf), i + limit + 2)
    while lo <= j < hi:
        if buf[j] == here:
            depth += 1
        elif buf[j] == there:
            depth -= 1
            if depth == 0:
                return j
        j += step
    return None


def rule() -> FoldPunct:
    found = [r for r in Pipeline(stages=("encoding",)).rules if isinstance(r, FoldPunct)]
    return found[0]


FOLD = rule()


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet="()（）中文a ,", max_size=400),
    st.lists(st.integers(min_value=0, max_value=399), max_size=40),
    st.integers(min_value=1, max_value=40),
)
def test_partner_equals_the_stepping_search(text: str, folds: list[int], limit: int) -> None:
    buf = characters(text)
    for k in folds:  # marks folded earlier in the block
        if k < len(buf) and buf[k] in "()":
            buf[k] = FULL[buf[k]]
    FOLD.params.max_paren_chars, kept = limit, FOLD.params.max_paren_chars
    try:
        for i, c in enumerate(buf):
            if c in "()":
                assert FOLD._partner(text, buf, i) == stepped(list(buf), i, limit)
    finally:
        FOLD.params.max_paren_chars = kept
