"""Rule files and options are untrusted input: a bad value is a usage error that names
the key (exit 2, no traceback), a catastrophic regex stops the run instead of hanging
it, and `cleaner rules check` reports every problem of a folder."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import CLEANER

# 43 bytes: a line of 38 "a" and a "!" that makes an anchored pattern fail, after a line
# that passes each rule's cheap screen ("](" for markdown_image, "版" for page_jump,
# a mark between Han characters for fold_punct)
PUMP = "a" * 38 + "!\n"
CATASTROPHIC = [
    ("encoding.toml", "markdown_image", "line", "'^(a|a)+$'", "](\n" + PUMP),
    ("layout.toml", "page_jump", "patterns", "['^(a|a)+$']", "版\n" + PUMP),
    ("encoding.toml", "fold_punct", "protect", "['(a|a)+$']", "中,文\n" + PUMP),
]


def _run(*args: str | Path, stdin: bytes, timeout: float) -> Any:
    """The installed `cleaner`, killed after ``timeout`` seconds (a hang fails the test)."""
    cmd = [str(CLEANER), *map(str, args)]
    return subprocess.run(cmd, input=stdin, capture_output=True, timeout=timeout)


def _check_error(r: Any) -> str:
    err: str = r.stderr.decode()
    assert r.returncode == 2, err
    assert "Traceback" not in err and "fix:" in err
    return err


@pytest.mark.parametrize("file,rule,key,value,text", CATASTROPHIC, ids=lambda x: str(x)[:14])
def test_catastrophic_regex_stops_the_run_naming_file_rule_and_key(
    tmp_path: Path, file: str, rule: str, key: str, value: str, text: str
) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / file).write_text(f"[{rule}]\n{key} = {value}\n", encoding="utf-8")
    # the subprocess timeout is the hang: today's code never returns on this input
    r = _run("clean", "--rules", rules, stdin=text.encode(), timeout=60)
    err = _check_error(r)
    assert f"{file}:2" in err and f"[{rule}] {key}" in err and "backtracking" in err


def test_catastrophic_regex_from_set_is_named_too() -> None:
    r = _run(
        "clean", "--set", "encoding.markdown_image.line='^(a|a)+$'",
        stdin=("](\n" + PUMP).encode(), timeout=60,
    )  # fmt: skip
    err = _check_error(r)
    assert "<command-line options>" in err and "[markdown_image] line" in err


@pytest.mark.parametrize(
    "pattern", ["^(a|a)+$", "(a+)+$", "(a*)*b", "^(a|ab)*$", r"(\s*\S+)+$", r"(x+y?)+$"]
)
def test_rules_check_catches_catastrophic_shapes(
    cleaner: Any, tmp_path: Path, pattern: str
) -> None:
    (tmp_path / "encoding.toml").write_text(
        f"[markdown_image]\nline = '{pattern}'\n", encoding="utf-8"
    )
    err = _check_error(cleaner("rules", "check", tmp_path))
    assert "encoding.toml:2" in err and "[markdown_image] line" in err
    assert "backtrack" in err


def test_rules_check_reports_every_problem(cleaner: Any, tmp_path: Path) -> None:
    (tmp_path / "encoding.toml").write_text(
        "[gbk_shift]\nbeam = 0\n\n[related_links]\nmin_lines = -5\nline = '(a+)+$'\n",
        encoding="utf-8",
    )
    (tmp_path / "layout.toml").write_text("[unwrap]\nmin_width = nan\n", encoding="utf-8")
    (tmp_path / "convert.tml").write_text("[opencc]\n", encoding="utf-8")
    err = _check_error(cleaner("rules", "check", tmp_path))
    for expected in [
        "encoding.toml:2: [gbk_shift] beam = 0: must be at least 1",
        "encoding.toml:5: [related_links] min_lines = -5",
        "encoding.toml:6: [related_links] line",
        "layout.toml:2: [unwrap] min_width = nan: must be a finite number",
        "convert.tml: no stage reads this file",
        "5 problem(s)",
    ]:
        assert expected in err


@pytest.mark.parametrize(
    "setting,says",
    [
        ("encoding.utf8_as_gbk.codecs=[]", "[utf8_as_gbk] codecs = []: must not be empty"),
        ("encoding.legacy_mojibake.codecs=[]", "[legacy_mojibake] codecs = []: must not"),
        ("encoding.gbk_shift.beam=0", "[gbk_shift] beam = 0: must be at least 1"),
        ("encoding.related_links.min_lines=-5", "[related_links] min_lines = -5: must be"),
        ("layout.unwrap.min_width=nan", "[unwrap] min_width = nan: must be a finite number"),
        ("layout.unwrap.min_width=40", "[unwrap] min_width: min_width (40) must be below"),
        ("layout.unwrap.max_width=inf", "[unwrap] max_width = inf: must be a finite number"),
        ("encoding.pinyin.min_coverage=1.5", "[pinyin] min_coverage = 1.5: must be"),
        ("convert.opencc.unit=word", "[opencc] unit = 'word': unknown unit"),
    ],
)
def test_bad_parameter_value_names_its_key(cleaner: Any, setting: str, says: str) -> None:
    err = _check_error(cleaner("clean", "--set", setting, stdin="甲\n".encode()))
    assert says in err


@pytest.mark.parametrize("config", ["/etc/passwd", "s2x", "../s2t.json"])
def test_config_is_a_configuration_name(cleaner: Any, config: str) -> None:
    err = _check_error(cleaner("clean", "--config", config, stdin="甲\n".encode()))
    assert f"unknown OpenCC configuration {config!r}" in err
    assert "s2twp" in err and "t2s" in err  # the valid names are listed


def test_config_name_still_works(cleaner: Any) -> None:
    r = cleaner("clean", "--config", "t2s", stdin="頭髮\n".encode())
    assert r.returncode == 0 and r.stdout.decode() == "头发\n"


@pytest.mark.parametrize("name", ["encodng.toml", "notes.txt", "layout.toml.bak"])
@pytest.mark.parametrize("command", ["clean", "check"])
def test_stray_file_in_rules_folder_is_an_error(
    cleaner: Any, tmp_path: Path, name: str, command: str
) -> None:
    (tmp_path / name).write_text("[stray_comma]\nenabled = false\n", encoding="utf-8")
    (tmp_path / ".hidden").write_text("editors leave these\n", encoding="utf-8")
    if command == "clean":
        r = cleaner("clean", "--rules", tmp_path, stdin="甲\n".encode())
    else:
        r = cleaner("rules", "check", tmp_path)
    err = _check_error(r)
    assert f"{name}: no stage reads this file" in err and ".hidden" not in err
    assert r.stdout == b""
