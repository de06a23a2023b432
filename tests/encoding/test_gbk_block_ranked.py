"""gbk_shift's block ranking (``Scorer._block_ranked``) is ``sorted(...)[:k]`` by
``block_lp`` with ties in list order, though it scores only part of each list: the
candidates the model has trigrams for (found by their keys, ``_by_key``) and the head of
each run of the rest."""

from __future__ import annotations

import random

from test_gbk_shift_generator import PARAS

from cleaner.stages.encoding.gbk import GbkShift
from cleaner.stages.encoding.gbk.scorer import Scorer
from cleaner.stages.encoding.models.char_model import BOS, char_lm


def test_block_ranking_is_the_full_sort() -> None:
    lm = char_lm()
    text = "\n".join(PARAS)
    scorer = Scorer(lm, text, GbkShift.Params())
    rng = random.Random(11)
    chars = list(lm.p1)[:3000] + list(dict.fromkeys(text))[:400]
    common = "的一是在不了有和人这中大为上个国我以要他"
    checked = with_seen = 0
    for n in range(300):
        cands = rng.sample(chars, rng.randint(1, 200)) + list(rng.sample(common, 3))
        name = ("test", n)
        for _ in range(4):
            ctx = "".join(rng.choices(common + text[:200], k=rng.randint(1, 2)))
            if rng.random() < 0.1:
                ctx = BOS + ctx[-1]
            k = rng.randint(1, 12)
            full = sorted(range(len(cands)), key=lambda i: -scorer.block_lp(ctx, cands[i]))
            assert scorer._block_ranked(cands, ctx, k, name) == [(i, cands[i]) for i in full[:k]]
            checked += 1
            with_seen += bool(lm.seen_after(lm.history(ctx)))
    assert checked == 1200 and with_seen > 200  # many contexts have trigrams seen after them
