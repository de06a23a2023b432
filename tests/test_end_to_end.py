"""The whole pipeline on the seeds: idempotent, and records explain the output."""

from __future__ import annotations

from pathlib import Path

import pytest

import cleaner

SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))


@pytest.mark.parametrize("to", ["simplified", "traditional", "keep"])
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_cleaning_clean_output_changes_nothing(seed: Path, to: str) -> None:
    once = cleaner.clean(seed.read_text(encoding="utf-8"), to=to)
    again = cleaner.clean_with_changes(once, to=to)
    assert again.text == once
    assert again.changes == []


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_first_layer_records_quote_the_input(seed: Path) -> None:
    """Records of the first rule that touches the text quote the input exactly."""
    text = seed.read_text(encoding="utf-8")
    result = cleaner.clean_with_changes(text, to="simplified")
    assert result.changes
    first = result.changes[0]
    assert text[first.start : first.end] == first.before
    for change in result.changes:
        assert 0 <= change.start <= change.end <= len(text)
