"""The pipeline runs its stages again over a block while a pass still changes it, so
that cleaning clean output changes nothing. data/passes.json holds inputs where a
later rule makes the context an earlier one acts on (FINDINGS.md I2-I6, I9): one
pass leaves them unsettled, the pipeline settles them, and the records of every pass
replay to the output."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cleaner.core.pipeline import Pipeline
from cleaner.core.records import Change
from cleaner.core.replay import replay

CASES = json.loads((Path(__file__).parent / "data" / "passes.json").read_text(encoding="utf-8"))


def _pipeline(to: str, passes: int | None = None) -> Pipeline:
    extra: dict[str, Any] = {} if passes is None else {"passes": passes}
    return Pipeline(overrides={"convert": {"opencc": {"to": to}}}, **extra)


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_settles_in_one_run(case: dict[str, str]) -> None:
    records: list[Change] = []
    pipeline = _pipeline(case["to"])
    out = pipeline.clean_text(case["input"], sink=records.append)
    assert out == case["expected"]
    assert pipeline.clean_text(out) == out
    assert replay(case["input"], records) == out
    assert not pipeline.stats.reported[("pipeline", "unsettled")]


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_one_pass_leaves_it_unsettled(case: dict[str, str]) -> None:
    once = _pipeline(case["to"], passes=1).clean_text(case["input"])
    assert _pipeline(case["to"], passes=1).clean_text(once) != once


def test_a_block_still_changing_after_the_last_pass_is_reported() -> None:
    case = next(c for c in CASES if c["label"].startswith("I9"))  # needs two passes
    records: list[Change] = []
    pipeline = _pipeline(case["to"], passes=1 + 1)
    pipeline.clean_text("▶下" + case["input"] + "转A6版", sink=records.append)
    assert pipeline.stats.reported[("pipeline", "unsettled")] == 1
    (note,) = [r.note for r in records if r.rule == "unsettled"]
    assert note == {"unchanged": True, "passes": 2, "last_rule": "layout.page_jump"}


def test_passes_must_be_positive() -> None:
    with pytest.raises(ValueError, match="passes must be at least 1"):
        Pipeline(passes=0)
