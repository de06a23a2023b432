"""The pipeline runs its stages again over a block while a pass still changes it, so
that cleaning clean output changes nothing. data/passes.json holds inputs where a
later rule makes the context an earlier one acts on (FINDINGS.md I2-I5, I9-I11; I6 now
settles in one pass, pinyin deciding per annotation): one pass leaves them unsettled,
the pipeline settles them, and the records of every pass replay to the output."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.core.edits import Edit, apply_edits
from cleaner.core.passes import Passes, moved
from cleaner.core.pipeline import Pipeline
from cleaner.core.records import Change
from cleaner.core.replay import replay
from cleaner.core.rule import Rule

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


def test_a_later_pass_converts_only_what_changed_since_the_conversion() -> None:
    """Overrides applied twice would chain (甲 -> 乙 -> 丙): a later pass, made here by a
    nested page-jump marker, must not convert the text the first pass converted."""
    chain = {"phrases": {"甲": "乙", "乙": "丙"}}
    pipeline = Pipeline(overrides={"convert": {"opencc": {"to": "keep"}, "overrides": chain}})
    assert pipeline.clean_text("甲乙▶下▶下转A6版转A6版甲") == "乙丙乙"
    assert pipeline.stats.changes[("layout", "page_jump")] == 2  # a second pass ran


class _Reader:
    """What Passes reads of a rule: a first-pass-only rule (unwrap) and a plain one."""

    def __init__(self, first_pass_only: bool) -> None:
        self.first_pass_only = first_pass_only
        self.converts_once = False


def test_a_first_pass_only_rule_that_has_not_edited_the_block_looks_again() -> None:
    """unwrap reads the input's layout, gone once it has joined lines; until it has
    edited the block (the gate failed: a line still mojibake), a later pass runs it
    where the text changed, as the next run would (FINDINGS.md I11)."""
    reader, repair = _Reader(first_pass_only=True), _Reader(first_pass_only=False)
    passes = Passes(cast(list[Rule], [repair, reader]))
    edit = [Edit(0, 1, "x")]
    passes.ran(cast(Rule, repair), [])
    passes.ran(cast(Rule, reader), [])
    passes.later = True
    assert not passes.needs(cast(Rule, reader))  # nothing changed under it
    passes.ran(cast(Rule, repair), edit)  # a later pass repairs a line
    assert passes.needs(cast(Rule, reader))
    passes.ran(cast(Rule, reader), edit)  # it joins lines now
    passes.ran(cast(Rule, repair), edit)
    assert not passes.needs(cast(Rule, reader))  # the input's layout is gone


_PIECE = st.tuples(st.integers(0, 30), st.integers(0, 3), st.integers(0, 3))


@settings(max_examples=1000, derandomize=True, database=None)
@given(st.integers(0, 30), st.lists(_PIECE, max_size=6), st.lists(_PIECE, max_size=4))
def test_new_text_is_tracked_through_edits(n: int, cuts: list[Any], marks: list[Any]) -> None:
    """Every character of a tracked span that an edit leaves, and every character an
    edit writes, lies in a span of the edited text."""
    text = "".join(chr(0x4E00 + i) for i in range(n))  # every character unique
    edits, pos = [], 0
    for start, span, written in sorted(cuts):
        start = max(start, pos)
        if start > n:
            break
        end = min(n, start + span)
        if end > start or written:
            edits.append(Edit(start, end, "x" * written))
        pos = end + 1
    spans, pos = [], 0
    for start, span, _ in sorted(marks):
        start = max(start, pos)
        if start + span + 1 > n:
            break
        spans.append((start, start + span + 1))
        pos = start + span + 2
    out = apply_edits(text, edits)
    covered = {i for s, t in moved(spans, edits, add=True) for i in range(s, t)}
    kept = [out.index(text[i]) for s, t in spans for i in range(s, t) if text[i] in out]
    written = [i for i, c in enumerate(out) if c == "x"]
    assert set(kept) | set(written) <= covered
    assert covered <= set(range(len(out)))
