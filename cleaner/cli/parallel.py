"""`cleaner clean -j N`: files in worker processes that never outlive the run.

A worker dies with its parent: on Linux the kernel sends it SIGTERM
(PR_SET_PDEATHSIG); everywhere a thread notices the parent is gone. A stopped
worker removes the temporary file it was writing. Change records of a worker, and the
pieces of a large file cut for the workers (cleaner.cli.split_file), go to a run-owned
temporary folder beside the explain file (else beside the first split file's output),
removed on every exit path; a later run removes one left by a killed run (its name
holds the dead PID).
Workers start warm: on Linux they are forked from the run once it has built its pipeline
and loaded the models, which they share copy-on-write.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from cleaner.cli.clean_cmd import (
    Interrupted,
    Job,
    Options,
    Run,
    build_pipeline,
    cores,
    interrupt,
)
from cleaner.cli.remote import JobResult, clean_job, merge
from cleaner.cli.split_file import Piece, PieceResult, clean_piece, clean_split
from cleaner.io.files import make_temp_dir

_worker: dict[str, Any] = {}
_warm: dict[str, Any] = {}  # the parent's pipeline, models loaded: forked workers inherit it
PR_SET_PDEATHSIG = 1


def _parent_gone(parent: int, ppid: int) -> bool:
    if os.getppid() != ppid:
        return True
    try:
        os.kill(parent, 0)
    except ProcessLookupError:
        return True
    except OSError:
        pass
    return False


def _die_with_parent(parent: int) -> None:
    ppid = os.getppid()
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        except (OSError, AttributeError):
            pass

    def watch() -> None:
        while not _parent_gone(parent, ppid):
            time.sleep(0.5)
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)  # time for the busy job to remove its temporary files
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()


def _on_stop(signum: int, frame: Any) -> None:
    """In a worker: a busy job is interrupted (its temporaries go), an idle worker exits.
    A second signal (the parent's death signal, the watchdog) while the first unwinds is
    let be, so that the unwinding still removes what the job was writing."""
    if _worker.get("stopping"):
        return
    if _worker.get("busy"):
        _worker["stopping"] = True
        interrupt(signum, frame)
        return
    os._exit(128 + signum)


def _worker_init(opts: Options, parent: int, temp_dir: Path | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides, and stops us by SIGTERM
    signal.signal(signal.SIGTERM, _on_stop)
    _die_with_parent(parent)
    pipeline = _warm.pop("pipeline", None) or build_pipeline(opts)
    _worker.update(opts=opts, pipeline=pipeline, temp_dir=temp_dir, busy=False)


@contextmanager
def _busy() -> Iterator[None]:
    """A job runs: a stop signal interrupts it, and once what it was writing is removed
    the worker exits."""
    _worker["busy"] = True
    try:
        yield
    except Interrupted as e:
        os._exit(128 + e.signum)  # stopped: what it was writing is removed, nothing more
    finally:
        _worker["busy"] = False


def _worker_clean(job: Job) -> JobResult:
    """Clean one file; its change records go to a temporary file in the run's folder."""
    opts, pipeline = _worker["opts"], _worker["pipeline"]
    explain_path = None
    with _busy():
        try:
            with ExitStack() as stack:
                records = None
                if opts.explain is not None:
                    fd, explain_path = tempfile.mkstemp(dir=_worker["temp_dir"], suffix=".jsonl")
                    records = stack.enter_context(open(fd, "w", encoding="utf-8"))
                result = clean_job(opts, pipeline, job, records)
        except BaseException:
            if explain_path:
                Path(explain_path).unlink(missing_ok=True)
            raise
    result.records_path = Path(explain_path) if explain_path else None
    return result


def _worker_piece(piece: Piece) -> PieceResult:
    """Clean one piece of a large file (cleaner.cli.split_file)."""
    with _busy():
        return clean_piece(_worker["opts"], _worker["pipeline"], piece, _worker["temp_dir"])


def _fork_context() -> multiprocessing.context.BaseContext | None:
    """Forked workers (Linux) share the parent's loaded models copy-on-write; elsewhere
    each worker builds its own pipeline."""
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return None


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop the workers now (SIGTERM: each removes what it was writing), then reap them."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for p in processes:
        p.terminate()
    deadline = time.monotonic() + 10
    for p in processes:
        p.join(max(0.0, deadline - time.monotonic()))
        if p.is_alive():
            p.kill()


def run_parallel(runner: Run, jobs: list[Job], tick: Callable[[], None]) -> None:
    """Files in worker processes; records and messages are merged in input order."""
    opts = runner.opts
    available = cores()
    if opts.jobs > available:
        runner.warn(
            f"warning: -j {opts.jobs}: more workers than the {available} CPU core(s) this run "
            "may use; the extra ones only wait their turn (and cost start-up time)"
        )
    temp_dir = _temp_dir(opts, jobs)
    context = _fork_context()
    if context is not None:  # workers start warm: the models are loaded once, here
        runner.pipeline.warm_up()
        _warm["pipeline"] = runner.pipeline
    pool = ProcessPoolExecutor(
        opts.jobs,
        mp_context=context,
        initializer=_worker_init,
        initargs=(opts, os.getpid(), temp_dir),
    )
    try:
        futures: dict[int, Future[JobResult]] = {
            i: pool.submit(_worker_clean, job)
            for i, job in enumerate(jobs)
            if not job.problem and not job.split
        }

        def submit(piece: Piece) -> Future[PieceResult]:
            return pool.submit(_worker_piece, piece)

        for i, job in enumerate(jobs):
            if job.split:
                clean_split(runner, job, submit)
            elif i in futures:
                _merge(runner, job, futures[i])
            else:
                runner.one(job, None)  # a problem found while walking: reported here
            tick()
    except BaseException:
        _stop(pool)
        raise
    else:
        pool.shutdown(wait=True)
    finally:
        _warm.clear()
        if temp_dir is not None:
            shutil.rmtree(temp_dir, ignore_errors=True)


def _temp_dir(opts: Options, jobs: list[Job]) -> Path | None:
    """The run's temporary folder, if it needs one: beside the explain file, else beside
    the output of the first file to be split."""
    if opts.explain is not None:
        return make_temp_dir(opts.explain.parent)
    split = next((job.target for job in jobs if job.split), None)
    return make_temp_dir(split.parent) if split is not None else None


def _merge(runner: Run, job: Job, future: Future[JobResult]) -> None:
    try:
        result = future.result()
    except BrokenProcessPool:
        runner.fail(job, "not cleaned: a worker process died (out of memory?)")
        return
    merge(runner, result)
