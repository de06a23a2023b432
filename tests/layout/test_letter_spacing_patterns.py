"""letter_spacing's screen and gap patterns look for the space first; they must find
what their plain forms find (the screen: whether there is a match; the gaps: every
match, at the same place)."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.stages.layout import letter_spacing
from cleaner.stages.layout.text import CJK_PUNCT, HAN

PLAIN_SCREEN = regex.compile(rf"{HAN}[ \u3000]{HAN}")
PLAIN_GAP = regex.compile(
    rf"(?<={HAN})[ \u3000](?=[{CJK_PUNCT}0-9\p{{Han}}])|(?<=[{CJK_PUNCT}0-9])[ \u3000](?={HAN})"
)
_TEXT = st.text(alphabet="中文字王明，。“”（）、12a \u3000\n\t", max_size=40)


def _agree(text: str) -> None:
    screen = letter_spacing._SCREEN.search(text) is not None
    assert screen == (PLAIN_SCREEN.search(text) is not None), text
    gaps = [m.span() for m in letter_spacing._GAP.finditer(text)]
    assert gaps == [m.span() for m in PLAIN_GAP.finditer(text)], text


@settings(max_examples=3000, derandomize=True, database=None)
@given(_TEXT)
def test_same_as_the_plain_patterns(text: str) -> None:
    _agree(text)


def test_same_on_spaced_examples() -> None:
    for text in [
        "推 动高 质 量 发 展",
        "记者 王 明",
        "甲 1 乙 2",
        "第 1 条",
        "中 ，文",
        "a 中",
        "中 a",
    ]:
        _agree(text)
    assert letter_spacing._SCREEN.search("记者 王 明")
