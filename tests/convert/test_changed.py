"""differing(): the C-speed count of changed characters behind the conversion statistics."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner.stages.convert.changed import differing
from cleaner.stages.convert.diff import changed_chars


def _slow(a: str, b: str) -> int:
    return sum(x != y for x, y in zip(a, b, strict=True))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("頭髮很長", "头发很长"),
        ("", ""),
        ("a" * 5000, "a" * 4999 + "b"),
        ("𠮷野家的頭", "吉野家的头"),  # outside the BMP: whole code points
        ("\ud800x", "\ud801x"),  # a lone surrogate
    ],
)
def test_differing_counts_positions_that_differ(a: str, b: str) -> None:
    assert differing(a, b) == _slow(a, b)


@given(st.lists(st.tuples(st.characters(), st.characters()), max_size=300))
def test_differing_agrees_with_a_plain_loop(pairs: list[tuple[str, str]]) -> None:
    a, b = "".join(p[0] for p in pairs), "".join(p[1] for p in pairs)
    assert differing(a, b) == _slow(a, b)


def test_changed_chars_counts_replacements_where_a_line_changes_length() -> None:
    assert changed_chars("排序算法\n頭髮", "排序演算法\n頭發") == 2  # one replacement, one char
