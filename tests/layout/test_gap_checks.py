"""The needs each gap check declares (``@needs``) hold: on a gap without them the check
returns None, so that ``Decider._gap`` may skip it; and the checks ``_gap`` runs decide
every gap as the whole ``GAP_CHECKS`` table would."""

from __future__ import annotations

import pytest
from column_generator import generate
from ocr_metrics import load_pairs

from cleaner.stages.layout.columns import (
    FULL,
    GAP_CHECKS,
    NEEDS,
    Config,
    Decider,
    Gap,
    is_columns,
    split_lines,
)

TEXTS = [generate(seed).text for seed in range(40)] + [p.input for p in load_pairs()]


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_needs_hold(text: str) -> None:
    cfg = Config()
    lines = split_lines(text)
    dec = Decider(cfg)
    decisions = dec.decide(lines)
    first = True
    for k, decided in enumerate(decisions):
        g = Gap(dec, lines, dec.widths, k, first)
        have = dec.as_a[k] | dec.as_b[k + 1] | (FULL if g.full else 0)
        for check in GAP_CHECKS:
            if NEEDS.get(check, 0) & ~have:
                assert check(dec, g) is None, f"{check.__name__} decides without its needs"
        whole = next(d for check in GAP_CHECKS if (d := check(dec, g)) is not None)
        assert whole == decided, f"gap {k}: {lines[k].text!r} / {lines[k + 1].text!r}"
        first = decided[0] == "B"


def test_texts_are_columns() -> None:
    """Most of the texts pass the gate: the gaps above are the ones unwrap decides."""
    assert sum(is_columns(split_lines(t), Config()) for t in TEXTS) >= 40
