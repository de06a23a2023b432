"""Records replay to the output: applying them in order to the input gives it back."""

from __future__ import annotations

from pathlib import Path

import pytest

import cleaner
from cleaner.core.records import Change
from cleaner.core.replay import ReplayError, replay

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))


@pytest.mark.parametrize("to", ["simplified", "traditional", "taiwan", "hongkong", "keep"])
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_seed_records_replay_to_the_output(seed: Path, to: str) -> None:
    text = seed.read_text(encoding="utf-8")
    result = cleaner.clean_with_changes(text, to=to)
    assert replay(text, result.changes) == result.text


def test_overlapping_records_replay() -> None:
    """Later rules rewrite what earlier ones wrote: stray_comma then fold_punct on the
    same marks, newlines then unwrap on the same line breaks."""
    text = "我們的,,工作\r\n很好,。(他說)是的,,"
    result = cleaner.clean_with_changes(text, to="simplified")
    rules = [c.rule for c in result.changes]
    assert {"newlines", "stray_comma", "fold_punct", "opencc"} <= set(rules)
    assert replay(text, result.changes) == result.text


def test_a_record_that_does_not_fit_is_refused() -> None:
    wrong = Change("-", "encoding", "stray_comma", 0, 1, "x", "", at=0)
    with pytest.raises(ReplayError, match="stray_comma"):
        replay("a,b", [wrong])
