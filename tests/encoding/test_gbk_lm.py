"""The character trigram model behind gbk_shift (cleaner/stages/encoding/gbk_lm.py)."""

from __future__ import annotations

import math

import pytest

from cleaner.stages.encoding.gbk_lm import BOS, EOS, Pool, _model, char_lm


def _total(ctx: str) -> float:
    lm = char_lm()
    return sum(math.exp(lm.lp(ctx, c)) for c in lm.p1)


@pytest.mark.parametrize("ctx", ["", "的", "中国", "科学", BOS, "。”", "xyz龘"])
def test_distribution_sums_to_one(ctx: str) -> None:
    # discounting must hand exactly the freed mass to the lower order
    assert _total(ctx) == pytest.approx(1.0, abs=0.02)


def test_context_matters() -> None:
    lm = char_lm()
    assert lm.lp("科", "学") > lm.lp("科", "尝") + 5
    assert lm.score("会议指出，", BOS) > lm.score("会仪指出，", BOS) + 3
    assert lm.lp("重托！", "”") > lm.lp("重托！", "、")


def test_traditional_and_width_are_looked_up_as_simplified_ascii() -> None:
    lm = char_lm()
    assert lm.lp("會", "議") == pytest.approx(lm.lp("会", "议"))
    assert lm.lp("好", "！") == pytest.approx(lm.lp("好", "!"))
    assert lm.lp("第", "３") == pytest.approx(lm.lp("第", "7"))


def test_unseen_characters_are_rare_not_impossible() -> None:
    lm = char_lm()
    assert -25 < lm.unigram("■") < lm.unigram("，")
    assert lm.unigram("\U00020000") < lm.unigram("■")


def test_successors_and_pool() -> None:
    lm = char_lm()
    after = lm.successors("中")
    assert after[:3] and "国" in after[:5]
    pool = Pool(lm, ["国", "华", "午", "龘"])
    assert len(pool) == 4
    assert pool.likely("中")[0] == "国"


def test_shipped_counts() -> None:
    m = _model()
    assert "People's Daily" in m["source"] and m["heldout"]
    assert sum(m["uni"].values()) > 1_500_000
    assert min(m["tri"].values()) >= 2
    assert EOS in m["uni"] and BOS in m["uni"]
