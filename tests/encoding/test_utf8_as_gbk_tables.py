"""utf8_as_gbk asks s2t of single characters only; it reads the answer from the shipped
tables instead of building an OpenCC converter (27 MB resident, issue #12's 250 MB)."""

from __future__ import annotations

import subprocess
import sys

from cleaner.stages.convert import tables
from cleaner.stages.convert.backend import make_converter


def test_the_s2t_table_is_what_opencc_makes_of_every_character() -> None:
    s2t = make_converter("s2t")
    table: dict[str, str] = tables.load()["s2t_char"]
    chars = [chr(c) for c in (*range(0x3400, 0x4DC0), *range(0x4E00, 0xA000))]
    wrong = [c for c in chars if table.get(c, c) != s2t(c)]
    assert not wrong, wrong[:10]
    assert table["发"] == "發" and "的" not in table


REPAIR = """
import sys
from cleaner.core.pipeline import Pipeline
from cleaner.stages.encoding import utf8_as_gbk
text = "這是一個關於經濟發展的報告，政府將繼續推動產業轉型。"
damaged = text.encode("utf-8").decode("gbk", "replace")  # lost bytes: candidates scored
out = Pipeline(stages=("encoding",)).clean_text(damaged + "\\n")
print(out == text + "\\n", utf8_as_gbk.simplified_only.cache_info().currsize > 0,
      "opencc" in sys.modules)
"""


def test_repairing_traditional_mojibake_builds_no_converter() -> None:
    done = subprocess.run([sys.executable, "-c", REPAIR], capture_output=True, check=True)
    assert done.stdout.decode().split() == ["True", "True", "False"]
