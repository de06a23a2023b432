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


# the pieces as they were found before the bounded patterns: the whole stretch (between
# two gaps, or to whitespace or the text's edge), then its Han characters counted
_SPACE = regex.compile(r"\s")
_SPACE_BACK = regex.compile(r"\s", regex.REVERSE)


def _plain_short(rule: letter_spacing.LetterSpacing, text: str) -> letter_spacing._Piece | None:
    piece = letter_spacing._piece(text)
    return piece if piece is not None and piece.han <= rule.params.max_token else None


@settings(max_examples=1500, derandomize=True, database=None)
@given(st.text(alphabet="中文字王，。“1a \u3000\n\t\u00a0", max_size=30), st.integers(1, 3))
def test_the_short_pieces_are_the_pieces_of_at_most_max_token(text: str, k: int) -> None:
    rule = letter_spacing.LetterSpacing(letter_spacing.LetterSpacing.Params(max_token=k))
    for at in range(len(text) + 1):
        back = _SPACE_BACK.search(text, 0, at)
        before = _plain_short(rule, text[back.end() if back else 0 : at])
        assert rule._short(rule.short_before.match(text, 0, at)) == before, (text, at)
        ahead = _SPACE.search(text, at)
        after = _plain_short(rule, text[at : ahead.start() if ahead else len(text)])
        assert rule._short(rule.short_after.match(text, at)) == after, (text, at)
        for end in range(at + 1, len(text) + 1):
            between = _plain_short(rule, text[at:end])
            assert rule._short(rule.short.fullmatch(text, at, end)) == between, (text, at, end)


def test_no_mark_of_a_piece_is_han() -> None:
    assert not regex.search(HAN, CJK_PUNCT + "0123456789")


_WORDS = [
    "中",
    "文",
    "字",
    "王",
    "明",
    " ",
    " ",
    "\u3000",
    "，",
    "。",
    "1",
    "a",
    "\n",
    "推动高质量",
]
_SPACED = st.lists(st.sampled_from(_WORDS), max_size=40).map("".join)


@settings(max_examples=1500, derandomize=True, database=None)
@given(_SPACED)
def test_space_by_space_finds_what_the_searches_find(text: str) -> None:
    from cleaner.core.rule import BlockContext

    rule = letter_spacing.LetterSpacing(letter_spacing.LetterSpacing.Params())
    found = []
    for sparse in (0, 10**9):  # every text space by space, every text searched
        old, letter_spacing.SPARSE = letter_spacing.SPARSE, sparse
        try:
            spaces = letter_spacing._sparse_spaces(text)
            assert (spaces is None) == (sparse > 0 and (" " in text or "\u3000" in text))
            for pattern in (letter_spacing._SCREEN, rule.inside):
                assert letter_spacing._found(pattern, text, spaces) == bool(pattern.search(text))
            found.append([(e.start, e.end) for e in rule.find(text, BlockContext())])
        finally:
            letter_spacing.SPARSE = old
    assert found[0] == found[1]
