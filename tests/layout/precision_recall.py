"""Precision, recall and F1 of found boundaries, shared by the layout scores
(``ocr_metrics.Counts``, ``gap_labels.Score``)."""

from __future__ import annotations


class PrecisionRecall:
    """P/R/F1 from a subclass's ``tp``, ``fp`` and ``fn`` counts (its dataclass fields).

    Nothing found is precision 1.0, nothing wanted is recall 1.0; F1 is 0.0 when both
    are 0."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0
