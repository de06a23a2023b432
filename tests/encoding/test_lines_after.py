"""related_links counts the non-blank lines after a run only up to its limit: the count
must agree with the plain definition (str.splitlines, str.strip) on any text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cleaner.stages.encoding.boilerplate import lines_after_exceed

# every character str.splitlines cuts at or str.strip strips, and some that it does not
PIECES = st.sampled_from(
    list("\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029 \t\u3000\xa0\u200b") + ["ab", "中", "\r\n"]
)


def plain(text: str, start: int, limit: int) -> bool:
    return sum(1 for line in text[start:].splitlines() if line.strip()) > limit


@given(st.lists(PIECES, max_size=40).map("".join), st.integers(0, 45), st.integers(0, 6))
def test_agrees_with_splitlines_and_strip(text: str, start: int, limit: int) -> None:
    start = min(start, len(text))
    assert lines_after_exceed(text, start, limit) == plain(text, start, limit)


def test_counts_lines_not_characters() -> None:
    text = "a\n\n  \nb\r\nc\u2028d"
    assert lines_after_exceed(text, 0, 3)
    assert not lines_after_exceed(text, 0, 4)
    assert not lines_after_exceed(text, 2, 3)
