"""`cleaner clean -j N` on a large corpus file: its records cut into pieces for the workers.

A JSON Lines file (plain, ``.gz``, ``.zst``) or a Parquet file of ``SPLIT_BYTES`` or more
on disk, in a run with more than one worker, is cut into runs of whole records; each
run (a piece) is cleaned by a worker, and the pieces are taken back in order: their
output appended to the file's atomic writer (the output appears whole or not at all),
their change records to the explain file, their counts to the statistics (merged in
order, so each rule's example is the earliest, as in a serial run). The output, the
records and the counts are those of ``-j 1``:

* JSON Lines: the run reads and decodes the file itself, so the encoding is decided
  once for the whole stream as in a serial run (a BOM, the legacy codec chosen at the
  first lines that are not UTF-8, a mixed file reported once), and hands each worker a
  run of whole lines of about ``PIECE_CHARS`` characters with the number of its first
  line: records and problems are named ``FILE:LINE`` as in a serial run.
* Parquet: a piece is a run of whole row groups of about ``PIECE_BYTES`` (uncompressed),
  read by the worker from the file, its rows named ``FILE:ROW`` from the piece's first
  row; the worker saves the cleaned row groups as Arrow IPC, and the run writes them in
  order with the input's schema and compression, row group by row group, as a serial
  run does.

At most ``PIECES_AHEAD`` pieces per worker are in flight, so memory holds those, never
the file. A piece's output and records are temporary files in the run's temporary
folder (cleaner.cli.parallel), removed once merged, when the piece fails, and with the
folder on every exit path; a piece that fails fails its file, whose partial output the
atomic writer removes, and the pieces still queued for it are cancelled. A file that
fails partway (undecodable bytes past its start) is not written either way; its counts
are those of the pieces already taken back, where a serial run counts the documents
cleaned before the failure (the statistics of a file that failed are partial in both).

Text files are never split. A text file is one document, and rules keep state across the
whole of it: repeated_paragraph drops a paragraph seen anywhere earlier in the document,
running_head drops a line shape (``人民日报 2023年5月8日``) once it has stood alone
``repeat`` (3) times, related_links and separator act at the document's end (``is_last``)
and every block sees a few lines of its neighbours. Cut in two, a document whose long
paragraph comes back in the second half keeps both copies, and a running head seen twice
in each half is never removed; the change records' offsets, ``documents`` and each rule's
``docs`` count would differ too. A split cannot be made identical to a serial run there.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, TextIO

from cleaner.cli.clean_cmd import ExplainSink, Failed, Job, Options, Run
from cleaner.cli.corpus import parquet_done
from cleaner.cli.remote import JobResult, merge
from cleaner.core.pipeline import Pipeline
from cleaner.core.records import Stats
from cleaner.io.decode import open_text
from cleaner.io.document import FileReport
from cleaner.io.files import open_regular
from cleaner.io.jsonl import JsonlReport, clean_jsonl, is_jsonl, lines_of, runs_of_lines
from cleaner.io.parquet import (
    ParquetReport,
    clean_row_groups,
    is_parquet,
    open_source,
    runs_of_groups,
    save_tables,
    write_saved,
)

# A core cleans 0.1 to 0.6 MB/s, as damaged as the text is, and damage comes in stretches:
# pieces are small, so that no worker is left waiting while another ends a costly one.
SPLIT_BYTES = 2 << 20  # a JSON Lines or Parquet file this large (on disk) is split
PIECE_CHARS = 1 << 18  # JSON Lines: characters of whole lines per piece (~0.75 MB of Chinese)
PIECE_BYTES = 1 << 20  # Parquet: uncompressed bytes of whole row groups per piece
PIECES_AHEAD = 2  # pieces handed out per worker before the first is taken back
COPY_CHARS = 1 << 20  # a piece's cleaned lines are appended to the output this much at a time


def mark_large(opts: Options, jobs: list[Job], size: Callable[[Path | None], int]) -> list[Job]:
    """``jobs`` with each large JSON Lines or Parquet file written to a file marked split."""
    return [replace(job, split=True) if _large(opts, job, size) else job for job in jobs]


def _large(opts: Options, job: Job, size: Callable[[Path | None], int]) -> bool:
    corpus = opts.jsonl or is_jsonl(job.label) or is_parquet(job.label)
    if not corpus or job.src is None or job.target is None or job.problem:
        return False
    return size(job.src) >= SPLIT_BYTES


@dataclass(frozen=True)
class JsonlPiece:
    label: str
    first_line: int  # number of its first line in the file
    text: str  # whole lines, decoded


@dataclass(frozen=True)
class ParquetPiece:
    label: str
    src: Path
    groups: range  # the row groups it holds
    first_row: int  # number of its first row in the file


Piece = JsonlPiece | ParquetPiece


@dataclass
class PieceResult:
    counts: JobResult  # counts and change records, merged as a whole file's are
    output: Path  # the cleaned lines, or the cleaned row groups (Arrow IPC)
    report: JsonlReport | ParquetReport


Submit = Callable[[Piece], Future[PieceResult]]


def clean_piece(opts: Options, pipeline: Pipeline, piece: Piece, folder: Path) -> PieceResult:
    """In a worker: clean ``piece`` into a temporary file in ``folder`` (its change records
    into another); both are removed if it fails."""
    pipeline.stats = Stats()
    output = _temporary(folder)
    records = _temporary(folder) if opts.explain is not None else None
    try:
        with ExitStack() as stack:
            sink = None
            if records is not None:
                sink = ExplainSink(stack.enter_context(open(records, "w", encoding="utf-8")))
            report: JsonlReport | ParquetReport
            if isinstance(piece, JsonlPiece):
                with _open_output(output, "w") as out:
                    report = clean_jsonl(
                        pipeline, lines_of(piece.text), out, piece.label, opts.text_field, sink,
                        id_field=opts.id_field, first_line=piece.first_line,
                    )  # fmt: skip
            else:
                report = ParquetReport()
                with open_regular(piece.src) as raw:
                    source = open_source(raw, opts.text_field, opts.id_field if sink else None)
                    groups = clean_row_groups(pipeline, source, piece.groups, piece.label,
                                              sink, report, piece.first_row)  # fmt: skip
                    save_tables(groups, source.schema, output)
    except BaseException:
        for path in (output, records):
            if path is not None:
                path.unlink(missing_ok=True)
        raise
    counts = JobResult(pipeline.stats, [], [], 0, records_path=records,
                       records_error=sink.error if sink else None)  # fmt: skip
    return PieceResult(counts, output, report)


def _temporary(folder: Path) -> Path:
    fd, name = tempfile.mkstemp(dir=folder, suffix=".piece")
    os.close(fd)
    return Path(name)


def _open_output(path: Path, mode: Literal["r", "w"]) -> TextIO:
    """A piece's cleaned lines, written and read back as the text they are."""
    return open(path, mode, encoding="utf-8", errors="surrogatepass", newline="")


