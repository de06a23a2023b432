"""One vocabulary: every rule id is a table in its rule file (with every parameter
shown), has test cases, and its rule file has no table that is not a rule."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from cleaner.core.rulefile import tomllib
from cleaner.stages import STAGES, rule_classes

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("stage", STAGES)
def test_rule_file_documents_every_rule_and_parameter(stage: str) -> None:
    data = tomllib.loads((ROOT / "rules" / f"{stage}.toml").read_text(encoding="utf-8"))
    ids = [c.id for c in rule_classes(stage)]
    assert sorted(data) == sorted(ids)
    for cls in rule_classes(stage):
        keys = {f.name for f in dataclasses.fields(cls.Params)}
        assert set(data[cls.id]) == keys, f"[{cls.id}] should show every parameter"
        assert cls.description() and "PLACEHOLDER" not in cls.description()


@pytest.mark.parametrize("stage", STAGES)
def test_every_rule_has_cases_that_change_text(stage: str) -> None:
    cases = [
        case
        for path in (ROOT / "tests" / "cases" / stage).glob("*.json")
        for case in json.loads(path.read_text(encoding="utf-8"))
    ]
    for cls in rule_classes(stage):
        mine = [c for c in cases if c.get("rule") == cls.id]
        assert any(c["input"] != c["expected"] for c in mine), f"{cls.id}: no positive case"
