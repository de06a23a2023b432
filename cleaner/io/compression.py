"""Compressed files by name: ``.gz`` (gzip) and ``.zst`` (Zstandard), read and written
as streams, so that corpus shards (datatrove writes ``.jsonl.gz``) chain without unpacking.
"""

from __future__ import annotations

from typing import IO, Any, cast

SUFFIXES = (".gz", ".zst")


class MissingCodec(LookupError):
    """A compression whose Python package is not installed."""


def kind(name: str) -> str | None:
    """``"gz"``, ``"zst"`` or None, from a file name."""
    for suffix in SUFFIXES:
        if name.endswith(suffix):
            return suffix[1:]
    return None


def _zstandard() -> Any:
    try:
        import zstandard
    except ImportError as e:
        raise MissingCodec(
            "a .zst file needs the zstandard package: pip install 'cleaner[corpus]'"
        ) from e
    return zstandard


def reader(raw: IO[bytes], name: str) -> IO[bytes]:
    """The uncompressed bytes of ``raw`` (``raw`` itself for a plain file)."""
    k = kind(name)
    if k == "gz":
        import gzip  # here, not at start-up

        return cast(IO[bytes], gzip.GzipFile(fileobj=raw, mode="rb"))
    if k == "zst":
        zstd = _zstandard().ZstdDecompressor()
        return cast(IO[bytes], zstd.stream_reader(raw, read_across_frames=True))
    return raw


def writer(raw: IO[bytes], name: str) -> IO[bytes]:
    """A stream that compresses into ``raw`` as ``name`` says; closing it finishes the
    compressed stream but leaves ``raw`` open."""
    k = kind(name)
    if k == "gz":
        import gzip

        # mtime 0: the same text gives the same bytes
        return cast(IO[bytes], gzip.GzipFile(fileobj=raw, mode="wb", mtime=0))
    if k == "zst":
        return cast(IO[bytes], _zstandard().ZstdCompressor().stream_writer(raw, closefd=False))
    return raw
