"""gbk_shift builds its codec table (about 0.5 s for GBK) on the first stretch, not at
start-up: a one-line filter or a clean text never pays for it."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
from cleaner.core.pipeline import Pipeline
from cleaner.stages.encoding.gbk.tables import codec_table
pl = Pipeline(stages=["encoding"])
pl.clean_text("後面的頭髮。他问:什么?\\n")
print(codec_table.cache_info().currsize)
pl.clean_text("不漏一戶、不落一人,??茖W(xué)實施分類管控\\n")
print(codec_table.cache_info().currsize)
"""


def test_codec_table_is_built_on_the_first_stretch() -> None:
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["0", "1"]
