"""utf8_shapes.decode_runs is linear in the line: one long line of UTF-8 read as
cp1252 next to UTF-8 read as GBK (runs with lost bytes, each filled) read the whole
line again for every run it filled (FINDINGS.md H2: 64K characters 13 s of 49 s)."""

from __future__ import annotations

import random
import time

from cleaner.core.pipeline import Pipeline
from cleaner.stages.encoding.utf8_mojibake import Utf8Mojibake
from cleaner.stages.encoding.utf8_shapes import decode_runs
from tests.properties.strategies import utf8_as_cp1252, utf8_as_gbk
from tests.properties.test_linear_time import BOUND, FACTOR, _fill, _han

RULE = next(r for r in Pipeline(stages=["encoding"]).rules if isinstance(r, Utf8Mojibake))
N = 2_500


def _unit(rng: random.Random) -> str:
    return utf8_as_cp1252(_han(rng, 3)) + utf8_as_gbk(_han(rng, 3))


def _time(line: str) -> float:
    p = RULE.params
    best = float("inf")
    for _ in range(2):
        started = time.process_time()
        decode_runs(line, p.cjk_codecs, RULE.lost_values, p.min_logp, p.fill_margin)
        best = min(best, time.process_time() - started)
    return best


def test_decode_runs_is_linear_in_the_line() -> None:
    small, large = _fill(_unit, N), _fill(_unit, N * FACTOR)
    _time(_fill(_unit, N, seed=9))  # warm the character model
    t_small, t_large = _time(small), _time(large)
    ratio = t_large / max(t_small, 1e-3)
    assert ratio < BOUND, f"{FACTOR}x the line took {ratio:.1f}x the time"
