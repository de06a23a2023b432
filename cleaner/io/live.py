"""Stdin from a pipe or a terminal: read as it arrives, with pauses noticed.

A producer that writes a line and then waits (a log, a chat, a person typing) should
see that line cleaned at once. So live input is read without waiting for full
buffers, and whoever reads it can ask whether the input has paused: nothing more
arrived within ``PAUSE`` seconds. The block cutter (cleaner.core.blocks) ends a block
at the last complete line when the input pauses; input that arrives at once has no
pause and is cut exactly as a file is.
"""

from __future__ import annotations

import os
import select
import stat
from typing import BinaryIO

PAUSE = 0.05  # seconds without new input that end a streamed block


def is_live(fd: int) -> bool:
    """A pipe, a socket or a terminal (not a regular file, which is read at full speed)."""
    try:
        mode = os.fstat(fd).st_mode
    except OSError:
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode) or os.isatty(fd)


class LiveInput:
    """Unbuffered reads of a file descriptor: ``read(n)`` returns what has arrived (at
    least one byte; ``b""`` once at the end, and again after it, terminals included)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.eof = False

    def read(self, n: int = -1) -> bytes:
        if self.eof:
            return b""
        data = os.read(self.fd, n if n > 0 else 1 << 16)
        self.eof = not data
        return data

    read1 = read

    def fileno(self) -> int:
        return self.fd

    def ready(self, timeout: float = PAUSE) -> bool:
        """More input (or its end) arrives within ``timeout`` seconds."""
        if self.eof:
            return True
        try:
            return bool(select.select([self.fd], [], [], timeout)[0])
        except (OSError, ValueError):
            return True  # cannot tell: read on, as for a file

    def head(self, n: int) -> bytes:
        """Up to ``n`` bytes: what arrives before the input pauses or ends."""
        got = b""
        while len(got) < n:
            data = self.read(n - len(got))
            got += data
            if not data or not self.ready():
                break
        return got


def stdin_input() -> BinaryIO | LiveInput:
    """Stdin: live when it is a pipe or a terminal, else the usual buffered stream."""
    import sys

    try:
        fd = sys.stdin.buffer.fileno()
    except (AttributeError, OSError, ValueError):
        return sys.stdin.buffer
    return LiveInput(fd) if is_live(fd) else sys.stdin.buffer
