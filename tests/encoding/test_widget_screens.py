"""The shipped screens of page_widgets and wechat_footer reject only text their
patterns find nothing in (a one-line run settles without compiling them)."""

from __future__ import annotations

import json
from pathlib import Path

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
