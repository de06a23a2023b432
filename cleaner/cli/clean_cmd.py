"""`cleaner clean`: trees into a folder, files to stdout, or stdin to stdout."""

from __future__ import annotations

import errno
import io
import json
import os
import signal
import stat
import sys
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any, TextIO

from cleaner.api import pipeline_overrides
from cleaner.cli import progress
from cleaner.cli.corpus import clean_parquet_input
from cleaner.cli.resume import left_to_do
from cleaner.cli.summary import write_summary
from cleaner.core.pipeline import Pipeline
from cleaner.core.records import Change
from cleaner.core.rulefile import tomllib
from cleaner.io import compression
from cleaner.io.decode import NotText, open_text
from cleaner.io.document import FileReport, clean_stream
from cleaner.io.files import NotRegularFile, atomic_writer, open_regular, walk
from cleaner.io.jsonl import JsonlReport, clean_jsonl, escape_surrogates, is_jsonl
from cleaner.io.live import stdin_input
from cleaner.io.parquet import is_parquet


class UsageError(Exception):
    """Options that do not fit together."""


class Failed(Exception):
    """An input that could not be cleaned, for a reason the message gives."""


class StdoutClosed(Exception):
    """The reader of stdout has gone (``cleaner clean seeds | head``): the run stops
    quietly, as other Unix tools do when SIGPIPE ends them."""


@dataclass
class Options:
    paths: list[str]
    output: Path | None = None
    output_is_folder: bool = False  # -o was written as a folder (out/)
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
    id_field: str | None = None  # its value goes into each change record of the document
    skip_existing: bool = False
    jobs: int = 1  # 0: one per CPU core for a tree of AUTO_JOBS_BYTES or more, else 1
    engine: str = "local"  # or "ray": the files cleaned by Ray actors
    address: str | None = None  # with engine "ray": the cluster to join


def parse_settings(settings: list[str]) -> dict[str, Any]:
    """``stage.rule.key=value`` (value in TOML syntax, bare words as strings)."""
    out: dict[str, Any] = {}
    for item in settings:
        name, sep, raw = item.partition("=")
        if not sep or len(name.strip().split(".")) != 3:
            raise UsageError(f"--set {item!r}: write stage.rule.key=value")
        try:
            value = tomllib.loads(f"v = {raw}")["v"]
        except tomllib.TOMLDecodeError:
            value = raw
        out[name.strip()] = value
    return out


def build_pipeline(opts: Options) -> Pipeline:
    settings = parse_settings(opts.settings)
    overrides = pipeline_overrides(opts.to, opts.config, settings, opts.explain is not None)
    if opts.rules is not None and not opts.rules.is_dir():
        raise UsageError(f"--rules {opts.rules}: not a folder")
    try:
        return Pipeline(rules_dir=opts.rules, stages=opts.stages, overrides=overrides)
    except ValueError as e:
        raise UsageError(str(e)) from e


WRITE_ERRNOS = {errno.ENOSPC, errno.EFBIG, errno.EPIPE, getattr(errno, "EDQUOT", -1)}


@dataclass(frozen=True)
class Job:
    """One input: ``src`` None is stdin; ``target`` None writes to stdout."""

    src: Path | None
    label: str
    target: Path | None = None
    problem: str = ""  # found but not cleanable: reported, never opened
    fails: bool = True
    split: bool = False  # large JSON Lines or Parquet: cut into pieces if the run has workers


