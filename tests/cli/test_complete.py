"""Shell completion through the real command: commands, option values, rule ids and
``--set`` keys, as bash asks for them (the script ``--show-completion`` prints does so)."""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.cli.conftest import CLEANER


def _complete(line: str) -> list[str]:
    words = line.split(" ")
    env = {**os.environ, "_CLEANER_COMPLETE": "complete_bash"}
    env.update(COMP_WORDS=line, COMP_CWORD=str(len(words) - 1))
    done = subprocess.run([str(CLEANER)], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


@pytest.mark.parametrize(
    ("line", "want", "not_wanted"),
    [
        ("cleaner cl", "clean", "diff"),
        ("cleaner clean --to s", "simplified", "taiwan"),
        ("cleaner clean --config s2t", "s2twp", "t2s"),
        ("cleaner clean --set layout.unw", "layout.unwrap.enabled=", "encoding.pinyin.enabled="),
        (
            "cleaner clean --set encoding.pinyin.",
            "encoding.pinyin.enabled=",
            "layout.unwrap.enabled=",
        ),
        ("cleaner rules show unw", "unwrap", "pinyin"),
        ("cleaner rules show layout.", "layout.unwrap", "encoding.pinyin"),
    ],
)
def test_completion_offers_what_fits(line: str, want: str, not_wanted: str) -> None:
    got = _complete(line)
    assert want in got
    assert not_wanted not in got


def test_show_completion_prints_a_bash_script() -> None:
    # typer detects the shell from the process tree; its test switch names it instead
    env = {**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    done = subprocess.run(
        [str(CLEANER), "--show-completion", "bash"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert "_CLEANER_COMPLETE=complete_bash" in done.stdout
    assert "complete " in done.stdout
