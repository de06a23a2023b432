"""Clean one document from a byte stream into a text stream, reporting what happened."""

from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO, TextIO

from cleaner.core.pipeline import ChangeSink, Pipeline
from cleaner.io.decode import SAMPLE, Decoded, NotText, open_text, too_many_nuls
from cleaner.io.live import LiveInput


@dataclass
class FileReport:
    path: str
    chars_in: int = 0
    chars_out: int = 0
    encoding: str = ""
    how: str = ""
    replaced: int = 0  # undecodable bytes replaced with U+FFFD
    error: str = ""

    decoded: Decoded | None = None

    def take(self, info: Decoded) -> None:
        """What decoding found, once the stream is read to the end."""
        self.decoded = info
        self.encoding, self.how, self.replaced = info.encoding, info.how, info.replaced

    def warnings(self) -> list[str]:
        info = self.decoded or Decoded(self.encoding, self.how, self.replaced)
        return info.warnings(self.path)


def clean_stream(
    pipeline: Pipeline,
    raw: BinaryIO | LiveInput,
    out: TextIO,
    path: str,
    sink: ChangeSink | None = None,
    encoding: str | None = None,
    flush: bool = False,
) -> FileReport:
    """Decode ``raw``, clean it block by block into ``out``. Binary input raises NotText."""
    report = FileReport(path)
    text, info = open_text(raw, encoding, newline="")
    read_chars = nuls = 0

    def read(n: int) -> str:
        nonlocal read_chars, nuls
        chunk = text.read(n)
        read_chars += len(chunk)
        nuls += chunk.count("\x00")
        if too_many_nuls(nuls, max(read_chars, SAMPLE)):
            raise NotText("NUL characters in the decoded text (binary data?)")
        return chunk

    paused = (lambda: text.paused) if isinstance(raw, LiveInput) else None
    for piece in pipeline.clean_stream(read, path, sink, paused=paused):
        out.write(piece)
        report.chars_out += len(piece)
        if flush:
            out.flush()
    report.chars_in = read_chars
    report.take(info)
    return report