class ExplainSink:
    """Change records as JSON Lines; a failed write is kept (not raised) and ends the file."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.error: OSError | None = None

    def write(self, text: str) -> None:
        if self.error is not None:
            return
        try:
            self.out.write(text)
        except OSError as e:
            self.error = e
            if e.errno == errno.EPIPE:
                _drop_stdout()
                raise StdoutClosed from None

    def __call__(self, change: Change) -> None:
        self.write(escape_surrogates(change.to_json()) + "\n")


class TrackedOutput(io.TextIOWrapper):
    """Stdout as UTF-8; remembers a failed write so that it is told apart from a read error."""

    error: OSError | None = None

    def write(self, s: str) -> int:
        try:
            return super().write(s)
        except OSError as e:
            self.error = e
            raise

    def flush(self) -> None:
        try:
            super().flush()
        except OSError as e:
            self.error = e
            raise


def _reason(e: OSError) -> str:
    return e.strerror or str(e)


class Run:
    """One invocation: the pipeline, the explain sink, counts and messages."""

    def __init__(self, opts: Options, pipeline: Pipeline, explain: ExplainSink | None) -> None:
        self.opts = opts
        self.pipeline = pipeline
        self.explain = explain
        self.failed = 0
        self.reports: list[FileReport] = []
        self.messages: list[str] | None = None  # collected instead of printed (workers)
        self.progress: progress.Progress | None = None

    def warn(self, message: str) -> None:
        if self.messages is not None:
            self.messages.append(message)
        else:
            print(message, file=sys.stderr)

    def fail(self, job: Job, message: str, kind: str = "failed") -> None:
        self.failed += 1
        self.pipeline.stats.files[kind] += 1
        self.warn(f"error: {job.label}: {message}")

    def one(self, job: Job, out: TextIO | None, clean: CleanInput | None = None) -> None:
        """Clean ``job`` into ``out`` or atomically into its target with ``clean`` (default
        ``self.clean``); report what went wrong."""
        if job.problem:
            if job.fails:
                self.fail(job, job.problem, "skipped")
            else:
                self.warn(f"note: {job.label}: {job.problem}")
            return
        if isinstance(out, TrackedOutput) and out.error is not None:
            self.fail(job, f"not written to stdout: {_reason(out.error)} (earlier)")
            return
        try:
            with ExitStack() as stack:
                raw: Any = stack.enter_context(open_regular(job.src)) if job.src else stdin_input()
                if job.target is not None:
                    keep = self.opts.in_place  # --in-place keeps the input's mode
                    mode = stat.S_IMODE(os.fstat(raw.fileno()).st_mode) if keep else None
                    out = stack.enter_context(atomic_writer(job.target, mode))
                if job.src is not None:
                    if self.progress is not None:
                        self.progress.reading = raw.fileno()
                    raw = stack.enter_context(compression.reader(raw, job.src.name))
                assert out is not None
                report = (clean or self.clean)(raw, out, job.label, job.target is None)
        except Failed as e:
            self.fail(job, f"not cleaned: {e}")
            return
        except NotText as e:
            self.fail(job, f"not cleaned: {e}", "skipped")
            return
        except NotRegularFile as e:
            self.fail(job, str(e), "skipped")
            return
        except OSError as e:
            if isinstance(out, TrackedOutput) and out.error is e:
                if e.errno == errno.EPIPE:
                    _drop_stdout()
                    raise StdoutClosed from None
                self.fail(job, f"not written to stdout: {_reason(e)}")
                _drop_stdout()
            elif e.errno in WRITE_ERRNOS:
                self.fail(job, f"not written to {job.target or 'stdout'}: {_reason(e)}")
            else:
                self.fail(job, str(e))
            return
        except LookupError as e:
            self.fail(job, str(e))
            return
        self.pipeline.stats.files["cleaned"] += 1
        if report.replaced:
            self.pipeline.stats.files["with undecodable bytes"] += 1
        self.reports.append(report)
        for w in report.warnings():
            self.warn(f"warning: {w}")

    def clean(self, raw: Any, out: TextIO, label: str, flush: bool) -> FileReport:
        if is_parquet(label):
            return clean_parquet_input(self, raw, out, label)
        if not (self.opts.jsonl or is_jsonl(label)):
            return clean_stream(
                self.pipeline, raw, out, label, self.explain, self.opts.encoding, flush=flush
            )
        text, info = open_text(raw, self.opts.encoding)
        report = FileReport(label, encoding=info.encoding, how=info.how)
        got = clean_jsonl(
            self.pipeline, text, out, label, self.opts.text_field, self.explain, flush=flush,
            id_field=self.opts.id_field,
        )  # fmt: skip
        report.take(info)
        self.records_done(label, got)
        return report

    def records_done(self, label: str, got: JsonlReport) -> None:
        """A JSON Lines file cleaned: its counts into the statistics, its problems told."""
        stats = self.pipeline.stats.files
        stats["records cleaned"] += got.cleaned
        stats["records passed through"] += got.passed_through
        for problem in got.problems:
            self.warn(f"warning: {problem}")
        if got.passed_through > len(got.problems):
            self.warn(f"warning: {label}: {got.passed_through} record(s) passed through in all")


CleanInput = Callable[[Any, TextIO, str, bool], FileReport]  # (raw, out, label, flush)


def _drop_stdout() -> None:
    """After a failed write to stdout, point it at the null device: what is still
    buffered cannot be written, and must not fail again at exit."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):
        pass


