"""related_links looks only at lines holding a date when its `line` pattern is the
default (which ends in one): the screen must reject only lines the pattern rejects."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.core.pipeline import Pipeline
from cleaner.stages.encoding.boilerplate import RelatedLinks

ROOT = Path(__file__).resolve().parents[2]
RULE = next(r for r in Pipeline(stages=["encoding"]).rules if isinstance(r, RelatedLinks))


def _spans(text: str, screened: bool) -> list[tuple[int, int]]:
    found = RULE.matches(text) if screened else RULE.pattern.finditer(text)
    return [m.span() for m in found]


def test_the_shipped_rule_file_uses_the_screen() -> None:
    assert RULE.screen is not None


def test_a_user_pattern_is_searched_without_the_screen() -> None:
    rule = RelatedLinks(RelatedLinks.Params(line=r"^相关：.*$"))
    assert rule.screen is None
    assert [m.group() for m in rule.matches("正文\n相关：无日期的标题\n")] == ["相关：无日期的标题"]


def test_same_matches_on_seeds_and_case_files() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for path in sorted((ROOT / "tests" / "cases").glob("*/*.json")):
        texts += [c["input"] for c in json.loads(path.read_text(encoding="utf-8"))]
    hits = 0
    for text in texts:
        spans = _spans(text, screened=False)
        assert _spans(text, screened=True) == spans
        hits += len(spans)
    assert hits > 0  # the texts hold related-article lines


_PIECES = st.sampled_from(
    ["- ", "1. ", "標題", "title", " ", "\n", "。", "，", "2022-07-12", "1998年1月15日",
     "2021/3/4", "2020.1.2", "20", "19", "99", "-", "年", "月", "日", "（", "）", " 12:30"]
)  # fmt: skip


@settings(max_examples=500, derandomize=True, database=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_same_matches_on_random_lines(text: str) -> None:
    assert _spans(text, screened=True) == _spans(text, screened=False)
