"""The README cannot drift: its examples run, and its options table lists every option.

A fenced block whose info string ends in ``test`` is run in a temporary folder that
holds a copy of seeds/: ``sh test`` line by line in bash (a line ending in
``# → TEXT`` must print TEXT), ``python test`` as a script (a line ``EXPR  # → VALUE``
must give ``repr(EXPR) == VALUE``), ``toml test`` is written to the file its first
comment names and checked with ``cleaner rules check``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import CLEANER, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
_BLOCK = re.compile(r"^```(\w+) test\n(.*?)^```$", re.M | re.S)
_EXPECT = re.compile(r"^(?P<code>.*?)\s+# → (?P<want>.*)$")
BLOCKS = [(m[1], m[2], README[: m.start()].count("\n") + 1) for m in _BLOCK.finditer(README)]


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    return tmp_path


def _env() -> dict[str, str]:
    return {**os.environ, "PATH": f"{CLEANER.parent}{os.pathsep}{os.environ['PATH']}"}


def _run_sh(code: str, cwd: Path, line: int) -> None:
    for offset, text in enumerate(code.splitlines()):
        m = _EXPECT.match(text)
        command = m["code"] if m else text
        if not command.strip() or command.lstrip().startswith("#"):
            continue
        r = subprocess.run(["bash", "-c", command], cwd=cwd, env=_env(), capture_output=True)
        where = f"README.md:{line + 1 + offset}: {command.strip()}"
        assert r.returncode == 0, f"{where}: {r.stderr.decode()}"
        if m:
            assert r.stdout.decode().strip() == m["want"], where


def _run_python(code: str, cwd: Path, line: int) -> None:
    lines = []
    for offset, text in enumerate(code.splitlines()):
        m = _EXPECT.match(text)
        if m:
            at = f"README.md:{line + 1 + offset}"
            text = f"assert repr({m['code']}) == {m['want']!r}, ({at!r}, {m['code']})"
        lines.append(text)
    r = subprocess.run(
        [sys.executable, "-c", "\n".join(lines)], cwd=cwd, env=_env(), capture_output=True
    )
    assert r.returncode == 0, f"README.md:{line}: {r.stderr.decode()}"


def _run_toml(code: str, cwd: Path, line: int) -> None:
    name = code.splitlines()[0].lstrip("# ").strip()
    target = cwd / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(code, encoding="utf-8")
    r = subprocess.run([str(CLEANER), "rules", "check", target.parent], capture_output=True)
    assert r.returncode == 0, f"README.md:{line}: {r.stderr.decode()}"


@pytest.mark.parametrize(("lang", "code", "line"), BLOCKS, ids=[f"L{b[2]}" for b in BLOCKS])
def test_readme_example_runs(lang: str, code: str, line: int, workdir: Path) -> None:
    {"sh": _run_sh, "python": _run_python, "toml": _run_toml}[lang](code, workdir, line)


def test_readme_has_examples_of_each_kind() -> None:
    assert {lang for lang, _, _ in BLOCKS} == {"sh", "python", "toml"}


def _help_options(*command: str) -> list[tuple[str, ...]]:
    """Each option of ``cleaner COMMAND --help``: its names (``("-o", "--output")``)."""
    out = subprocess.run([str(CLEANER), *command, "--help"], capture_output=True).stdout.decode()
    options = out.split("\nOptions:\n", 1)[1]
    found = re.findall(r"^  (-[\w-]+)(?:, (--[\w-]+))?", options, re.M)
    return [tuple(n for n in names if n) for names in found if names[0] != "--help"]


def test_readme_options_table_lists_every_option_of_clean() -> None:
    table = README.split("Options of `cleaner clean`:", 1)[1].split("\n\n", 2)[1]
    rows = [row for row in table.splitlines() if row.startswith("| `")]
    listed = {opt for row in rows for opt in re.findall(r"-?-[\w-]+", row.split(" | ")[0])}
    missing = [names for names in _help_options("clean") if not listed & set(names)]
    assert missing == []
