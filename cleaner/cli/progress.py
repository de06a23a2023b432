"""Progress of a long run on a terminal: one status line on stderr, redrawn at most
``1 / INTERVAL`` times a second by a background thread, erased at the end.

    files 3/10  12.3/40.0 MB  2.1 MB/s  ETA 13s  1,234 changes

Bytes count whole files as they finish, plus how far the file being cleaned has been
read (its descriptor's offset), so a single large file moves too.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

INTERVAL = 0.25  # seconds between redraws
MIN_BYTES = 8 << 20  # one file smaller than this needs no progress line


def for_run(
    quiet: bool, paths: list[Path | None], changes: Callable[[], int], stream: TextIO = sys.stderr
) -> Progress | None:
    """A progress line for these inputs: on a terminal, for a tree run or a large file,
    unless --quiet (the inputs are measured only then)."""
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    if quiet or not tty:
        return None
    sizes = [input_size(p) for p in paths]
    return Progress(sizes, changes, stream) if len(sizes) > 1 or sum(sizes) >= MIN_BYTES else None


def input_size(path: Path | None) -> int:
    try:
        return os.stat(path).st_size if path is not None else 0
    except OSError:
        return 0


def _eta(seconds: float) -> str:
    if seconds >= 3600:
        return f"{seconds / 3600:.1f}h"
    if seconds >= 60:
        return f"{int(seconds // 60)}m{int(seconds % 60):02d}s"
    return f"{seconds:.0f}s"


def _rate(per_second: float) -> str:
    if per_second >= 1e6:
        return f"{per_second / 1e6:.1f} MB/s"
    return f"{per_second / 1e3:.0f} kB/s"


class Progress:
    def __init__(
        self, sizes: list[int], changes: Callable[[], int], out: TextIO = sys.stderr
    ) -> None:
        self.sizes = sizes  # bytes of each input, in the order they finish
        self.files, self.nbytes = len(sizes), sum(sizes)
        self.changes = changes
        self.out = out
        self.done_files = 0
        self.done_bytes = 0
        self.reading: int | None = None  # descriptor of the file being read
        self.started = time.monotonic()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._width = 0

    def __enter__(self) -> Progress:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._write("")  # erase the line

    def file_done(self) -> None:
        if self.done_files < self.files:
            self.done_bytes += self.sizes[self.done_files]
        self.done_files += 1
        self.reading = None

    def _in_file(self) -> int:
        fd = self.reading
        if fd is None:
            return 0
        try:
            return os.lseek(fd, 0, os.SEEK_CUR)
        except OSError:
            return 0

    def line(self) -> str:
        done = min(self.done_bytes + self._in_file(), self.nbytes)
        seconds = max(time.monotonic() - self.started, 1e-6)
        rate = done / seconds
        eta = _eta((self.nbytes - done) / rate) if rate > 0 and done else "?"
        return (
            f"files {self.done_files}/{self.files}  {done / 1e6:.1f}/{self.nbytes / 1e6:.1f} MB"
            f"  {_rate(rate)}  ETA {eta}  {self.changes():,} changes"
        )

    def _run(self) -> None:
        while not self._stop.wait(INTERVAL):
            self._write(self.line())

    def _write(self, text: str) -> None:
        pad = " " * max(0, self._width - len(text))
        try:
            self.out.write(f"\r{text}{pad}\r" if text else f"\r{pad}\r")
            self.out.flush()
        except (OSError, ValueError):
            return
        self._width = len(text)
