"""Memory stays bounded whatever the file size: a 200 MB file through the CLI.

Benchmark-style: prints the peak resident memory and throughput; asserts only a
generous bound.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.cli.conftest import CLEANER, ROOT

SIZE = 200 * 1024 * 1024
BOUND_MB = 500


def _make_big_file(path: Path) -> int:
    """The seeds (every kind of damage) repeated to SIZE bytes. In each copy the
    sentences of the clean-script seeds are numbered, so that repeated-paragraph
    removal keeps them and the output stays large."""
    seeds = [p.read_bytes() + b"\n\n" for p in sorted((ROOT / "seeds").glob("*.txt"))]
    stop = "。".encode()
    written = copy = 0
    with path.open("wb") as f:
        while written < SIZE:
            copy += 1
            for seed in seeds:
                data = seed if b"?" in seed else seed.replace(stop, f"{copy}。".encode())
                f.write(data)
                written += len(data)
    return written


@pytest.mark.slow
def test_200mb_file_peak_memory(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    size = _make_big_file(big)
    # a fresh parent whose only child is the cleaner, so ru_maxrss is the cleaner's alone
    probe = textwrap.dedent(
        f"""
        import resource, subprocess, sys
        out = {str(tmp_path / "out") + "/"!r}
        r = subprocess.run([{str(CLEANER)!r}, "clean", {str(big)!r}, "-o", out,
                            "--to", "simplified", "--quiet"])
        print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)
        """
    )
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    elapsed = time.perf_counter() - started
    peak_kb, code = map(int, out.stdout.split())
    peak_mb = peak_kb / 1024
    print(
        f"\n200 MB run: {size / 2**20:.0f} MB in {elapsed:.1f}s "
        f"({size / 2**20 / elapsed:.1f} MB/s), peak RSS {peak_mb:.0f} MB"
    )
    assert code == 0, out.stderr
    assert (tmp_path / "out" / "big.txt").stat().st_size > size * 0.5
    assert peak_mb < BOUND_MB
