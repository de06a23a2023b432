"""A plain `cleaner clean` runs without typer (cleaner.cli.main): it must give
``clean_command`` exactly what the typer app gives it, and leave everything else
(help, other commands, options written another way, values to check) to the app."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cleaner.cli import app as app_module
from cleaner.cli.main import plain_clean_args
from tests.cli.conftest import run_cleaner

PLAIN = [
    [],
    ["--to", "simplified"],
    ["-", "--to", "traditional"],
    ["--to=taiwan", "-q"],
    ["--to", "hongkong", "--quiet"],
    ["--to", "keep"],
    ["a.txt", "-o", "b.txt"],
    ["a.txt", "--output", "-"],
    ["seeds", "-o", "out/", "--explain", "changes.jsonl", "--stats", "stats.json"],
    ["seeds", "-o", "out", "--explain", "-"],
    ["seeds", "more", "-o", "out", "--glob", "*.md", "--encoding", "gbk"],
    ["--set", "layout.unwrap.enabled=false", "-", "--set", "encoding.x.y=[1, 2]"],
    ["shards", "-o", "out", "--jsonl", "--field", "body", "--id-field", "id", "-j", "4"],
    ["shards", "-o", "out", "--jobs=12", "--skip-existing"],
    ["a.txt", "--in-place", "--rules", "my rules", "--stages", "encoding,layout"],
    ["--config", "s2twp", "--rules=r", "--stages=convert", "--explain=x.jsonl"],
    ["--stats=s.json", "--field=text", "--id-field=doc", "--glob=*.txt", "--encoding=big5"],
    ["--output=out/", "x", "y", "z"],
    ["後面的頭髮.txt", "-o", "輸出.txt", "--set", "convert.opencc.to=simplified"],
    ["--to", "simplified", "--jsonl", "--quiet", "--in-place", "--skip-existing", "x"],
    ["shards", "-o", "out", "--engine", "ray", "--address", "auto", "-j", "8"],
    ["--engine=local", "x", "-o", "y"],
]

DECLINED = [
    [],  # no command
    ["--version"],
    ["--help"],
    ["diff", "seeds"],
    ["rules", "list"],
    ["clean", "--help"],
    ["clean", "-h"],
    ["clean", "--to", "Simplified"],
    ["clean", "--to", "bogus"],
    ["clean", "--to"],
    ["clean", "--to", "simplified", "--to", "keep"],
    ["clean", "-q", "--quiet"],
    ["clean", "-j", "0"],
    ["clean", "-j", "01"],
    ["clean", "-j", "2.0"],
    ["clean", "-j", " 2"],
    ["clean", "-qj2"],
    ["clean", "-ofile"],
    ["clean", "-o=file"],
    ["clean", "--", "-x"],
    ["clean", "-o", "--quiet"],
    ["clean", "--output=", "x"],
    ["clean", ""],
    ["clean", "--tos", "simplified"],
    ["clean", "--in-place=yes"],
    ["clean", "--rules", ""],
    ["clean", "--stats", "-x"],
    ["clean", "bad\udcffname"],
    ["clean", "--glob", "\udcff"],
    ["clean", "--engine", "spark"],
    ["clean", "--engine", "Ray"],
]


def typer_options(args: list[str], monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """What the typer app hands ``clean_command`` for ``cleaner clean ARGS``."""
    got: dict[str, Any] = {}

    def capture(**options: Any) -> int:
        got.update(options)
        return 0

    monkeypatch.setattr(app_module, "clean_command", capture)
    code = app_module.app(["clean", *args], prog_name="cleaner", standalone_mode=False)
    assert code in (0, None) and got, (code, got)
    return got


@pytest.mark.parametrize("args", PLAIN, ids=" ".join)
def test_plain_args_are_what_typer_gives(args: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    plain = plain_clean_args(["clean", *args])
    assert plain is not None
    expected = typer_options(args, monkeypatch)
    assert plain == expected
    assert {k: type(v) for k, v in plain.items()} == {k: type(v) for k, v in expected.items()}


@pytest.mark.parametrize("args", DECLINED, ids=repr)
def test_anything_else_goes_to_typer(args: list[str]) -> None:
    assert plain_clean_args(args) is None


def test_shell_completion_goes_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_CLEANER_COMPLETE", "bash_source")
    assert plain_clean_args(["clean", "--to", "simplified"]) is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--rules", "{tmp}/none"], "error: --rules {tmp}/none: not a folder\n"),
        (["--set", "nonsense"], "error: --set 'nonsense': write stage.rule.key=value\n"),
        (["{tmp}/missing.txt", "-q"], "error: no such file or folder: {tmp}/missing.txt\n"),
    ],
)
def test_plain_errors_end_as_before(args: list[str], message: str, tmp_path: Path) -> None:
    """The plain path's errors: typer's message and status 2."""
    r = run_cleaner("clean", *(a.format(tmp=tmp_path) for a in args), stdin=b"x\n")
    assert (r.returncode, r.stdout, r.stderr.decode()) == (2, b"", message.format(tmp=tmp_path))
