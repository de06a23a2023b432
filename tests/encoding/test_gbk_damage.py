"""The simulated GBK one-byte-shift damage reproduces the seeds' stretches
(ARTIFACTS.md) and says which bytes it destroyed."""

from __future__ import annotations

import pytest

from cleaner.stages.encoding.gbk.damage import (
    char_starts,
    damage,
    lost_bytes,
    mark_patterns,
    straddle_sites,
)
from cleaner.stages.encoding.gbk.tables import codec_table

# original, damaged as in the seeds, {character index: bytes lost}
SEED_STRETCHES = [
    ("不落一人,。科學(xué)實施", "不落一人,??茖W(xué)實施", {5: 1}),
    ("同心同欲,。“有問題不可怕", "同心同欲,?!坝袉栴}不可怕", {5: 1}),
    ("堅決打好,。”市指揮部要", "堅決打好,?!笔兄笓]部要", {5: 1}),
    # 住 loses its lead byte, 他 its trail (a vanished pair), 鎮 both (the vanished
    # pair and the '?' that ate the annotation's '(')
    ("緊緊守住；其他鎮(zhèn)街", "緊緊守?。黄渌?zhèn)街", {3: 1, 6: 1, 7: 2, 8: 1}),
]


@pytest.mark.parametrize(("clean", "damaged", "lost"), SEED_STRETCHES)
def test_seed_stretches(clean: str, damaged: str, lost: dict[int, int]) -> None:
    enc = char_starts(clean, "gbk")
    assert enc is not None
    sites = straddle_sites(*enc, mark_patterns(codec_table("gbk"), "，、。；！？"))
    assert len(sites) == 1
    assert damage(clean, "gbk", sites) == damaged
    assert dict(lost_bytes(clean, "gbk", sites)) == lost


def test_an_eaten_digit_is_lost() -> None:
    # 近 = BD FC: shifted, FC meets the '2' (no trail byte) and the '?' eats it
    clean = "就业，近2万"
    enc = char_starts(clean, "gbk")
    assert enc is not None
    site = enc[1][2] + 1  # inside '，' (A3 AC): AC BD is no mark, so put it by hand
    assert damage(clean, "gbk", [site]).endswith("?万")
    assert lost_bytes(clean, "gbk", [site])[4] == 1


def test_clean_text_loses_nothing() -> None:
    assert damage("没有逗号插入。", "gbk", []) == "没有逗号插入。"
    assert not lost_bytes("没有逗号插入。", "gbk", [])
