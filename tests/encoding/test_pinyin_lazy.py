"""pypinyin (0.1 s to import) is loaded on the first candidate whose reading has the
shape of a pinyin syllable, not at start-up: clean text, English words after Han
characters (用iPhone拍, 在Google上, 的app) and parenthesised English never load it."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
from cleaner.core.pipeline import Pipeline
pl = Pipeline(stages=["encoding"])
pl.clean_text("他用iPhone拍照，在Google上搜索，下载的app。苹果(apple)，5G网络，Wi-Fi。\\n")
print("pypinyin" in sys.modules)
pl.clean_text("今jīn天tiān下xià午wǔ\\n")
print("pypinyin" in sys.modules)
"""


def test_pypinyin_is_loaded_on_the_first_syllable() -> None:
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["False", "True"]
