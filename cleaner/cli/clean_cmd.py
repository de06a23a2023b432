"""`cleaner clean`: trees into a folder, files to stdout, or stdin to stdout."""

from __future__ import annotations

import io
import json
import shutil
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO, cast

from cleaner.api import convert_overrides
from cleaner.core.pipeline import Pipeline
from cleaner.core.records import Change, Stats
from cleaner.core.rulefile import tomllib
from cleaner.io.decode import NotText, open_text
from cleaner.io.document import FileReport, clean_stream
from cleaner.io.files import atomic_writer, walk
from cleaner.io.jsonl import clean_jsonl


class UsageError(Exception):
    """Options that do not fit together."""


@dataclass
class Options:
    paths: list[str]
    output: Path | None = None
    to: str | None = None
    config: str | None = None
    rules: Path | None = None
    stages: str | None = None
    explain: Path | None = None
    glob: str = "*.txt"
    encoding: str | None = None
    in_place: bool = False
    settings: list[str] = field(default_factory=list)
    stats: Path | None = None
    quiet: bool = False
    jsonl: bool = False
    text_field: str = "text"
    jobs: int = 1


def parse_settings(settings: list[str]) -> dict[str, dict[str, dict[str, Any]]]:
    """``stage.rule.key=value`` (value in TOML syntax, bare words as strings)."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for item in settings:
        name, sep, raw = item.partition("=")
        parts = name.strip().split(".")
        if not sep or len(parts) != 3:
            raise UsageError(f"--set {item!r}: write stage.rule.key=value")
        try:
            value = tomllib.loads(f"v = {raw}")["v"]
        except tomllib.TOMLDecodeError:
            value = raw
        stage, rule, key = parts
        out.setdefault(stage, {}).setdefault(rule, {})[key] = value
    return out


def build_pipeline(opts: Options) -> Pipeline:
    overrides = parse_settings(opts.settings)
    explain = opts.explain is not None
    for stage, rules in convert_overrides(opts.to, opts.config, explain).items():
        for rule, params in rules.items():
            given = overrides.setdefault(stage, {}).setdefault(rule, {})
            given.update({k: v for k, v in params.items() if k not in given})  # --set wins
    if opts.rules is not None and not opts.rules.is_dir():
        raise UsageError(f"--rules {opts.rules}: not a folder")
    try:
        return Pipeline(rules_dir=opts.rules, stages=opts.stages, overrides=overrides)
    except ValueError as e:
        raise UsageError(str(e)) from e


class Run:
    """One invocation: the pipeline, the explain file, counts and messages."""

    def __init__(self, opts: Options, pipeline: Pipeline, explain: TextIO | None) -> None:
        self.opts = opts
        self.pipeline = pipeline
        self.explain = explain
        self.failed = 0
        self.reports: list[FileReport] = []
        self.messages: list[str] | None = None  # collected instead of printed (workers)

    def sink(self) -> Any:
        if self.explain is None:
            return None
        out = self.explain

        def write(change: Change) -> None:
            out.write(change.to_json())
            out.write("\n")

        return write

    def warn(self, message: str) -> None:
        if self.messages is not None:
            self.messages.append(message)
        else:
            print(message, file=sys.stderr)

    def one(self, src: Path | None, label: str, out: TextIO | None, target: Path | None) -> None:
        """Clean ``src`` (stdin if None) into ``out`` or atomically into ``target``."""
        stats = self.pipeline.stats
        try:
            with ExitStack() as stack:
                raw = stack.enter_context(src.open("rb")) if src else sys.stdin.buffer
                if target is not None:
                    out = stack.enter_context(atomic_writer(target))
                assert out is not None
                if self.opts.jsonl:
                    report = self.jsonl(raw, out, label, flush=target is None)
                else:
                    report = clean_stream(
                        self.pipeline, raw, out, label, self.sink(), self.opts.encoding,
                        flush=target is None,
                    )  # fmt: skip
        except NotText as e:
            self.failed += 1
            stats.files["skipped"] += 1
            self.warn(f"error: {label}: not cleaned: {e}")
            return
        except (OSError, LookupError) as e:
            self.failed += 1
            stats.files["failed"] += 1
            self.warn(f"error: {label}: {e}")
            return
        stats.files["cleaned"] += 1
        if report.replaced:
            stats.files["with undecodable bytes"] += 1
        self.reports.append(report)
        for w in report.warnings():
            self.warn(f"warning: {w}")

    def jsonl(self, raw: Any, out: TextIO, label: str, flush: bool) -> FileReport:
        text, info = open_text(raw, self.opts.encoding)
        report = FileReport(label, encoding=info.encoding, how=info.how)
        got = clean_jsonl(
            self.pipeline, text, out, label, self.opts.text_field, self.sink(), flush=flush
        )
        report.take(info)
        stats = self.pipeline.stats.files
        stats["records cleaned"] += got.cleaned
        stats["records passed through"] += got.passed_through
        for problem in got.problems:
            self.warn(f"warning: {problem}")
        if got.passed_through > len(got.problems):
            self.warn(f"warning: {label}: {got.passed_through} record(s) passed through in all")
        return report


def _jobs(opts: Options) -> list[tuple[Path | None, str, Path | None]]:
    """(source, label, target) for every input; source None is stdin."""
    paths = opts.paths or ["-"]
    if paths == ["-"]:
        if opts.output or opts.in_place:
            raise UsageError("stdin is cleaned to stdout; -o and --in-place need paths")
        return [(None, "-", None)]
    if "-" in paths:
        raise UsageError("'-' (stdin) cannot be mixed with paths")
    inputs = [Path(p) for p in paths]
    missing = [str(p) for p in inputs if not p.exists()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    if opts.in_place and opts.output:
        raise UsageError("--in-place and -o exclude each other")
    jobs: list[tuple[Path | None, str, Path | None]] = []
    pattern = "*.jsonl" if opts.jsonl and opts.glob == "*.txt" else opts.glob
    for src, rel in walk(inputs, pattern, exclude=opts.output):
        if opts.in_place:
            target: Path | None = src
        elif opts.output:
            target = opts.output / rel
            if target.resolve() == src.resolve():
                raise UsageError(f"{src}: output would overwrite the input; use --in-place")
        else:
            target = None
        jobs.append((src, str(src), target))
    if not jobs:
        raise UsageError(f"no files matching {pattern!r} under {', '.join(paths)}")
    return jobs


_worker: dict[str, Any] = {}


def _worker_init(opts: Options) -> None:
    _worker["opts"] = opts
    _worker["pipeline"] = build_pipeline(opts)


def _worker_clean(job: tuple[Path | None, str, Path | None]) -> tuple[Any, ...]:
    """Clean one file in a worker process; changes go to a temporary JSONL file."""
    opts, pipeline = _worker["opts"], _worker["pipeline"]
    pipeline.stats = Stats()
    src, label, target = job
    with ExitStack() as stack:
        explain: TextIO | None = None
        explain_path = None
        if opts.explain is not None:
            tmp = stack.enter_context(
                tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".jsonl", delete=False)
            )
            explain, explain_path = cast(TextIO, tmp), tmp.name
        runner = Run(opts, pipeline, explain)
        runner.messages = []
        runner.one(src, label, None, target)
    return pipeline.stats, runner.reports, runner.messages, runner.failed, explain_path


def _run_parallel(runner: Run, jobs: list[tuple[Path | None, str, Path | None]], tick: Any) -> None:
    """Files in worker processes; records and messages are merged in input order."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(runner.opts.jobs, initializer=_worker_init,
                             initargs=(runner.opts,)) as pool:  # fmt: skip
        for stats, reports, messages, failed, explain_path in pool.map(_worker_clean, jobs):
            runner.pipeline.stats.merge(stats)
            runner.reports += reports
            runner.failed += failed
            for m in messages:
                runner.warn(m)
            if explain_path and runner.explain is not None:
                with open(explain_path, encoding="utf-8") as f:
                    shutil.copyfileobj(f, runner.explain)
                Path(explain_path).unlink()
            tick()


