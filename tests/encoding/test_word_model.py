"""The word lexicon beside the character model (cleaner/stages/encoding/models/word_model.py)
and gbk_shift's check with it (``word_weight``, decide.py ``words_agree``)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from cleaner.core.pipeline import Pipeline
from cleaner.core.records import Change
from cleaner.stages import rule_classes
from cleaner.stages.encoding.models.word_model import word_lm

# a law's 重點專科建設, damaged (the comma tool's commas, one inside 點|專)
DAMAGED = "機構在基本醫療保險定點,、重點??平ㄔO,、科研教學,、等級"


def test_lexicon_knows_modern_words_in_both_scripts() -> None:
    words = word_lm()
    assert "jieba" in words.source and "MIT" in words.source
    for word in ("核酸", "疫情", "管控", "專科", "专科", "檢測"):
        assert word in words
    assert "守取" not in words


@pytest.mark.parametrize(
    ("text", "bonus"),
    [
        ("守住；其他", 2),  # 守住 and 其他: one character each joined to the one before
        ("守取；其他", 1),
        ("核酸檢測", 2),  # 核酸 + 检测, looked up as Simplified
        ("疫情防控措施", 3),
        ("？；", 0),
        ("", 0),
    ],
)
def test_bonus_counts_characters_joined_into_words(text: str, bonus: int) -> None:
    assert word_lm().bonus(text) == bonus


def test_bonus_takes_the_best_segmentation() -> None:
    # 中华人民共和国 is longer than MAX_LEN: the best cover of four-character pieces
    # (中华 人民 共和国 or 中华人民 共和国) joins all but two characters' neighbours
    assert word_lm().bonus("中华人民共和国") == 5


def _pipeline(weight: float) -> Pipeline:
    over: dict[str, dict[str, object]] = {
        c.id: {"enabled": c.id == "gbk_shift"} for c in rule_classes("encoding")
    }
    over["gbk_shift"]["word_weight"] = weight
    return Pipeline(stages=["encoding"], overrides={"encoding": over})


def test_word_check_stops_a_repair_the_lexicon_doubts() -> None:
    off: list[Change] = []
    assert _pipeline(0.0).clean_text(DAMAGED, sink=off.append) != DAMAGED  # 。科建設, wrong
    assert "word_margin" not in (off[0].note or {})
    on: list[Change] = []
    assert _pipeline(1.0).clean_text(DAMAGED, sink=on.append) == DAMAGED
    note = on[0].note or {}
    assert note["unchanged"] and note["best"] == "。科建設"
    assert 0 < note["word_margin"] < note["margin"]


def test_word_check_keeps_a_sure_repair() -> None:
    seed = "不漏一戶、不落一人,??茖W(xué)實施分類管控"
    changes: list[Change] = []
    out = _pipeline(1.0).clean_text(seed, sink=changes.append)
    assert out == "不漏一戶、不落一人,。科學(xué)實施分類管控"
    assert changes[0].note and changes[0].note["word_margin"] >= 1.5


LAZY = """
from cleaner.core.pipeline import Pipeline
from cleaner.stages.encoding.models.word_model import word_lm
off = {"encoding": {"gbk_shift": {"word_weight": 0.0}}}
seed = "不漏一戶、不落一人,??茖W(xué)實施分類管控\\n"
Pipeline(stages=["encoding"], overrides=off).clean_text(seed)
print(word_lm.cache_info().currsize)
Pipeline(stages=["encoding"]).clean_text("不漏一戶、不落一人，科學實施分類管控\\n")
print(word_lm.cache_info().currsize)
Pipeline(stages=["encoding"]).clean_text(seed)
print(word_lm.cache_info().currsize)
"""


def test_lexicon_is_loaded_only_for_a_repair_and_not_when_off() -> None:
    out = subprocess.run([sys.executable, "-c", LAZY], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "0", "1"]
