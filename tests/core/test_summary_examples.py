"""The summary's example of a rule is its first whole change, in a little context."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cleaner.api import get_pipeline
from cleaner.core.records import Stats

CASES = json.loads((Path(__file__).parent / "data" / "summary_examples.json").read_text("utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_example_is_the_whole_change(case: dict[str, Any]) -> None:
    pipeline = get_pipeline(to=case.get("to"), explain=case.get("explain", False))
    stats = Stats()
    pipeline.clean_text(case["input"], stats=stats)
    stage, rule = case["rule"].split(".")
    assert stats.examples[(stage, rule)] == (case["before"], case["after"])
