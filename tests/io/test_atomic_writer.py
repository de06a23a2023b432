"""atomic_writer: UTF-8 text compressed as the target's name says, into a regular file
(through a temporary) or into a FIFO (written to, never replaced)."""

from __future__ import annotations

import gzip
import os
import stat
import threading
from pathlib import Path

import pytest
import zstandard

from cleaner.io.files import atomic_writer

TEXT = "後面的頭髮\n很長，\r\n"  # \r\n stays as written; \n is not translated


def _unpack(name: str, data: bytes) -> str:
    """The text of ``data``; a compressed stream must be finished (gzip checks that)."""
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    elif name.endswith(".zst"):
        z = zstandard.ZstdDecompressor().decompressobj()
        data = z.decompress(data)
        assert z.eof, "the zstd frame is not finished"
    return data.decode("utf-8")


@pytest.mark.parametrize("name", ["out.txt", "out.txt.gz", "out.jsonl.zst"])
def test_a_regular_file_is_written_compressed_as_named(tmp_path: Path, name: str) -> None:
    target = tmp_path / "sub" / name
    with atomic_writer(target) as f:
        f.write(TEXT)
    assert _unpack(name, target.read_bytes()) == TEXT
    assert os.listdir(target.parent) == [name]  # no temporary left


@pytest.mark.parametrize("name", ["pipe.txt", "pipe.txt.gz", "pipe.jsonl.zst"])
def test_a_fifo_gets_the_same_bytes_and_stays_a_fifo(tmp_path: Path, name: str) -> None:
    fifo = tmp_path / name
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    with atomic_writer(fifo) as f:
        f.write(TEXT)
    reader.join(30)
    assert got and _unpack(name, got[0]) == TEXT
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_failure_leaves_the_target_as_it_was(tmp_path: Path) -> None:
    target = tmp_path / "out.txt.gz"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_writer(target) as f:
        f.write(TEXT)
        raise RuntimeError("stop")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["out.txt.gz"]
