"""PrecisionRecall, the P/R/F1 of both layout scores, on counts with known answers."""

from __future__ import annotations

import pytest
from gap_labels import Score
from ocr_metrics import Counts


@pytest.mark.parametrize("score", [Counts, Score])
@pytest.mark.parametrize(
    ("tp", "fp", "fn", "want"),
    [
        (3, 1, 2, (0.75, 0.6, 2 / 3)),  # F1 = 2PR / (P + R) = 0.9 / 1.35
        (4, 0, 0, (1.0, 1.0, 1.0)),
        (0, 0, 0, (1.0, 1.0, 1.0)),  # nothing found, nothing wanted
        (0, 2, 0, (0.0, 1.0, 0.0)),
        (0, 2, 5, (0.0, 0.0, 0.0)),  # no F1 from P + R == 0
        (1, 0, 3, (1.0, 0.25, 0.4)),
    ],
)
def test_precision_recall_f1(
    score: type[Counts | Score], tp: int, fp: int, fn: int, want: tuple[float, float, float]
) -> None:
    s = score(tp=tp, fp=fp, fn=fn)
    assert (s.precision, s.recall, s.f1) == pytest.approx(want)


def test_counts_still_add_field_by_field() -> None:
    """Counts.__add__ adds its instance fields; the base class brings none."""
    total = Counts(tp=1, fp=2, fn=3, edits=4) + Counts(tp=1, chars=10)
    assert (total.tp, total.fp, total.fn, total.edits, total.chars) == (2, 2, 3, 4, 10)
    assert total.f1 == pytest.approx(2 * (2 / 4) * (2 / 5) / (2 / 4 + 2 / 5))