def _same_file(a: Path | None, b: Path | None) -> bool:
    try:
        return a is not None and b is not None and os.path.samefile(a, b)
    except OSError:
        return False


def _is_file_target(opts: Options) -> bool:
    """``-o`` names a file: it is not an existing folder, nor written as one (``out/``)."""
    return opts.output is not None and not opts.output.is_dir() and not opts.output_is_folder


def _jobs(opts: Options) -> list[Job]:
    """Every input in order, with its target; problems found while walking included."""
    paths = opts.paths or ["-"]
    if paths == ["-"]:
        if opts.in_place:
            raise UsageError("stdin is cleaned to stdout (or to -o FILE); --in-place needs paths")
        if opts.output is not None and not _is_file_target(opts):
            raise UsageError(f"-o {opts.output}: a folder; stdin is cleaned to -o FILE or stdout")
        return [Job(None, "-", opts.output)]
    if "-" in paths:
        raise UsageError("'-' (stdin) cannot be mixed with paths")
    inputs = [Path(p) for p in paths]
    missing = [str(p) for p in inputs if not os.path.lexists(p)]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    if opts.in_place and opts.output:
        raise UsageError("--in-place and -o exclude each other")
    one_file = len(inputs) == 1 and inputs[0].is_file()
    if opts.output is not None and one_file and _is_file_target(opts):
        # one file in, one file out (as ftfy and opencc do)
        if _same_file(inputs[0], opts.output):
            raise UsageError(f"{inputs[0]}: output would overwrite the input; use --in-place")
        return [Job(inputs[0], str(inputs[0]), opts.output)]
    jobs: list[Job] = []
    by_target: dict[str, Job] = {}
    clashes: list[str] = []
    # with --jsonl, the default takes compressed shards too (.jsonl.gz, .jsonl.zst)
    pattern = "*.jsonl*" if opts.jsonl and opts.glob == "*.txt" else opts.glob
    for entry in walk(inputs, pattern, exclude=opts.output):
        src = entry.path
        if entry.problem:
            jobs.append(Job(src, str(src), None, entry.problem, entry.fails))
            continue
        target = src if opts.in_place else opts.output / entry.rel if opts.output else None
        job = Job(src, str(src), target)
        if target is not None:
            if os.path.realpath(target) == os.path.realpath(src) and not opts.in_place:
                raise UsageError(f"{src}: output would overwrite the input; use --in-place")
            key = os.path.normcase(os.path.abspath(target))
            if key in by_target:
                if not _same_file(by_target[key].src, src):  # else: one input named twice
                    clashes.append(f"{by_target[key].src} and {src} -> {target}")
                continue
            by_target[key] = job
        jobs.append(job)
    if clashes:
        more = f" (and {len(clashes) - 5} more)" if len(clashes) > 5 else ""
        raise UsageError(
            "inputs with the same name would overwrite each other's output; give their "
            f"common parent folder instead: {'; '.join(clashes[:5])}{more}"
        )
    if not jobs:
        raise UsageError(f"no files matching {pattern!r} under {', '.join(paths)}")
    return jobs


