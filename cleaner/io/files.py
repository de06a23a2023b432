"""Finding input files and writing output files atomically."""

from __future__ import annotations

import fnmatch
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO


def walk(
    inputs: list[Path], pattern: str, exclude: Path | None = None
) -> Iterator[tuple[Path, Path]]:
    """Yield (input file, path relative to the output root), sorted, mirroring trees.

    A file given by name keeps its name; a directory is searched recursively for
    names matching ``pattern``. ``exclude`` (the output folder) is never entered.
    """
    skip = exclude.resolve() if exclude else None
    for root in inputs:
        if root.is_file():
            yield root, Path(root.name)
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            here = Path(dirpath)
            dirnames[:] = sorted(
                d for d in dirnames if not d.startswith(".") and (here / d).resolve() != skip
            )
            for name in sorted(filenames):
                if fnmatch.fnmatch(name, pattern):
                    path = here / name
                    yield path, path.relative_to(root)


@contextmanager
def atomic_writer(target: Path) -> Iterator[TextIO]:
    """Write to a temporary file beside ``target`` and rename it into place on success."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
