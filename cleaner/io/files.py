"""Finding input files and writing output files atomically.

The walk is iterative (any depth), follows no folder symlinks and never opens
anything but regular files: a FIFO, socket, device, symlink loop or unreadable
folder is yielded as an `Entry` with a `problem`, for the caller to report.

Temporary files are named ``.NAME.cleaner-PID.XXXXXXXX.tmp`` beside their target;
a directory that is written into is first cleared of such files left by a dead PID.
"""

from __future__ import annotations

import fnmatch
import io
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import IO, BinaryIO, TextIO

from cleaner.io import compression

TEMP_TAG = "cleaner"
_STALE = re.compile(rf"^\..*\.{TEMP_TAG}-(\d+)\.\w+\.tmp$")


@dataclass(frozen=True)
class Entry:
    """An input file, or a path found that cannot be cleaned (``problem``)."""

    path: Path
    rel: Path  # relative to the output root
    problem: str = ""
    fails: bool = True  # a problem that makes the run's exit status 1 (else a note)


class NotRegularFile(OSError):
    """A FIFO, socket or device where a file was expected."""


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISDIR, "a folder")):  # fmt: skip
        if test(mode):
            return name
    return "not a regular file"


def _reason(e: OSError) -> str:
    return e.strerror or str(e)


def _file_entry(path: Path, rel: Path) -> Entry:
    try:
        mode = os.stat(path).st_mode  # follows symlinks: a loop or dangling link fails here
    except OSError as e:
        return Entry(path, rel, f"{_reason(e)}; skipped")
    if stat.S_ISREG(mode):
        return Entry(path, rel)
    return Entry(path, rel, f"{_kind(mode)}, not a regular file; skipped")


def walk(inputs: list[Path], pattern: str, exclude: Path | None = None) -> Iterator[Entry]:
    """Every input file with its path relative to the output root, trees in sorted order.

    A file given by name keeps its name; a folder is searched (at any depth) for names
    matching ``pattern``, skipping hidden folders and ``exclude`` (the output folder).
    """
    skip = _identity(exclude) if exclude else None
    for root in inputs:
        try:
            is_dir = stat.S_ISDIR(os.stat(root).st_mode)
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk_tree(root, pattern, skip)
        else:
            yield _file_entry(root, Path(root.name))


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _walk_tree(root: Path, pattern: str, skip: tuple[int, int] | None) -> Iterator[Entry]:
    stack: list[tuple[Path, Path]] = [(root, Path())]
    while stack:
        here, rel = stack.pop()
        try:
            with os.scandir(here) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as e:
            yield Entry(here, rel, f"folder not read: {_reason(e)}; skipped")
            continue
        folders = []
        for entry in entries:
            path = here / entry.name
            if entry.is_dir(follow_symlinks=False):
                st = entry.stat(follow_symlinks=False)
                if not entry.name.startswith(".") and (st.st_dev, st.st_ino) != skip:
                    folders.append((path, rel / entry.name))
            elif entry.is_symlink() and os.path.isdir(path):
                yield Entry(path, rel / entry.name, "symlink to a folder, not followed", False)
            elif fnmatch.fnmatch(entry.name, pattern):
                yield _file_entry(path, rel / entry.name)
        stack.extend(reversed(folders))


def open_regular(path: Path) -> BinaryIO:
    """Open ``path`` for reading, refusing (without blocking) anything but a regular file."""
    nonblocking = getattr(os, "O_NONBLOCK", 0)  # opening a FIFO would wait for a writer
    fd = os.open(path, os.O_RDONLY | nonblocking)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(f"{_kind(mode)}, not a regular file; skipped")
        if nonblocking:
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def make_dirs(folder: Path) -> None:
    """``mkdir -p`` without recursion (trees deeper than Python's recursion limit)."""
    missing = []
    while not folder.is_dir():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for d in reversed(missing):
        try:
            d.mkdir()
        except FileExistsError:
            if not d.is_dir():
                raise


@cache
def umask() -> int:
    """The process umask, read without changing it where the system allows."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


_swept: set[str] = set()


def remove_stale_temporaries(folder: Path) -> None:
    """Remove this program's temporary files and folders in ``folder`` whose PID is dead."""
    key = os.path.abspath(folder)
    if key in _swept:
        return
    _swept.add(key)
    try:
        with os.scandir(folder) as it:
            stale = [e for e in it if (m := _STALE.match(e.name)) and not _alive(int(m[1]))]
    except OSError:
        return
    for e in stale:
        try:
            if e.is_dir(follow_symlinks=False):
                import shutil

                shutil.rmtree(e.path, ignore_errors=True)
            else:
                os.unlink(e.path)
        except OSError:
            pass


def temp_name(name: str) -> str:
    """The prefix of a temporary name for ``name``: marks this program and this PID."""
    return f".{name[:80]}.{TEMP_TAG}-{os.getpid()}."


def make_temp_dir(folder: Path) -> Path:
    """A folder for this run's temporaries, removable by a later run once this PID is dead."""
    make_dirs(folder)
    remove_stale_temporaries(folder)
    import tempfile

    return Path(tempfile.mkdtemp(dir=folder, prefix=temp_name("run"), suffix=".tmp"))


def is_special(path: Path) -> bool:
    """``path`` is (or links to) a device, a pipe or a socket."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return False
    return not (stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode))


@contextmanager
def text_into(raw: IO[bytes], name: str) -> Iterator[TextIO]:
    """UTF-8 text with LF newlines into ``raw``, compressed as ``name`` says (.gz, .zst).

    On success the text is flushed and the compressed stream finished; on failure the
    streams are left as they are (to the caller). ``raw`` is never closed here.
    """
    packed = compression.writer(raw, name)
    f = io.TextIOWrapper(packed, encoding="utf-8", newline="\n")
    yield f
    f.flush()
    if packed is not raw:
        f.detach()
        packed.close()  # finishes the compressed stream, leaves raw open


@contextmanager
def atomic_writer(target: Path, mode: int | None = None) -> Iterator[TextIO]:
    """Write to a temporary file beside ``target`` and rename it into place on success.

    The file gets ``mode`` (default: what a new file gets under the umask); on any
    failure, including a full disk or a signal turned into an exception, the
    temporary file is removed and ``target`` is left as it was. A target that is not a
    regular file (``/dev/null``, ``/dev/stderr``, a named pipe) is written to, never
    replaced: renaming over it would put a file where a device was.
    """
    if is_special(target):
        with open(target, "wb") as raw, text_into(raw, target.name) as f:
            yield f
        return
    make_dirs(target.parent)
    remove_stale_temporaries(target.parent)
    import tempfile  # here, not at start-up (~5 ms): a filter to stdout writes no file

    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=temp_name(target.name), suffix=".tmp")
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o666 & ~umask() if mode is None else mode)
        binary = os.fdopen(fd, "wb")
    except BaseException:
        os.close(fd)
        Path(tmp).unlink(missing_ok=True)
        raise
    packed: IO[bytes] = binary
    try:
        with text_into(binary, target.name) as f:
            packed = f.buffer  # closed on failure below, before the file
            yield f
        binary.flush()
        os.fsync(binary.fileno())
        binary.close()
        os.replace(tmp, target)
    except BaseException:
        for stream in (packed, binary):  # what is still buffered may not be writable
            with suppress(OSError, ValueError):
                stream.close()
        Path(tmp).unlink(missing_ok=True)
        raise
