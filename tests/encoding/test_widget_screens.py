"""The shipped screens of page_widgets and wechat_footer reject only text their
patterns find nothing in (a one-line run settles without compiling them)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.core.pipeline import Pipeline
from cleaner.core.rule import BlockContext
from cleaner.stages import rule_classes
from cleaner.stages.encoding import page_widgets, wechat_footer

CASES = Path(__file__).resolve().parents[1] / "cases" / "encoding"


def _rule(rule_id: str):  # type: ignore[no-untyped-def]
    ids = [c.id for c in rule_classes("encoding")]
    pipeline = Pipeline(
        stages=["encoding"], overrides={"encoding": {r: {"enabled": r == rule_id} for r in ids}}
    )
    return next(r for stage in pipeline.stages for r in stage.rules if r.id == rule_id)


PAGE = _rule("page_widgets")
# the characters of the shipped patterns' words, less the screens' own
_PATTERN_CHARS = sorted(
    {c for p in [*page_widgets.DEFAULT_LINES, page_widgets.WECHAT_BAR] for c in p}
    | set(wechat_footer.CONTROL_LINE + wechat_footer.ANCHORS)
    | set(" \n：，。（）()[]【】>»|/·-0123456789")
)
WITHOUT_NEEDS = [c for c in _PATTERN_CHARS if c not in page_widgets.SHIPPED_NEEDS]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=WITHOUT_NEEDS, max_size=60))
def test_page_widgets_finds_nothing_without_a_needed_character(text: str) -> None:
    needs, PAGE.needs = PAGE.needs, None  # the patterns alone, unscreened
    try:
        assert list(PAGE.find(text, BlockContext())) == []
    finally:
        PAGE.needs = needs


def test_every_widget_case_holds_a_needed_character() -> None:
    for case in json.loads((CASES / "page_widgets.json").read_text(encoding="utf-8")):
        if case["input"] != case["expected"]:
            assert not page_widgets.SHIPPED_NEEDS.isdisjoint(case["input"]), case["label"]


def test_every_wechat_anchor_holds_a_needed_substring() -> None:
    for anchor in wechat_footer.ANCHORS.split("|"):
        assert any(k in anchor for k in wechat_footer.ANCHOR_NEEDS), anchor


def _found(text: str, screened: bool) -> tuple[list[tuple[int, int, str]], list[Any]]:
    """What page_widgets removes, and the lines it keeps and reports."""
    needs = PAGE.needs
    if not screened:
        PAGE.needs = None  # every line and position goes to the patterns
    ctx = BlockContext(state=[])
    try:
        return [(e.start, e.end, e.after) for e in PAGE.find(text, ctx)], ctx.state
    finally:
        PAGE.needs = needs


_WIDGETS = [
    case["input"] for case in json.loads((CASES / "page_widgets.json").read_text(encoding="utf-8"))
]
_LINE_CHARS = [*_PATTERN_CHARS, "\n", "\n", " ", "\u3000", "中", "文", "。"]


def _generated(pattern: str) -> st.SearchStrategy[str]:
    """Strings a shipped pattern matches whole (``re`` syntax; a lookbehind left out)."""
    pattern = pattern.replace(r"\p{Han}", "[\u4e00-\u9fff]")
    pattern = pattern.removeprefix("(?<=[。！？!?”」])")
    return st.from_regex(pattern, fullmatch=True)


_SHIPPED = [
    *page_widgets.DEFAULT_LINES,
    page_widgets.BRACKETED,
    page_widgets.WECHAT_BAR,
    page_widgets.SHARE_TAIL,
]
_PIECE = st.one_of(
    st.text(alphabet=_LINE_CHARS, max_size=30),
    st.sampled_from(_WIDGETS),
    *(_generated(p) for p in _SHIPPED),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_PIECE, st.sampled_from(["\n", "\n", "", " ", "。"])), max_size=6))
def test_page_widgets_line_screens_find_what_the_patterns_find(
    pieces: list[tuple[str, str]],
) -> None:
    # SCREEN_CHARS aside: long texts go through the line and tail screens
    text = "".join(p + sep for p, sep in pieces) + "\n" + "長" * page_widgets.SCREEN_CHARS
    assert _found(text, screened=True) == _found(text, screened=False)


def test_page_widgets_screens_on_every_case_and_seed() -> None:
    seeds = Path(__file__).resolve().parents[2] / "seeds"
    texts = [*_WIDGETS, *(p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt")))]
    for text in texts:
        padded = text + "\n" + "長" * page_widgets.SCREEN_CHARS
        assert _found(padded, screened=True) == _found(padded, screened=False)
