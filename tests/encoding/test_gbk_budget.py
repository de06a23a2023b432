"""gbk_shift's search budget and idempotence (FINDINGS H9): cleaning the output again
changes nothing, also where text dense with '?' has more anchors than the budget.

The budget is all or nothing: a pass over a block with more anchors than it may
search searches none of them, so what a pass searches depends on its text alone, and
the second run leaves the same anchors as the first run's last pass."""

from __future__ import annotations

import random
import re

import pytest
from test_gbk_screen import _damaged, _dense
from test_gbk_shift_generator import PARAS

from cleaner.core.pipeline import Pipeline
from cleaner.core.records import Change
from cleaner.stages.encoding.gbk.rule import BUDGET_LINES, budget_windows

SEED = 20261203
H9 = "发????好?广特??策???????的??要???????"


def _question_marks(rng: random.Random, n: int) -> str:
    """Clean text with ``?`` for many of its characters (H9's shape)."""
    flat = "".join(PARAS)
    at = rng.randrange(len(flat) - n)
    return "".join("?" if rng.random() < 0.4 else c for c in flat[at : at + n])


def _texts(n: int) -> list[str]:
    """Damaged stretches among text dense with '?': more anchors than the budget of a
    short text."""
    rng = random.Random(SEED)
    damaged, dense = _damaged(), _dense(rng, 40)
    out = []
    for _ in range(n):
        parts = rng.sample(damaged, 3) + rng.sample(dense, 6)
        parts += [_question_marks(rng, rng.randint(20, 60)) for _ in range(4)]
        rng.shuffle(parts)
        out.append(rng.choice(["", "\n"]).join(parts))
    return out


def _tight(searches: int) -> Pipeline:
    params = {"min_searches": searches, "searches_per_10k": 0.0}
    return Pipeline(overrides={"encoding": {"gbk_shift": params}})


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="module")
def tight() -> Pipeline:
    return _tight(4)


def test_h9_example_is_idempotent(pipeline: Pipeline) -> None:
    once = pipeline.clean_text(H9)
    assert pipeline.clean_text(once) == once
    assert once != H9  # stretches are repaired


def test_h9_example_is_idempotent_on_a_tight_budget() -> None:
    for searches in range(6):
        once = _tight(searches).clean_text(H9)
        assert _tight(searches).clean_text(once) == once, searches


@pytest.mark.parametrize("text", _texts(4))
def test_dense_text_is_idempotent(pipeline: Pipeline, tight: Pipeline, text: str) -> None:
    assert pipeline.clean_text(pipeline.clean_text(text)) == pipeline.clean_text(text)
    records: list[Change] = []
    once = tight.clean_text(text, sink=records.append)
    unsearched = [r for r in records if r.rule == "gbk_shift" and r.note.get("unsearched")]
    assert unsearched  # the budget ran out
    assert tight.clean_text(once) == once


def test_the_budget_is_all_or_nothing() -> None:
    """Two damaged stretches and a question: three anchors. A budget of three repairs
    both stretches; a budget of two searches none (never the first two alone, which a
    second run, no longer meeting the repaired ones, would go past)."""
    damaged = "不漏一戶、不落一人,??茖W(xué)實施分類管控"
    text = damaged + "\n" + "他说什么?,我们明天再谈Xyz" + "\n" + damaged
    outs = []
    for searches in (3, 2):
        tight = _tight(searches)
        records: list[Change] = []
        outs.append(tight.clean_text(text, sink=records.append))
        unsearched = [r for r in records if r.rule == "gbk_shift" and r.note.get("unsearched")]
        assert len(unsearched) == (0 if searches == 3 else 3)
        assert tight.clean_text(outs[-1]) == outs[-1]
    assert outs[0].count("科學") == 2 and outs[1].count("科學") == 0


def test_budget_windows_are_runs_of_lines() -> None:
    lines = 2 * BUDGET_LINES + 6
    text = "".join(f"{i}?。\n" for i in range(lines))
    anchors = [m.start() + len(str(i)) for i, m in enumerate(re.finditer(".*\n", text))]
    got = list(budget_windows(text, anchors))
    assert [len(g) for _, g in got] == [BUDGET_LINES, BUDGET_LINES, 6]
    assert sum(length for length, _ in got) == len(text)
    # a run without an anchor is left out
    second = sum(len(f"{i}?。\n") for i in range(BUDGET_LINES, 2 * BUDGET_LINES))
    one = anchors[BUDGET_LINES + 3 : BUDGET_LINES + 4]
    assert list(budget_windows(text, one)) == [(second, one)]


def test_a_dense_run_of_lines_leaves_the_others_searched(pipeline: Pipeline) -> None:
    """Dense '?' text over one run of lines is left unsearched; a damaged stretch in
    the next run is still repaired."""
    rng = random.Random(SEED)
    dense = [_question_marks(rng, 40) for _ in range(BUDGET_LINES)]
    damaged = "不漏一戶、不落一人,??茖W(xué)實施分類管控"
    text = "\n".join(dense + [damaged]) + "\n"
    records: list[Change] = []
    once = pipeline.clean_text(text, sink=records.append)
    assert "科學" in once
    assert [r for r in records if r.rule == "gbk_shift" and r.note.get("unsearched")]
    assert pipeline.clean_text(once) == once