class Interrupted(KeyboardInterrupt):
    """SIGINT, SIGTERM or SIGHUP, raised where the program is so that cleanup runs."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    def __str__(self) -> str:
        return signal.Signals(self.signum).name


def _raise_interrupted(signum: int, frame: Any) -> None:
    for s in _STOP_SIGNALS:
        signal.signal(s, signal.SIG_IGN)  # a second signal must not cut the cleanup short
    interrupt(signum, frame)


def interrupt(signum: int, frame: Any) -> None:
    """Raise Interrupted where the signal found the program, or, inside a finalizer
    (``__del__``, where Python prints an exception and drops it: a run went on to the
    end after a SIGTERM that came while regex freed a pattern), as soon as it is out."""
    if not _in_finalizer(frame) or not hasattr(signal, "setitimer"):
        raise Interrupted(signum)

    def again(_alarm: int, later: Any) -> None:
        interrupt(signum, later)

    signal.signal(signal.SIGALRM, again)
    signal.setitimer(signal.ITIMER_REAL, 0.01)


def _in_finalizer(frame: Any) -> bool:
    while frame is not None:
        if frame.f_code.co_name == "__del__":
            return True
        frame = frame.f_back
    return False


_STOP_SIGNALS = [signal.SIGINT, signal.SIGTERM] + (
    [signal.SIGHUP] if hasattr(signal, "SIGHUP") else []
)


def handle_stop_signals() -> None:
    """SIGTERM and SIGHUP end the run like Ctrl-C: temporary files are removed on the way."""
    for s in _STOP_SIGNALS:
        if signal.getsignal(s) is not signal.SIG_IGN:
            signal.signal(s, _raise_interrupted)


def _finish_explain(runner: Run, explain_file: Any, explain: ExplainSink) -> None:
    """Rename the explain file into place; if a write failed, remove it and say so."""
    error = explain.error
    try:
        if error is None:
            explain_file.__exit__(None, None, None)
        else:
            explain_file.__exit__(type(error), error, None)  # removes the temporary file
    except OSError as e:
        error = e
    if error is not None:
        runner.failed += 1
        runner.warn(f"error: --explain {runner.opts.explain}: not written: {_reason(error)}")


def _write_stats(runner: Run, path: Path, elapsed: float) -> None:
    data = runner.pipeline.stats.as_dict()
    data["seconds"] = round(elapsed, 3)
    try:
        with atomic_writer(path) as f:
            f.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    except OSError as e:
        runner.failed += 1
        runner.warn(f"error: --stats {path}: not written: {_reason(e)}")


def run(opts: Options) -> int:
    jobs = _jobs(opts)
    done = 0
    if opts.skip_existing:
        if opts.in_place:
            raise UsageError(
                "--skip-existing compares outputs with inputs: give -o, not --in-place"
            )
        jobs, done = left_to_do(jobs)
    if opts.engine == "ray" and any(job.target is None for job in jobs):
        raise UsageError("--engine ray writes files: give -o FOLDER (or --in-place)")
    if opts.address is not None and opts.engine != "ray":
        raise UsageError("--address is the Ray cluster of --engine ray")
    if opts.engine == "ray":
        from cleaner.cli.ray_engine import require_ray

        require_ray()
    pipeline = build_pipeline(opts)
    if done:
        pipeline.stats.files["skipped, output up to date"] += done
        if not opts.quiet:
            print(f"skipped {done} input(s) whose output is up to date (--skip-existing)",
                  file=sys.stderr)  # fmt: skip
    handle_stop_signals()
    started = time.perf_counter()
    to_stdout = opts.explain is not None and str(opts.explain) == "-"
    if to_stdout and any(job.target is None and not job.problem for job in jobs):
        raise UsageError("--explain - writes the records to stdout: give -o for the text")
    if any(job.target is None and is_parquet(job.label) for job in jobs):
        raise UsageError("a Parquet file is written to a file, not stdout: give -o")
    explain_file = atomic_writer(opts.explain) if opts.explain and not to_stdout else None
    try:
        explain = ExplainSink(explain_file.__enter__()) if explain_file is not None else None
    except OSError as e:
        raise UsageError(f"--explain {opts.explain}: cannot write: {e}") from e
    if to_stdout:
        explain = ExplainSink(
            TrackedOutput(sys.stdout.buffer, encoding="utf-8", newline="\n", line_buffering=True)
        )
    runner = Run(opts, pipeline, explain)
    try:
        _clean_all(runner, jobs)
    except BaseException as e:
        if explain_file is not None:
            explain_file.__exit__(type(e), e, e.__traceback__)  # removes the temporary file
        raise
    if explain_file is not None and explain is not None:
        _finish_explain(runner, explain_file, explain)
    elapsed = time.perf_counter() - started
    if opts.stats is not None:
        _write_stats(runner, opts.stats, elapsed)
    is_tree = any(job.target is not None for job in jobs)
    if is_tree and not opts.quiet:
        read = sum(progress.input_size(Path(r.path)) for r in runner.reports)
        write_summary(sys.stderr, pipeline.stats, pipeline.rule_order(),
                      len(runner.reports), read, elapsed, runner.opts.jobs)  # fmt: skip
    return 1 if runner.failed else 0


AUTO_JOBS_BYTES = 8 << 20  # below this a worker's start-up (~1 s) costs more than it saves


def cores() -> int:
    """CPU cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def worker_count(opts: Options, work: list[Job], size: Callable[[Path | None], int]) -> int:
    """Worker processes for these inputs: -j N, or by default one per core for a tree of
    files, or a split file, totalling AUTO_JOBS_BYTES or more (a worker costs a pipeline
    and its models). One input gets workers only if it is split (cleaner.cli.split_file)."""
    if any(j.target is None for j in work):
        return 1
    if opts.jobs:
        return opts.jobs if len(work) > 1 or any(j.split for j in work) else 1
    # a split file is many units of work: a piece per MB or so
    units = sum(max(1, size(j.src) >> 20) if j.split else 1 for j in work)
    if units < 2:
        return 1
    total = sum(size(j.src) for j in work)
    return min(cores(), units) if total >= AUTO_JOBS_BYTES else 1


