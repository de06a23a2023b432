"""side_by_side: the column assignment is the least-distance one that keeps the pieces'
order, and the rule stays linear in the length of the lines it reads across."""

from __future__ import annotations

import itertools
import random
import time

from cleaner.core.pipeline import Pipeline
from cleaner.stages.layout.side_by_side import _assign


def _brute(pos: list[float], starts: list[float]) -> float:
    """The least total distance over every order-keeping choice of columns."""
    return min(
        sum(abs(p - starts[j]) for p, j in zip(pos, cols, strict=True))
        for cols in itertools.combinations(range(len(starts)), len(pos))
    )


def test_assign_is_the_least_distance_in_order() -> None:
    rng = random.Random(1)
    for _ in range(2000):
        k = rng.randint(1, 6)
        n = rng.randint(1, k)
        starts = [float(x) for x in sorted(rng.sample(range(100), k))]
        pos = [float(x) for x in sorted(rng.sample(range(100), n))]
        got = _assign(pos, starts)
        assert got == sorted(set(got)) and len(got) == n
        cost = sum(abs(p - starts[j]) for p, j in zip(pos, got, strict=True))
        assert abs(cost - _brute(pos, starts)) < 1e-9, (pos, starts, got)


def _stretch(pieces: int) -> str:
    """Three rows of ``pieces`` columns read across, and a row between them with one
    column lost (a piece fewer) and gaps of one space (cut where the columns start)."""
    row = "   ".join(["资金并加强临时救助"] * pieces)
    bridge = " ".join(["资金并加强临时救助"] * (pieces - 1))
    return f"{row}\n{row}\n{bridge}\n{row}\n"


def _cpu(pipeline: Pipeline, text: str) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        pipeline.clean_text(text)
        best = min(best, time.process_time() - started)
    return best


def test_linear_in_line_length() -> None:
    # cells were counted from the line's start for every piece: 8x the pieces took
    # some 60x the time
    pipeline = Pipeline(stages="layout")
    small, large = _stretch(250), _stretch(2000)
    pipeline.clean_text(large)  # warm
    ratio = _cpu(pipeline, large) / max(_cpu(pipeline, small), 1e-3)
    assert ratio < 20, f"8x the pieces took {ratio:.1f}x the time"
