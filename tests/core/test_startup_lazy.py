"""Start-up loads only what the text needs (issue #12: ``printf '後面的頭髮\\n' | cleaner
clean --to simplified`` in 0.25 s; bench/compare.py reports the time). A clean line
must not import typer, pydantic, ftfy or pypinyin, compile the HTML reference patterns
or the script screens, or load the character model; a line that needs one loads it."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import regex

from cleaner.core.lazy_pattern import _PENDING, LazyPattern, compile_pending
from cleaner.core.pipeline import Pipeline
from cleaner.stages import STAGES, rule_classes

HEAVY = ("typer", "click", "pydantic", "rich", "ftfy", "pypinyin", "statistics", "tempfile",
         "importlib.metadata")  # fmt: skip

PROBE = f"""
import sys
sys.argv = ["cleaner", "clean", "--to", "simplified"]
from cleaner.cli.main import run
try:
    run()
except SystemExit as e:
    code = e.code
from cleaner.stages.convert.detect import screens
from cleaner.stages.encoding.models.char_model import _model
from cleaner.stages.encoding.gbk.tables import codec_table
from cleaner.stages.encoding.html_leftovers import compiled
caches = dict(char_model=_model, gbk_table=codec_table, html_refs=compiled, screens=screens)
print(code, [m for m in {HEAVY!r} if m in sys.modules],
      [name for name, f in caches.items() if f.cache_info().currsize], file=sys.stderr)
"""


def test_a_clean_line_loads_nothing_heavy() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        input="後面的頭髮\n".encode(),
        capture_output=True,
        check=True,
    )
    assert done.stdout.decode() == "后面的头发\n"
    assert done.stderr.decode().splitlines()[-1] == "0 [] []"


NEEDS = """
import sys
from cleaner.core.pipeline import Pipeline
from cleaner.stages.encoding.html_leftovers import compiled
pl = Pipeline()
pl.clean_text("後面的頭髮\\n")
before = ("ftfy" in sys.modules, compiled.cache_info().currsize > 0)
pl.clean_text("AT&amp;T 的 ç§‘å­¦\\n")
print(before, ("ftfy" in sys.modules, compiled.cache_info().currsize > 0))
"""


def test_a_line_that_needs_them_loads_them() -> None:
    out = subprocess.run(
        [sys.executable, "-c", NEEDS], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "(False, False) (True, True)"


def test_shipped_regex_defaults_compile() -> None:
    """Loading trusts a regex parameter left at its default (the rule files ship the
    defaults) and compiles only other values, and rules compile the patterns they build
    from defaults on first use: the defaults, and those patterns, must compile."""
    pipeline = Pipeline()
    assert len(_PENDING) >= 10
    compile_pending()
    assert len(_PENDING) == 0 and pipeline.rules
    checked = 0
    for stage in STAGES:
        for cls in rule_classes(stage):
            for f in dataclasses.fields(cls.Params):
                if not cls.Params.allowed(f.name).regex:
                    continue
                default = cls.Params._default(f.name)
                for pattern in default if isinstance(default, list) else [default]:
                    regex.compile(pattern)
                    checked += 1
    assert checked > 30


def test_a_method_bound_before_compiling_compiles_once() -> None:
    """``search = pattern.search`` before the first call binds the lazy method: calling
    it must not compile again each time (the column decider did, 44k times per MB)."""
    compiles = []

    class Engine:
        __name__ = "regex"

        @staticmethod
        def compile(source: str, flags: int = 0) -> regex.Pattern[str]:
            compiles.append(source)
            return regex.compile(source, flags)

    pattern = LazyPattern("中", engine=Engine)
    search = pattern.search
    found = [search(s) is not None for s in ["中文", "英文", "中"] * 100]
    assert found == [True, False, True] * 100
    assert compiles == ["中"]
