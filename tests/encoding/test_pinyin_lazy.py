"""The readings table (data/readings.bin) is read on the first candidate whose reading has
the shape of a pinyin syllable, not at start-up: clean text, English words after Han
characters (用iPhone拍, 在Google上, 的app) and parenthesised English never load it; and
pypinyin (whose import loads ~45 MB of phrases) is never imported while cleaning."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
from cleaner.core.pipeline import Pipeline
from cleaner.stages.encoding.models import pinyin_readings
pl = Pipeline(stages=["encoding"])
pl.clean_text("他用iPhone拍照，在Google上搜索，下载的app。苹果(apple)，5G网络，Wi-Fi。\\n")
print(pinyin_readings._table.cache_info().currsize)
print(pl.clean_text("今jīn天tiān下xià午wǔ開kāi會huì\\n").strip())
print(pinyin_readings._table.cache_info().currsize, "pypinyin" in sys.modules)
"""


def test_readings_are_loaded_on_the_first_syllable_and_pypinyin_never() -> None:
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True
    ).stdout.split("\n")
    assert out[:3] == ["0", "今天下午開會", "1 False"]
