"""ftfy's own test cases through the utf8_mojibake rule.

The rule runs alone (the encoding stage's other rules off): they rewrite ASCII
punctuation next to Chinese text on purpose, which says nothing about mojibake.
The expected output is ftfy's own result with the rule's CJK-safe configuration;
cases where the rule deliberately differs are listed with a reason in
data/ftfy_exceptions.json.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import ftfy
import pytest

from cleaner.core.pipeline import Pipeline
from cleaner.stages import rule_classes
from cleaner.stages.encoding.utf8_mojibake import CJK_SAFE

DATA = Path(__file__).parent / "data"
CASES: list[dict[str, Any]] = json.loads((DATA / "ftfy_test_cases.json").read_text("utf-8"))
EXCEPTIONS: dict[str, str] = json.loads((DATA / "ftfy_exceptions.json").read_text("utf-8"))[
    "exceptions"
]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    ids = [c.id for c in rule_classes("encoding")]
    return Pipeline(
        stages=["encoding"],
        overrides={"encoding": {rid: {"enabled": rid == "utf8_mojibake"} for rid in ids}},
    )


def _params() -> list[Any]:
    out = []
    for case in CASES:
        marks = []
        if case["label"] in EXCEPTIONS:
            marks.append(pytest.mark.xfail(reason=EXCEPTIONS[case["label"]], strict=True))
        out.append(pytest.param(case, id=case["label"], marks=marks))
    return out


@pytest.mark.parametrize("case", _params())
def test_ftfy_case(pipeline: Pipeline, case: dict[str, Any]) -> None:
    assert pipeline.clean_text(case["original"]) == ftfy.fix_text(case["original"], CJK_SAFE)


def test_exceptions_name_real_cases() -> None:
    labels = {c["label"] for c in CASES}
    assert set(EXCEPTIONS) <= labels
    assert all(EXCEPTIONS.values()), "every exception needs a reason"


def test_pass_count(pipeline: Pipeline) -> None:
    passed = sum(
        pipeline.clean_text(c["original"]) == ftfy.fix_text(c["original"], CJK_SAFE) for c in CASES
    )
    print(f"ftfy cases equal to ftfy's CJK-safe result: {passed}/{len(CASES)}")
    assert passed == len(CASES) - len(EXCEPTIONS)


HTML_AND_CONTROLS = CJK_SAFE._replace(unescape_html=True, remove_control_chars=True)
# ftfy's cases whose expected text needs entities decoded or controls removed
LEFTOVER_CASES = [
    c
    for c in CASES
    if ftfy.fix_text(c["original"], CJK_SAFE) != c["fixed"]
    and ftfy.fix_text(c["original"], HTML_AND_CONTROLS) == c["fixed"]
]


@pytest.mark.parametrize("case", LEFTOVER_CASES, ids=[c["label"] for c in LEFTOVER_CASES])
def test_html_leftovers_give_ftfy_expected(case: dict[str, Any]) -> None:
    """html_leftovers before utf8_mojibake: ftfy's expected text, entities and controls too."""
    ids = [c.id for c in rule_classes("encoding")]
    on = {"html_leftovers", "utf8_mojibake"}
    pl = Pipeline(
        stages=["encoding"], overrides={"encoding": {r: {"enabled": r in on} for r in ids}}
    )
    assert LEFTOVER_CASES, "ftfy's suite has such cases"
    assert pl.clean_text(case["original"]) == case["fixed"]
