"""`cleaner clean` on corpus files other than text and JSON Lines: Parquet (by extension)."""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, Any

from cleaner.io.document import FileReport
from cleaner.io.parquet import ParquetReport, clean_parquet

if TYPE_CHECKING:
    from cleaner.cli.clean_cmd import Run


def clean_parquet_input(run: Run, raw: IO[bytes], out: Any, label: str) -> FileReport:
    """Clean one Parquet file into ``out`` (the binary stream under the atomic writer's
    text layer); counts go to the run's statistics as for JSON Lines."""
    opts = run.opts
    got = clean_parquet(
        run.pipeline, raw, out.buffer, label, opts.text_field, run.explain, opts.id_field
    )
    return parquet_done(run, label, got)


def parquet_done(run: Run, label: str, got: ParquetReport) -> FileReport:
    """A Parquet file cleaned: its counts into the run's statistics, its note, its report."""
    stats = run.pipeline.stats.files
    stats["records cleaned"] += got.cleaned
    if got.missing:
        stats["missing values passed through"] += got.missing
        run.warn(
            f"note: {label}: {got.missing} null value(s) in {run.opts.text_field!r} passed through"
        )
    return FileReport(label, chars_in=got.chars_in, chars_out=got.chars_out, encoding="utf-8")