def _progress(quiet: bool, total: int) -> Any:
    if quiet or total < 2 or not sys.stderr.isatty():
        return None
    from rich.progress import Progress

    return Progress(transient=True, console=__import__("rich").console.Console(stderr=True))


def run(opts: Options) -> int:
    jobs = _jobs(opts)
    pipeline = build_pipeline(opts)
    started = time.perf_counter()
    with ExitStack() as stack:
        explain = None
        if opts.explain is not None:
            explain = stack.enter_context(atomic_writer(opts.explain))
        runner = Run(opts, pipeline, explain)
        stdout = io.TextIOWrapper(
            sys.stdout.buffer, encoding="utf-8", newline="\n", write_through=True
        )
        stack.callback(stdout.detach)
        progress = _progress(opts.quiet, len(jobs))
        task = None
        if progress is not None:
            stack.enter_context(progress)
            task = progress.add_task("cleaning", total=len(jobs))

        def tick() -> None:
            if progress is not None and task is not None:
                progress.advance(task)

        if opts.jobs > 1 and len(jobs) > 1 and all(t is not None for _, _, t in jobs):
            _run_parallel(runner, jobs, tick)
        else:
            for src, label, target in jobs:
                runner.one(src, label, stdout if target is None else None, target)
                tick()
        stdout.flush()
    elapsed = time.perf_counter() - started
    if opts.stats is not None:
        data = pipeline.stats.as_dict()
        data["seconds"] = round(elapsed, 3)
        opts.stats.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    is_tree = any(target is not None for _, _, target in jobs)
    if is_tree and not opts.quiet:
        chars = sum(r.chars_in for r in runner.reports)
        print(f"cleaned {len(runner.reports)} file(s), {chars:,} characters in {elapsed:.2f}s",
              file=sys.stderr)  # fmt: skip
        pipeline.stats.write_summary(sys.stderr, pipeline.rule_order())
    return 1 if runner.failed else 0