def clean_split(runner: Run, job: Job, submit: Submit) -> None:
    """Clean ``job`` in pieces handed to the workers by ``submit``, merged in order."""
    assert job.src is not None
    src = job.src

    def clean(raw: Any, out: TextIO, label: str, flush: bool) -> FileReport:
        if is_parquet(label):
            return _parquet(runner, src, raw, out, label, submit)
        return _jsonl(runner, raw, out, label, submit)

    runner.one(job, None, clean)


def _jsonl(runner: Run, raw: Any, out: TextIO, label: str, submit: Submit) -> FileReport:
    text, info = open_text(raw, runner.opts.encoding)
    report = FileReport(label, encoding=info.encoding, how=info.how)
    total = JsonlReport()

    def take(result: PieceResult) -> None:
        assert isinstance(result.report, JsonlReport)
        total.merge(result.report)
        with _open_output(result.output, "r") as f:
            shutil.copyfileobj(f, out, COPY_CHARS)

    with _InOrder(runner, submit, take) as pieces:
        line = 1
        for lines in runs_of_lines(text.read, PIECE_CHARS):
            pieces.add(JsonlPiece(label, line, lines))
            line += lines.count("\n")
        pieces.finish()
    report.take(info)
    runner.records_done(label, total)
    return report


def _parquet(
    runner: Run, src: Path, raw: Any, out: TextIO, label: str, submit: Submit
) -> FileReport:
    opts = runner.opts
    source = open_source(raw, opts.text_field, opts.id_field if runner.explain else None)
    total = ParquetReport()
    writer = source.writer(out.buffer)

    def take(result: PieceResult) -> None:
        assert isinstance(result.report, ParquetReport)
        total.merge(result.report)
        write_saved(writer, result.output, result.report.group_rows)

    try:
        with _InOrder(runner, submit, take) as pieces:
            for groups, first_row in runs_of_groups(source, PIECE_BYTES):
                pieces.add(ParquetPiece(label, src, groups, first_row))
            pieces.finish()
    finally:
        writer.close()  # the footer; ``out`` itself stays open
    return parquet_done(runner, label, total)


class _InOrder:
    """Pieces handed to the workers and taken back in the order they were given, at most
    ``PIECES_AHEAD`` per worker in flight; on leaving by an exception, the pieces still
    out are cancelled, and the files of those already running removed when they end."""

    def __init__(self, runner: Run, submit: Submit, take: Callable[[PieceResult], None]):
        self.runner = runner
        self.submit = submit
        self.take = take
        self.limit = PIECES_AHEAD * max(runner.opts.jobs, 1)
        self.pending: deque[Future[PieceResult]] = deque()

    def __enter__(self) -> _InOrder:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        for future in self.pending:
            future.cancel()
            future.add_done_callback(_discard)

    def add(self, piece: Piece) -> None:
        self.pending.append(self.submit(piece))
        if len(self.pending) > self.limit:
            self._take_first()

    def finish(self) -> None:
        while self.pending:
            self._take_first()

    def _take_first(self) -> None:
        try:
            result = self.pending[0].result()
        except BrokenProcessPool:
            raise Failed("a worker process died (out of memory?)") from None
        self.pending.popleft()
        try:
            merge(self.runner, result.counts)  # removes the records' file
            self.take(result)
        finally:
            result.output.unlink(missing_ok=True)


def _discard(future: Future[PieceResult]) -> None:
    """The files of a piece whose file was given up."""
    if future.cancelled() or future.exception() is not None:
        return
    result = future.result()
    for path in (result.output, result.counts.records_path):
        if path is not None:
            path.unlink(missing_ok=True)
