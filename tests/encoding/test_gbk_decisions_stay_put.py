"""A gbk_shift decision depends on its block's evidence, so it never travels to
another block or document: what a pipeline cleaned before does not change what it
makes of the next document."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from cleaner.core.pipeline import Pipeline
from cleaner.stages.encoding.gbk import GbkShift
from cleaner.stages.encoding.gbk.rule import MEMO_LEFT, MEMO_RIGHT

SEED = next((Path(__file__).resolve().parents[2] / "seeds").glob("004_*.txt"))
STRETCH = "緊緊守?。黄渌?zhèn)街"
BUDGET = {"min_searches": 200, "searches_per_10k": 0.0}


def test_an_earlier_document_does_not_decide_a_later_one() -> None:
    text = SEED.read_text(encoding="utf-8")
    at = text.index(STRETCH)
    window = text[at - 10 : at + 30]  # without the rest of 004, whose 其他 decides it
    fresh = Pipeline(stages="encoding").clean_text(text)
    assert "守住；其他" in fresh
    shared = Pipeline(stages="encoding")
    assert "守住；其他" not in shared.clean_text(window)  # too little evidence here
    assert shared.clean_text(text) == fresh


def test_a_later_pass_over_the_block_searches_nothing_again(monkeypatch: Any) -> None:
    """The pipeline's later passes over a block reuse the block's decisions: random
    `?，鍚勫` text (stretches searched and declined, fold_punct off so that their marks
    stay ASCII, a budget that covers them) searches no stretch twice in the same
    surroundings, however many passes: a later one searches only the stretches whose
    surroundings an earlier pass changed."""
    rng = random.Random(3)
    text = "".join(rng.choice("?，鍚勫") for _ in range(300)) + "\n"
    searched: list[str] = []
    search = GbkShift._stretch

    def counted(self: GbkShift, text: str, anchor: int, *args: Any) -> Any:
        searched.append(text[max(0, anchor - MEMO_LEFT) : anchor + 1 + 96 + MEMO_RIGHT])
        return search(self, text, anchor, *args)

    monkeypatch.setattr(GbkShift, "_stretch", counted)
    counts = []
    for passes in (1, 4):
        searched.clear()
        off = {"encoding": {"fold_punct": {"enabled": False}, "gbk_shift": BUDGET}}
        Pipeline(overrides=off, passes=passes).clean_text(text)
        assert len(set(searched)) == len(searched)
        counts.append(len(searched))
    assert 0 < counts[0] <= counts[1] <= 4 * BUDGET["min_searches"]
