from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLEANER = Path(sys.executable).parent / "cleaner"


def run_cleaner(
    *args: str | os.PathLike[str], stdin: bytes = b"", cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    """The installed `cleaner` command, in a subprocess, as a user runs it."""
    return subprocess.run(
        [str(CLEANER), *map(str, args)], input=stdin, capture_output=True, cwd=cwd, timeout=600
    )


@pytest.fixture
def cleaner():  # type: ignore[no-untyped-def]
    assert CLEANER.exists(), f"{CLEANER} is not installed (run make install)"
    return run_cleaner
