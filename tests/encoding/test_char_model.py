"""The character trigram model behind gbk_shift and the mojibake rules
(cleaner/stages/encoding/models/char_model.py)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from cleaner.stages.encoding.models.char_model import (
    BOS,
    CACHE_SIZE,
    EOS,
    Pool,
    _model,
    char_lm,
    dump_model,
    load_model,
)


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
    assert len(m["tri_n"]) > 100_000 and min(m["tri_n"]) >= 2
    assert EOS in m["uni"] and BOS in m["uni"]
    # n-grams are sorted id arrays (looked up by bisection), one count per key
    assert list(m["bi_keys"][:1000]) == sorted(set(m["bi_keys"][:1000]))
    assert len(m["bi_keys"]) == len(m["bi_n"]) == len(m["bo3"])


def test_counts_round_trip(tmp_path: Path) -> None:
    model = {
        "source": "toy",
        "heldout": "none",
        "simp": {str(ord("會")): "会"},
        "wf_uni": {"会": 2.0, "议": 1.0},
        "uni": {BOS: 2, "会": 3, "议": 2, EOS: 2},
        "bi": {BOS + "会": 2, "会议": 2, "议" + EOS: 2, "会" + EOS: 1},
        "tri": {BOS + "会议": 2, "会议" + EOS: 2},
    }
    dump_model(model, tmp_path / "m.bin")
    m = load_model(tmp_path / "m.bin")
    ids = {c: i for i, c in enumerate(m["vocab"])}
    n = len(ids)
    bi = dict(zip(m["bi_keys"], m["bi_n"], strict=True))
    assert bi[ids["会"] * n + ids["议"]] == 2 and len(bi) == 4
    tri = dict(zip(m["tri_keys"], m["tri_n"], strict=True))
    assert tri[(ids[BOS] * n + ids["会"]) * n + ids["议"]] == 2
    # backoff of history 会 (bigrams 会议 2, 会EOS 1): 1 - (1.25 + 0.25) / 3
    assert m["bo2"]["会"] == pytest.approx(0.5)


def test_lookup_caches_are_bounded() -> None:
    lm = char_lm()
    for i in range(CACHE_SIZE + 10):
        lm.lp(chr(0x4E00 + i % 20000) + chr(0x3400 + i // 20000), "中")
        lm.key(chr(0x20000 + i))
    assert len(lm._raw) <= CACHE_SIZE + 1 and len(lm._keys) <= CACHE_SIZE + 1