def _clean_all(runner: Run, jobs: list[Job]) -> None:
    with ExitStack() as stack:
        stdout = TrackedOutput(
            sys.stdout.buffer, encoding="utf-8", newline="\n", write_through=True
        )
        stack.callback(stdout.detach)
        changes = runner.pipeline.stats.changes
        shown = progress.for_run(
            runner.opts.quiet, [j.src for j in jobs], lambda: sum(changes.values())
        )
        runner.progress = stack.enter_context(shown) if shown is not None else None

        def tick() -> None:
            if runner.progress is not None:
                runner.progress.file_done()

        size = cache(progress.input_size)  # each input is stat'ed once
        to_files = all(job.target is not None for job in jobs if not job.problem)
        if runner.opts.engine == "local" and runner.opts.jobs != 1 and to_files:
            from cleaner.cli.split_file import mark_large

            jobs = mark_large(runner.opts, jobs, size)
        work = [job for job in jobs if not job.problem]
        if runner.opts.engine == "ray":
            from cleaner.cli.ray_engine import run_ray

            run_ray(runner, jobs, tick, runner.opts.address)
        elif (workers := worker_count(runner.opts, work, size)) > 1:
            from cleaner.cli.parallel import run_parallel

            runner.opts = replace(runner.opts, jobs=workers)
            run_parallel(runner, jobs, tick)
        else:
            for job in jobs:
                runner.one(job, stdout if job.target is None else None)
                tick()
        try:
            stdout.flush()
        except OSError:
            _drop_stdout()
