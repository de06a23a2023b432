"""gbk_shift's search drops the steps that its beam would never keep (``Steps``), and
does not score the gap fills that could not reach them: the rule's edits, notes and
reports must be the same with and without, on the generator's damaged stretches,
dense folded questions and junk runs; and the beam the same on random steps."""

from __future__ import annotations

import random
from typing import Any

from test_gbk_screen import decisions, mixed_texts
from test_gbk_shift_generator import SEED

from cleaner.stages.encoding.gbk import GbkShift
from cleaner.stages.encoding.gbk.scorer import Scorer
from cleaner.stages.encoding.gbk.search import Hypothesis, Steps
from cleaner.stages.encoding.models.char_model import char_lm


def _outputs(texts: list[str], prune: bool) -> tuple[list[Any], int]:
    """Every edit and report over ``texts`` (one block each), and the steps kept."""
    rule = GbkShift(GbkShift.Params())
    rule.search.prune_steps = prune
    kept = 0
    prune_beam = rule.search._prune

    def counted(steps: Any, scorer: Scorer) -> Any:
        nonlocal kept
        kept += len(steps)
        return prune_beam(steps, scorer)

    rule.search._prune = counted  # type: ignore[method-assign]
    return decisions(rule, texts), kept


def test_dropping_steps_changes_no_decision() -> None:
    texts = mixed_texts(SEED)
    pruned, kept = _outputs(texts, prune=True)
    full, every = _outputs(texts, prune=False)
    assert pruned == full
    assert sum(bool(edits) for edits, _ in full) >= 15  # repairs were made
    assert kept < every / 2  # and most steps were never built


def test_the_beam_is_the_same_from_the_kept_steps() -> None:
    """Random scores (many ties) and states (many shared): the beam ``_prune`` picks
    from the steps ``Steps`` keeps is the one it picks from them all."""
    rule = GbkShift(GbkShift.Params())
    scorer = Scorer(char_lm(), "", rule.params)
    rng = random.Random(SEED)
    dropped = 0
    for _ in range(300):
        beam = rng.choice([1, 2, 5, 24])
        pruned, full = Steps(beam), Steps(beam, prune=False)
        for _ in range(rng.randint(0, 120)):
            score = -float(rng.randint(0, 30)) / rng.choice([1, 4])
            hyp = Hypothesis(score, 0.0, "", "", 0)
            step = (score, rng.choice("甲乙丙丁戊己"), rng.randint(0x80, 0x83), hyp, "", ())
            pruned.add(step)  # type: ignore[arg-type]
            full.add(step)  # type: ignore[arg-type]
        dropped += len(full.items) - len(pruned.items)
        rule.search.params.beam = beam
        picked = rule.search._prune(list(pruned.items), scorer)
        assert [(id(h), lead) for h, lead in picked] == [
            (id(h), lead) for h, lead in rule.search._prune(list(full.items), scorer)
        ]
    assert dropped > 1000
