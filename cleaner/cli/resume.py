"""`--skip-existing`: resume a large run by leaving out inputs already cleaned.

An output is written atomically (renamed into place when complete), so one that
exists is whole; it is taken as done when it is at least as new as its input. An
input changed since (newer than its output) is cleaned again.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cleaner.cli.clean_cmd import Job


def is_done(src: Path, target: Path) -> bool:
    """``target`` exists and is not older than ``src``."""
    try:
        return os.stat(target).st_mtime_ns >= os.stat(src).st_mtime_ns
    except OSError:
        return False


def left_to_do(jobs: list[Job]) -> tuple[list[Job], int]:
    """The jobs still to run, and how many were left out as done."""
    todo = [
        job
        for job in jobs
        if job.problem or job.src is None or job.target is None or not is_done(job.src, job.target)
    ]
    return todo, len(jobs) - len(todo)
