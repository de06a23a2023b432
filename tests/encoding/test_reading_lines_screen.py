"""reading_lines tries its pattern only at the start of the text and of a line opening
with a syllable's first letter: the rows found must be those ``finditer`` finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.stages.encoding.reading_lines import _ROW_HEAD, READING_LINE, reading_rows

TOKENS = ["dì", "yī", "tiáo", "wèi", "ㄨ", "ˋ", "ㄉㄜ", " ", "\t", "\n", "\n\n", "第一条",
          "为了", "A", "Li", "1", "ü", "。", "，", "mā"]  # fmt: skip


def test_every_first_letter_of_a_row_opens_the_screen() -> None:
    for c in map(chr, range(0x10000)):
        if READING_LINE.match(c):  # one character alone is a row: a first letter
            assert _ROW_HEAD.match("\n" + c) and _ROW_HEAD.match("\n \t" + c), repr(c)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=40))
def test_the_rows_are_those_finditer_finds(tokens: list[str]) -> None:
    text = "".join(tokens)
    assert [m.span() for m in reading_rows(text)] == [m.span() for m in READING_LINE.finditer(text)]
