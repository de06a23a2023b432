"""-o FILE for one input, -o - for stdout, --explain - for records on stdout."""

from __future__ import annotations

import json
from pathlib import Path

SEED = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))[1]


def test_o_names_the_output_file_for_one_input_file(cleaner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "clean.txt"
    proc = cleaner("clean", SEED, "-o", target, "--to", "simplified", "-q")
    assert proc.returncode == 0, proc.stderr.decode()
    want = cleaner("clean", SEED, "--to", "simplified", "-q").stdout
    assert target.is_file() and target.read_bytes() == want


def test_o_names_a_folder_when_it_is_one(cleaner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "out").mkdir()
    proc = cleaner("clean", SEED, "-o", tmp_path / "out", "-q")
    assert proc.returncode == 0, proc.stderr.decode()
    assert (tmp_path / "out" / SEED.name).is_file()
    proc = cleaner("clean", SEED, "-o", f"{tmp_path / 'new'}/", "-q")
    assert proc.returncode == 0 and (tmp_path / "new" / SEED.name).is_file()


def test_stdin_to_an_output_file_and_o_dash_to_stdout(cleaner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "out.txt"
    proc = cleaner("clean", "-o", target, "--to", "simplified", stdin="後面的頭髮,,很長\n".encode())
    assert proc.returncode == 0, proc.stderr.decode()
    assert target.read_text(encoding="utf-8") == "后面的头发，很长\n"
    proc = cleaner("clean", SEED, "-o", "-", "-q")
    assert proc.returncode == 0 and proc.stdout == cleaner("clean", SEED, "-q").stdout
    assert not Path("-").exists()


def test_explain_dash_writes_records_to_stdout(cleaner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    proc = cleaner("clean", SEED, "-o", tmp_path / "x.txt", "--explain", "-", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr.decode()
    records = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert records and {r["rule"] for r in records} >= {"pinyin", "stray_comma"}
    assert not (tmp_path / "-").exists()
    clash = cleaner("clean", SEED, "--explain", "-", cwd=tmp_path)
    assert clash.returncode == 2 and b"give -o" in clash.stderr
