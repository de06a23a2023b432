"""digit_space, punct_space, trailing_space and side_by_side's screen try their
pattern only where a character a match opens on stands (``text.finditer_at``):
the matches must be ``finditer``'s, on random text dense and sparse in those characters
and on the seeds. column_order searches its candidates only in text with a blank line."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.core.pipeline import Pipeline
from cleaner.stages.layout import digit_space, punct_space, side_by_side
from cleaner.stages.layout.column_order import _CANDIDATE, _blank_line
from cleaner.stages.layout.text import finditer_at, offsets_of
from cleaner.stages.layout.trailing_space import _TRAILING

RULES = {r.id: r for r in Pipeline(stages=["layout"]).rules}
CASES = [
    (RULES["digit_space"].pattern, digit_space._SPACES),
    (RULES["punct_space"].pattern, punct_space._SPACES),
    (_TRAILING, " \t\u3000"),
    (RULES["side_by_side"].screen, side_by_side._SCREEN_OPENS),
]
ROOT = Path(__file__).resolve().parents[2]
_ALPHABET = "中文字 \u3000\t\u00a0\n，。：（）“”12.,a|｜-/()〈》《【」"


def _same(text: str) -> None:
    for pattern, chars in CASES:
        want = [m.span() for m in pattern.finditer(text)]
        assert [m.span() for m in finditer_at(pattern, text, chars)] == want, (pattern, text)


@settings(max_examples=3000, derandomize=True, database=None)
@given(st.text(alphabet=_ALPHABET, max_size=40), st.integers(0, 400))
def test_the_matches_are_finditers(text: str, pad: int) -> None:
    _same(text)
    _same("中" * pad + text + "文" * pad)  # sparse: tried at the characters only


def test_on_the_seeds_and_ocr_pages() -> None:
    paths = sorted((ROOT / "seeds").glob("*.txt")) + sorted(
        (ROOT / "tests/layout/ocr/pages").glob("*.txt")
    )
    assert paths
    for path in paths:
        text = path.read_text(encoding="utf-8")
        _same(text)
        _same(text.replace(" ", "").replace("\u3000", "") + " 2 年 \n")


def test_offsets() -> None:
    assert offsets_of("中" * 300 + " a\u3000 ", " \u3000") == [300, 302, 303]
    assert offsets_of("a b", " ") is None  # dense: finditer's own scan


@settings(max_examples=3000, derandomize=True, database=None)
@given(st.text(alphabet="中文。！？”） \t\u3000\n", max_size=30))
def test_column_orders_candidate_holds_a_blank_line(text: str) -> None:
    if _CANDIDATE.search(text) is not None:
        assert _blank_line(text), text
