"""gbk_shift's word check (decide.py ``words_agree``) looks up in the lexicon only the
readings that may be the best of the others (``PRUNE_WORDS``): the rule's edits, notes
(``word_margin``) and reports must be the same with and without the pruning, on the
generator's damaged stretches, dense folded questions and junk runs."""

from __future__ import annotations

from typing import Any

import pytest
from test_gbk_screen import decisions, mixed_texts
from test_gbk_shift_generator import SEED

from cleaner.stages.encoding.gbk import GbkShift, decide
from cleaner.stages.encoding.gbk.scorer import Scorer
from cleaner.stages.encoding.models.char_model import char_lm


def _outputs(texts: list[str], prune: bool, mp: pytest.MonkeyPatch) -> tuple[Any, int]:
    """Every edit and report over ``texts`` (one block each), and the lexicon lookups."""
    mp.setattr(decide, "PRUNE_WORDS", prune)
    looked = 0
    windows = Scorer.word_windows

    def counted(self: Scorer, *args: Any) -> Any:
        score, room = windows(self, *args)

        def word_score(reading: str) -> int:
            nonlocal looked
            looked += 1
            return score(reading)

        return word_score, room

    mp.setattr(Scorer, "word_windows", counted)
    out = decisions(GbkShift(GbkShift.Params()), texts)
    mp.undo()
    return out, looked


def test_pruning_changes_no_word_margin(monkeypatch: pytest.MonkeyPatch) -> None:
    pruned, looked = _outputs(mixed_texts(SEED), True, monkeypatch)
    full, every = _outputs(mixed_texts(SEED), False, monkeypatch)
    assert pruned == full
    margins = [e[3]["word_margin"] for edits, _ in full for e in edits if "word_margin" in e[3]]
    margins += [r["word_margin"] for _, reports in full for r in reports if "word_margin" in r]
    print(f"{len(margins)} word margins; lexicon lookups {looked} of {every}")
    assert len(margins) >= 15  # the check ran, on repairs and on stretches left
    assert looked < every / 2  # and most readings were never looked up


def test_room_bounds_the_bonus() -> None:
    """``word_room`` is never below the bonus the lexicon gives (the pruning's premise),
    also where annotations and stray commas are taken out of the window."""
    texts = mixed_texts(SEED)[:40] + ["前面的文字?，中華人民共和國(guó)的法律,。後面還有"]
    checked = 0
    for text in texts:
        scorer = Scorer(char_lm(), text, GbkShift.Params())
        for at in range(1, min(len(text), 30)):
            score, room = scorer.word_windows(text, 0, at)
            for reading in (text[:at], text[:at] + "中華人民共和國", "", "法律法規"):
                assert score(reading) <= room(reading)
                checked += 1
    assert checked > 100
