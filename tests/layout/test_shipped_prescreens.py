"""With the shipped patterns, page_jump skips a text without 接转轉续續 and running_head a
line without a digit (the patterns are then neither compiled nor run): every match of
the shipped patterns must hold one. Checked on random strings of the characters the
patterns are made of."""

from __future__ import annotations

import random

import regex

from cleaner.core.pipeline import Pipeline
from cleaner.stages.layout.page_jump import DEFAULT_PATTERNS as JUMPS
from cleaner.stages.layout.page_jump import SHIPPED_NEEDS
from cleaner.stages.layout.running_head import DEFAULT_PATTERNS as HEADS

# what the patterns are made of, as tokens (random characters rarely make a marker)
JUMP_TOKENS = ["（", "(", "〈", "▶", "►", "→", ")", "）", " ", "上接", "下转", "下轉", "转", "轉",
               "接", "续", "續见", "見", "详见", "第", "版", "面", "1", "2", "０", "A", "l", "I",
               "八", "十", "的", "上", "下"]  # fmt: skip
HEAD_TOKENS = [" ", "2023", "1", "9", "０", "l", "I", "|", "]", "年", "月", "日", "星期",
               "周", "礼拜", "一", "天", "A", "B", "H", "第", "版", "—", "–", "-", "要闻",
               "经济"]  # fmt: skip


def strings(tokens: list[str], n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(tokens) for _ in range(rnd.randint(2, 9))) for _ in range(n)]


def test_a_page_jump_marker_holds_one_of_the_needed_characters() -> None:
    found = 0
    for pattern in map(regex.compile, JUMPS):
        for text in strings(JUMP_TOKENS, 20_000, 1) + ["（下转第八版）", "▶下转A6版", "见转第2版"]:
            for m in pattern.finditer(text):
                assert not SHIPPED_NEEDS.isdisjoint(m.group()), (pattern.pattern, text)
                found += 1
    assert found > 100


def test_a_running_head_holds_a_digit() -> None:
    found = 0
    for pattern in map(regex.compile, HEADS):
        for text in strings(HEAD_TOKENS, 50_000, 2) + ["2023年5月8日 星期一", "要闻 A2", "— 2 —"]:
            if pattern.fullmatch(text):
                assert regex.search("[0-9]", text), (pattern.pattern, text)
                found += 1
    assert found > 100


def test_the_rules_still_remove_them() -> None:
    pl = Pipeline(stages=["layout"])
    text = "第一段。\n\n2023年5月8日 星期一\n\n正文在这里。（下转第八版）\n面对转变\n"
    assert pl.clean_text(text) == "第一段。\n正文在这里。\n面对转变\n"
