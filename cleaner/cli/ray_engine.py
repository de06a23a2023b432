"""`cleaner clean --engine ray [--address ADDR]`: the run's inputs as a Ray Data dataset,
one row per file, cleaned by a pool of actors (one warm pipeline each) with the same
code as a local run, so each output file is the local run's, byte for byte.

Files are the unit of work: an input is read and its output written where it lies, by
the actor that cleans it, so every node must see the input and output folders (shared
storage, or a bucket mounted as a folder). Counts, reports and change records come back
to this process and are merged in input order, as ``-j`` does with its workers.
"""

from __future__ import annotations

import io
import logging
import os
import pickle
from collections.abc import Callable
from typing import Any

from cleaner.cli.clean_cmd import Job, Options, Run, UsageError, build_pipeline
from cleaner.cli.remote import JobResult, clean_job, merge

INSTALL = "--engine ray needs Ray: pip install 'cleaner[ray]'"


class CleanFiles:
    """A Ray actor's callable: builds the pipeline once, then cleans one file per row."""

    def __init__(self, opts: Options) -> None:
        self.opts = opts
        self.pipeline = build_pipeline(opts)

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        import numpy as np

        results = []
        for blob in batch["job"]:
            job: Job = pickle.loads(blob)
            records = io.StringIO() if self.opts.explain is not None else None
            result = clean_job(self.opts, self.pipeline, job, records)
            result.records = records.getvalue() if records is not None else None
            results.append(pickle.dumps(result))
        column = np.empty(len(results), dtype=object)
        column[:] = results
        return {"index": batch["index"], "result": column}


def require_ray() -> Any:
    """Ray's module, or a usage error that says how to install it."""
    try:
        import ray
    except ImportError:
        raise UsageError(INSTALL) from None
    return ray


def connect(address: str | None, workers: int | None, quiet: bool) -> Any:
    """Ray, started locally (``workers`` CPUs, default all) or joined at ``address``."""
    ray = require_ray()
    if not ray.is_initialized():
        kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": not quiet}
        kwargs["logging_level"] = logging.WARNING
        if address is None and not os.environ.get("RAY_ADDRESS"):
            kwargs["num_cpus"] = workers
        try:
            ray.init(address=address, **kwargs)
        except ConnectionError as e:
            raise UsageError(f"--address {address}: no Ray cluster there ({e})") from None
    return ray


def run_ray(runner: Run, jobs: list[Job], tick: Callable[[], None], address: str | None) -> None:
    """Clean the jobs on Ray; problems found while walking are reported here, in order."""
    opts = runner.opts
    workers = opts.jobs or None  # default: every CPU of the cluster
    ray = connect(address, workers, opts.quiet)
    from ray.data import ActorPoolStrategy, DataContext

    context = DataContext.get_current()
    context.execution_options.preserve_order = True
    context.enable_progress_bars = False
    logging.getLogger("ray.data").setLevel(logging.ERROR)  # our progress line, not Ray's
    work = [(i, job) for i, job in enumerate(jobs) if not job.problem]
    rows = [{"index": i, "job": pickle.dumps(job)} for i, job in work]
    cpus = int(ray.cluster_resources().get("CPU", 1))
    actors = max(1, min(workers or cpus, cpus, len(rows)))
    dataset = ray.data.from_items(rows, override_num_blocks=len(rows) or 1).map_batches(
        CleanFiles,
        fn_constructor_args=(opts,),
        compute=ActorPoolStrategy(size=actors),
        batch_size=1,
        batch_format="numpy",
    )
    results = ((int(row["index"]), pickle.loads(row["result"])) for row in dataset.iter_rows())
    done: dict[int, JobResult] = {}
    for i, job in enumerate(jobs):
        if job.problem:
            runner.one(job, None)  # reported, never opened
        else:
            while i not in done:
                index, result = next(results)
                done[index] = result
            merge(runner, done.pop(i))
        tick()
