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


def test_a_named_pipe_or_device_is_written_to_never_replaced(cleaner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """-o, --explain and --stats naming a FIFO (or /dev/null, /dev/stderr): the data goes
    through it, and it is still a FIFO after (a rename over it put a regular file where
    the device was: run as root, `-o /dev/null` replaced /dev/null)."""
    import os
    import stat
    import threading

    pipes = {name: tmp_path / name for name in ("text", "records", "stats")}
    got: dict[str, bytes] = {}

    def drain(name: str) -> None:
        with open(pipes[name], "rb") as f:
            got[name] = f.read()

    for p in pipes.values():
        os.mkfifo(p)
    readers = [threading.Thread(target=drain, args=(n,), daemon=True) for n in pipes]
    for t in readers:
        t.start()
    proc = cleaner(
        "clean", SEED, "-o", pipes["text"], "--explain", pipes["records"],
        "--stats", pipes["stats"], "--to", "simplified", "-q",
    )  # fmt: skip
    for t in readers:
        t.join(30)
    assert proc.returncode == 0, proc.stderr.decode()
    want = cleaner("clean", SEED, "--to", "simplified", "-q").stdout
    assert got["text"] == want
    assert json.loads(got["records"].splitlines()[0])["path"] == str(SEED)
    assert json.loads(got["stats"])["documents"] == 1
    assert all(stat.S_ISFIFO(os.stat(p).st_mode) for p in pipes.values())
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    proc = cleaner("clean", SEED, "-o", "/dev/null", "--stats", "/dev/null", "-q")
    assert proc.returncode == 0, proc.stderr.decode()
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
