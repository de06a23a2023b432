"""`cleaner clean` as a filter: stdin is cleaned as it arrives; a closed stdout ends it quietly."""

from __future__ import annotations

import select
import shutil
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import CLEANER, ROOT

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
LATENCY = 1.0  # seconds; measured 0.1 (a pause of 0.05 s, then cleaning)


def _read_line(proc: subprocess.Popen[bytes], timeout: float) -> tuple[bytes, float]:
    """The next line of ``proc``'s stdout, and how long it took to come."""
    assert proc.stdout is not None
    started = time.perf_counter()
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    if not ready:
        return b"", time.perf_counter() - started
    return proc.stdout.readline(), time.perf_counter() - started


STREAMS = {
    "text": ([], ["頭髮,,很長\n", "後面的頭髮\n", "b\n"], ["头发，很长\n", "后面的头发\n", "b\n"]),
    "jsonl": (
        ["--jsonl"],
        ['{"text": "頭髮,,很長"}\n', '{"text": "後面的頭髮"}\n', '{"text": "b"}\n'],
        ['{"text": "头发，很长"}\n', '{"text": "后面的头发"}\n', '{"text": "b"}\n'],
    ),
}


@pytest.mark.parametrize("kind", STREAMS)
def test_a_line_is_cleaned_while_the_producer_is_still_writing(kind: str) -> None:
    args, sent, want = STREAMS[kind]
    proc = subprocess.Popen(
        [str(CLEANER), "clean", "--to", "simplified", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdin is not None
    try:
        proc.stdin.write(sent[0].encode())  # also waits out start-up
        proc.stdin.flush()
        first, _ = _read_line(proc, 60)
        proc.stdin.write(sent[1].encode())
        proc.stdin.flush()
        second, took = _read_line(proc, LATENCY)
        proc.stdin.write(sent[2].encode())
        proc.stdin.close()
        assert proc.stdout is not None and proc.stderr is not None
        rest, err = proc.stdout.read(), proc.stderr.read()
        proc.wait(timeout=60)
    finally:
        proc.kill()
    assert [first.decode(), second.decode(), rest.decode()] == want, err
    assert took < LATENCY, f"the second line came {took:.2f}s after it was written"
    assert proc.returncode == 0 and err == b""


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_input_arriving_at_once_through_a_pipe_is_cleaned_as_a_file(
    cleaner: Any, seed: Path
) -> None:
    piped = cleaner("clean", "--to", "simplified", stdin=seed.read_bytes())
    with seed.open("rb") as f:
        from_file = subprocess.run(
            [str(CLEANER), "clean", "--to", "simplified"], stdin=f, capture_output=True
        )
    assert piped.returncode == from_file.returncode == 0
    assert piped.stdout == from_file.stdout


def test_a_closed_stdout_ends_the_run_quietly(tmp_path: Path) -> None:
    for i in range(8):  # more output than a pipe holds
        for seed in SEEDS:
            shutil.copy(seed, tmp_path / f"{i}-{seed.name}")
    proc = subprocess.Popen(
        [str(CLEANER), "clean", tmp_path], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout is not None and proc.stderr is not None
    line = proc.stdout.readline()
    proc.stdout.close()  # as `| head -1` does
    err = proc.stderr.read()
    proc.wait(timeout=60)
    assert line.strip()
    assert (proc.returncode, err) == (-signal.SIGPIPE, b"")
