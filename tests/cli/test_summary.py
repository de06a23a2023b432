"""The summary at the end of a tree run, and progress on a terminal."""

from __future__ import annotations

import os
import pty
import re
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

from tests.cli.conftest import CLEANER, ROOT

SEEDS = ROOT / "seeds"
# the header and some rows of the summary of the seeds, --to simplified
HEADER, *ROWS = (
    (Path(__file__).parent / "data" / "summary_seeds.txt").read_text("utf-8").splitlines()
)


def test_summary_table_with_whole_changes(cleaner: Any, tmp_path: Path) -> None:
    r = cleaner("clean", SEEDS, "-o", tmp_path / "out", "--to", "simplified")
    assert r.returncode == 0
    lines = r.stderr.decode().splitlines()
    assert re.fullmatch(
        r"cleaned 5 file\(s\), 0\.08 MB, 28,460 characters in \d+\.\d\ds \(\d+\.\d\d MB/s\)",
        lines[0],
    )
    assert lines[1] == HEADER
    for row in ROWS:
        assert row in lines
    assert lines[-1] == "files cleaned: 5"


def _run_on_a_terminal(*args: str | Path) -> tuple[int, str]:
    """Run cleaner with stderr on a pseudo-terminal; what the terminal got."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([str(CLEANER), *map(str, args)], stderr=slave, stdout=subprocess.PIPE)
    os.close(slave)
    got = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child is gone (EIO)
            break
        if not chunk:
            break
        got += chunk
    os.close(master)
    return proc.wait(timeout=120), got.decode(errors="replace")


def test_progress_on_a_terminal_only(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(12):
        for seed in SEEDS.glob("*.txt"):
            shutil.copy(seed, src / f"{i}-{seed.name}")
    started = time.monotonic()
    code, screen = _run_on_a_terminal("clean", src, "-o", tmp_path / "out")
    seconds = time.monotonic() - started
    assert code == 0
    lines = re.findall(r"\r(files \d+/60  [^\r]*)\r", screen)
    assert lines, screen
    assert re.fullmatch(
        r"files \d+/60  \d+\.\d/0\.9 MB  (\d+\.\d MB|\d+ kB)/s  ETA (\d+s|\d+m\d\ds|\?)  "
        r"[\d,]+ changes",
        lines[-1],
    )
    assert len(lines) <= seconds / 0.25 + 2  # throttled
    assert "cleaned 60 file(s)" in screen  # the summary follows, the line erased
    code, screen = _run_on_a_terminal("clean", src, "-o", tmp_path / "out2", "-q")
    assert (code, screen) == (0, "")


def test_no_progress_when_stderr_is_not_a_terminal(cleaner: Any, tmp_path: Path) -> None:
    r = cleaner("clean", SEEDS, "-o", tmp_path / "out")
    assert b"\r" not in r.stderr and b"ETA" not in r.stderr


def test_more_jobs_than_cores_is_warned(cleaner: Any, tmp_path: Path) -> None:
    cores = len(os.sched_getaffinity(0))
    r = cleaner("clean", SEEDS, "-o", tmp_path / "out", "-q", "-j", cores + 1)
    assert r.returncode == 0
    assert r.stderr.decode() == (
        f"warning: -j {cores + 1}: more workers than the {cores} CPU core(s) this run may use; "
        "the extra ones only wait their turn (and cost start-up time)\n"
    )


def test_summary_of_compressed_records_counts_their_text(cleaner: Any, tmp_path: Path) -> None:
    """A .jsonl.gz shard: documents, text size and characters of the records (not 0), and
    the size read from disk apart."""
    import gzip
    import json

    seeds = sorted(SEEDS.glob("*.txt"))
    texts = [p.read_text("utf-8") for p in seeds]
    (tmp_path / "in").mkdir()
    with gzip.open(tmp_path / "in" / "a.jsonl.gz", "wt", encoding="utf-8") as f:
        for text in texts:
            f.write(json.dumps({"text": text}, ensure_ascii=False) + "\n")
    r = cleaner("clean", tmp_path / "in", "-o", tmp_path / "out", "--jsonl")
    assert r.returncode == 0, r.stderr.decode()
    first = r.stderr.decode().splitlines()[0]
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    chars = sum(len(t) for t in texts)
    read = (tmp_path / "in" / "a.jsonl.gz").stat().st_size / 1e6
    assert first.startswith(
        f"cleaned 1 file(s) ({len(texts)} documents), {size:.2f} MB, {chars:,} characters, "
        f"{read:.2f} MB read in "
    ), first


def test_an_example_shows_the_invisible_characters_it_changes(cleaner: Any, tmp_path: Path) -> None:
    """A removed C1 control or zero-width space is shown escaped, not as "a" -> "a"."""
    src = tmp_path / "in.txt"
    src.write_text("全省疫情防控\x81工作会议在广州召开。\n", encoding="utf-8")
    r = cleaner("clean", src, "-o", tmp_path / "out.txt")
    assert r.returncode == 0
    row = next(x for x in r.stderr.decode().splitlines() if x.startswith("encoding.html_"))
    before, after = '"全省疫情防控\\u0081工作会议在广州召"', '"全省疫情防控工作会议在广州召"'
    assert row.endswith(f"{before} -> {after}"), row
