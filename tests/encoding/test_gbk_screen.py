"""gbk_shift's screen (``GbkShift.may_repair``) rejects only anchors the full search
rejects: run both on every anchor of the generator's damaged stretches, of clean
paragraphs with genuine '?' and of dense folded questions, and compare."""

from __future__ import annotations

import random
import subprocess
import sys
from collections import Counter

import pytest
from test_gbk_shift_generator import P_STRAY, PARAS, SEED, _questions

from cleaner.core.rule import BlockContext
from cleaner.stages.encoding.char_model import char_lm
from cleaner.stages.encoding.gbk import GbkShift
from cleaner.stages.encoding.gbk.damage import (
    add_stray_commas,
    char_starts,
    damage,
    mark_patterns,
    straddle_sites,
)
from cleaner.stages.encoding.gbk.scorer import Scorer
from cleaner.stages.encoding.gbk.tables import codec_table

QUESTIONS = ["吗?,", "什么?!", "呢?。", "为什么??", "是谁?;", "好吗?、"]


def _damaged(codec: str = "gbk") -> list[str]:
    rng = random.Random(SEED)
    patterns = mark_patterns(codec_table(codec), "，、。；！？")
    out = []
    for para in PARAS:
        enc = char_starts(add_stray_commas(para, rng, P_STRAY), codec)
        if enc is None:
            continue
        data, starts = enc
        src = data.decode(codec)
        out += [damage(src, codec, [site]) for site in straddle_sites(data, starts, patterns)]
    return out


def _dense(rng: random.Random, n: int) -> list[str]:
    """Clean text with a folded question every few characters."""
    flat = "".join(PARAS)
    out = []
    for _ in range(n):
        at = rng.randrange(len(flat) - 40)
        head, tail = flat[at : at + rng.randint(4, 30)], flat[at + 40 : at + 70]
        out.append(head + rng.choice(QUESTIONS) + tail)
    return out


def _compare(texts: list[str]) -> Counter[str]:
    rule = GbkShift(GbkShift.Params())
    seen: Counter[str] = Counter()
    for text in texts:
        sc = Scorer(char_lm(), text, rule.params)
        for m in rule.screen.finditer(text):
            a = m.start()
            passed = rule.may_repair(text, a)
            found = rule._stretch(text, a, sc) is not None
            seen[f"screen {'passes' if passed else 'rejects'}, search {found}"] += 1
            assert passed or not found, f"screen rejects what the search finds: {text!r} at {a}"
    return seen


def test_screen_keeps_every_damaged_stretch() -> None:
    seen = _compare(_damaged())
    print(dict(seen))
    assert seen["screen passes, search True"] >= 30
    assert not seen["screen rejects, search True"]


def test_screen_agrees_with_the_search_on_genuine_questions() -> None:
    texts = _questions(random.Random(SEED))[::6] + _dense(random.Random(SEED), 40)
    seen = _compare(texts)
    print(dict(seen))
    # the screen does work here: a good share of these anchors have no ending to read
    assert seen["screen rejects, search False"] >= 30


def test_rejected_anchors_cost_no_search(monkeypatch: pytest.MonkeyPatch) -> None:
    rule = GbkShift(GbkShift.Params())
    calls: list[int] = []
    monkeypatch.setattr(rule, "_stretch", lambda text, a, sc: calls.append(a))
    text = "他说什么?,我们明天再谈。\n真的吗?!大家都来了。"
    assert list(rule.find(text, BlockContext())) == []
    assert calls == []
    assert list(rule.find("什么?,Xyz", BlockContext())) == [] and calls == [2]


SCRIPT = """
from cleaner.core.pipeline import Pipeline
from cleaner.stages.encoding.char_model import char_lm
pl = Pipeline(stages=["encoding"])
pl.clean_text("他说什么?,我们明天再谈。\\n真的吗?!大家都来了。\\n")
print(char_lm.cache_info().currsize)
pl.clean_text("不漏一戶、不落一人,??茖W(xué)實施分類管控\\n")
print(char_lm.cache_info().currsize)
"""


def test_character_model_loads_on_the_first_candidate() -> None:
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["0", "1"]
