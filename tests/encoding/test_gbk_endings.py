"""gbk_shift's search drops endings that decide.py would never score (``Endings``):
the rule's edits, notes and reports must be the same with and without the pruning, on
the generator's damaged stretches, dense folded questions and junk runs."""

from __future__ import annotations

from typing import Any

from test_gbk_screen import decisions, mixed_texts
from test_gbk_shift_generator import SEED

from cleaner.stages.encoding.gbk import GbkShift
from cleaner.stages.encoding.gbk.search import KEPT_ENDINGS, Endings


def _outputs(texts: list[str], prune: bool) -> tuple[list[Any], int]:
    """Every edit and report over ``texts`` (one block each), and the endings kept."""
    rule = GbkShift(GbkShift.Params())
    rule.search.prune_endings = prune
    kept = 0
    run = rule.search.run

    def counted(*args: Any) -> Endings:
        nonlocal kept
        found = run(*args)
        kept += len(found)
        return found

    rule.search.run = counted  # type: ignore[method-assign]
    return decisions(rule, texts), kept


def test_pruning_changes_no_decision() -> None:
    texts = mixed_texts(SEED)
    pruned, kept = _outputs(texts, prune=True)
    full, every = _outputs(texts, prune=False)
    assert pruned == full
    # on 2026-12-01: 20 texts repaired, 20 with reports, 11,582 of 146,904 endings kept
    assert sum(bool(edits) for edits, _ in full) >= 15  # repairs were made
    assert sum(bool(reports) for _, reports in full) >= 15  # and stretches left, reported
    assert kept < every / 3  # and most endings were never scored


def test_an_ending_below_the_best_kept_is_dropped_but_reaches() -> None:
    ends = Endings(keep=2)
    for score in (-1.0, -2.0, -3.0):
        ends.add((score, 4, "", None))  # type: ignore[arg-type]
    ends.add((-5.0, 9, "", None))  # type: ignore[arg-type]
    assert [e[0] for e in ends.items] == [-1.0, -2.0]
    assert ends.reach == 9  # decide's window still ends where the furthest ending did
    assert ends.floor(9) == -2.0 - 1e-9
    assert ends.floor(10) == float("-inf")  # reaching further: looked at in full
    assert Endings().keep == KEPT_ENDINGS
