"""A gbk_shift decision depends on its block's evidence, so it never travels to
another block or document: what a pipeline cleaned before does not change what it
makes of the next document."""

from __future__ import annotations

from pathlib import Path

from cleaner.core.pipeline import Pipeline

SEED = next((Path(__file__).resolve().parents[2] / "seeds").glob("004_*.txt"))
STRETCH = "緊緊守?。黄渌?zhèn)街"


def test_an_earlier_document_does_not_decide_a_later_one() -> None:
    text = SEED.read_text(encoding="utf-8")
    at = text.index(STRETCH)
    window = text[at - 30 : at + 150]  # without the rest of 004, whose 其他 decides it
    fresh = Pipeline(stages="encoding").clean_text(text)
    assert "守住；其他" in fresh
    shared = Pipeline(stages="encoding")
    assert "守住；其他" not in shared.clean_text(window)  # too little evidence here
    assert shared.clean_text(text) == fresh
