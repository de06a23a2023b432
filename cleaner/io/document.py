"""Clean one document from a byte stream into a text stream, reporting what happened."""

from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO, TextIO

from cleaner.core.pipeline import ChangeSink, Pipeline
from cleaner.io.decode import NotText, open_text


@dataclass
class FileReport:
    path: str
    chars_in: int = 0
    chars_out: int = 0
    encoding: str = ""
    how: str = ""
    replaced: int = 0  # undecodable bytes replaced with U+FFFD
    error: str = ""

    def warnings(self) -> list[str]:
        out = []
        if self.how in ("detected", "bom") and self.encoding not in ("utf-8", "utf_8", "utf-8-sig"):
            out.append(f"{self.path}: read as {self.encoding} ({self.how}); written as UTF-8")
        if self.replaced:
            out.append(
                f"{self.path}: {self.replaced} undecodable byte(s) replaced by U+FFFD "
                "(use --encoding to name the right codec)"
            )
        return out


def clean_stream(
    pipeline: Pipeline,
    raw: BinaryIO,
    out: TextIO,
    path: str,
    sink: ChangeSink | None = None,
    encoding: str | None = None,
    flush: bool = False,
) -> FileReport:
    """Decode ``raw``, clean it block by block into ``out``. Binary input raises NotText."""
    report = FileReport(path)
    text, info = open_text(raw, encoding, newline="")
    report.encoding, report.how = info.encoding, info.how
    read_chars = 0

    def read(n: int) -> str:
        nonlocal read_chars
        chunk = text.read(n)
        read_chars += len(chunk)
        if "\x00" in chunk:
            raise NotText("NUL characters in the decoded text (binary data?)")
        return chunk

    for piece in pipeline.clean_stream(read, path, sink):
        out.write(piece)
        report.chars_out += len(piece)
        if flush:
            out.flush()
    report.chars_in = read_chars
    report.replaced = info.replaced_count
    return report
