"""A gbk_shift decision depends on its block's evidence, so it never travels to
another block or document: what a pipeline cleaned before does not change what it
makes of the next document."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from cleaner.core.pipeline import Pipeline
from cleaner.stages.encoding.gbk import GbkShift

SEED = next((Path(__file__).resolve().parents[2] / "seeds").glob("004_*.txt"))
STRETCH = "緊緊守?。黄渌?zhèn)街"


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
    """The pipeline's later passes over a block reuse the block's decisions and its
    search budget: random `?，鍚勫` text (stretches searched and declined, fold_punct
    off so that their marks stay ASCII) costs the same searches with one pass as with
    several."""
    rng = random.Random(3)
    text = "".join(rng.choice("?，鍚勫") for _ in range(300)) + "\n"
    searches: list[int] = []
    search = GbkShift._stretch

    def counted(self: GbkShift, *args: Any) -> Any:
        searches.append(args[1])
        return search(self, *args)

    monkeypatch.setattr(GbkShift, "_stretch", counted)
    counts = []
    for passes in (1, 4):
        searches.clear()
        off = {"encoding": {"fold_punct": {"enabled": False}}}
        Pipeline(overrides=off, passes=passes).clean_text(text)
        counts.append(len(searches))
    assert counts[0] > 0 and counts[1] == counts[0]
