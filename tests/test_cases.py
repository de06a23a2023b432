"""Runs every case file under tests/cases/<stage>/*.json.

A case file is a JSON list of cases:
  {"label": "...", "rule": "stray_comma", "input": "...", "expected": "...",
   "params": {...}, "to": "simplified", "config": "s2twp", "expect": "pass" | "fail",
   "why": "reason, required with expect=fail", "stages": ["encoding", "convert"]}
With "rule" the case runs that rule alone (the stage's other rules off); without it,
the whole stage. "stages" runs those stages (the file's among them) instead of the
file's alone: a rule acting on what another stage's rule made of the text. A changed
case must be attributed to its rule in the change records; a negative case (input ==
expected) must produce no record at all. Every case is also checked for idempotence:
cleaning the expected text changes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cleaner.core.pipeline import Pipeline
from cleaner.core.records import Change
from cleaner.stages import rule_classes

CASES = Path(__file__).parent / "cases"


def _load() -> list[Any]:
    out = []
    for path in sorted(CASES.glob("*/*.json")):
        stage = path.parent.name
        for i, case in enumerate(json.loads(path.read_text(encoding="utf-8"))):
            marks = []
            if case.get("expect", "pass") == "fail":
                assert case.get("why"), f"{path.name}[{i}]: expect=fail needs a 'why'"
                marks.append(pytest.mark.xfail(reason=case["why"], strict=True))
            label = f"{stage}/{path.stem}[{i}]:{case.get('label', '')}"
            out.append(pytest.param(stage, case, id=label, marks=marks))
    return out


def _pipeline(stage: str, case: dict[str, Any]) -> Pipeline:
    overrides: dict[str, dict[str, Any]] = {}
    if "rule" in case:
        ids = [c.id for c in rule_classes(stage)]
        assert case["rule"] in ids, f"unknown rule {case['rule']!r} in stage {stage}"
        overrides = {rid: {"enabled": rid == case["rule"]} for rid in ids}
    target = case.get("rule", "opencc") if stage == "convert" else case.get("rule")
    if target:
        overrides.setdefault(target, {}).update(case.get("params", {}))
    if stage == "convert":
        opencc = overrides.setdefault("opencc", {})
        for key in ("to", "config"):
            if key in case:
                opencc[key] = case[key]
    stages = case.get("stages", [stage])
    assert stage in stages, f"stages {stages} leave out the file's stage {stage}"
    return Pipeline(stages=stages, overrides={stage: overrides})


@pytest.mark.parametrize(("stage", "case"), _load())
def test_case(stage: str, case: dict[str, Any]) -> None:
    pipeline = _pipeline(stage, case)
    changes: list[Change] = []
    out = pipeline.clean_text(case["input"], sink=changes.append)
    assert out == case["expected"]
    reported = [c for c in changes if (c.note or {}).get("unchanged")]
    assert len(reported) == case.get("reported", 0), "findings left unchanged, as reported"
    if case["input"] == case["expected"]:
        assert len(changes) == len(reported), "a negative case must produce no change record"
    elif "rule" in case:
        assert any(c.rule == case["rule"] for c in changes), "change not attributed to its rule"
        for c in changes:
            assert case["input"][c.start : c.end] == c.before, f"record offsets wrong: {c}"
    again: list[Change] = []
    assert pipeline.clean_text(out, sink=again.append) == out, "cleaning is not idempotent"
