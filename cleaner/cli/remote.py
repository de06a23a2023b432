"""One input cleaned away from the run (in a ``-j`` worker process or a Ray actor), and its
result merged back into the run in input order: counts, reports, messages, records."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from cleaner.cli.clean_cmd import ExplainSink, Job, Options, Run
from cleaner.core.pipeline import Pipeline
from cleaner.core.records import Stats
from cleaner.io.document import FileReport


@dataclass
class JobResult:
    stats: Stats
    reports: list[FileReport]
    messages: list[str]
    failed: int
    records: str | None = None  # the job's change records, inline (Ray) ...
    records_path: Path | None = None  # ... or in a temporary file (worker processes)
    records_error: OSError | None = None


def clean_job(opts: Options, pipeline: Pipeline, job: Job, records: TextIO | None) -> JobResult:
    """Clean ``job`` into its target with ``pipeline``; its change records go to ``records``."""
    pipeline.stats = Stats()
    sink = ExplainSink(records) if records is not None and opts.explain is not None else None
    runner = Run(opts, pipeline, sink)
    runner.messages = []
    runner.one(job, None)
    error = sink.error if sink else None
    return JobResult(pipeline.stats, runner.reports, runner.messages, runner.failed,
                     records_error=error)  # fmt: skip


def merge(runner: Run, result: JobResult) -> None:
    """Add one job's result to the run, as if the run had cleaned it itself."""
    runner.pipeline.stats.merge(result.stats)
    runner.reports += result.reports
    runner.failed += result.failed
    for m in result.messages:
        runner.warn(m)
    sink = runner.explain
    if sink is not None and result.records_error is not None and sink.error is None:
        sink.error = result.records_error
    if result.records is not None and sink is not None:
        sink.write(result.records)
    if result.records_path is not None:
        if sink is not None:
            with open(result.records_path, encoding="utf-8") as f:
                shutil.copyfileobj(f, sink, 1 << 20)
        result.records_path.unlink(missing_ok=True)
