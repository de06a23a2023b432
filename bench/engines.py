"""Ray Data against `cleaner clean -j 2` on the same gzip JSON Lines corpus (2 CPUs), and
what one worker costs to start (building the pipeline, loading the models) and to hold.

The corpus is the seeds as records (id, text), repeated to --mb MB of UTF-8 text and
split into --shards .jsonl.gz files. Both engines clean every stage, to simplified.
`--engine ray` is the CLI on Ray (a local instance it starts, 2 actors), timed whole;
its output is compared with -j 2's. For the Ray Data API, Ray's time is the dataset's
run alone (reading, cleaning, writing), with the local instance already started (its
start is shown apart). Skipped when Ray is not installed
(`pip install 'cleaner[ray]'`). Run from the repository root:
    .venv/bin/python bench/engines.py [--mb 5] [--shards 4]
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLEANER = Path(sys.executable).parent / "cleaner"

WORKER_START = """
import time, psutil
started = time.perf_counter()
import cleaner
c = cleaner.Cleaner(to="simplified").warm_up()
built = time.perf_counter() - started
c.clean("預熱,,一下")
print(built, psutil.Process().memory_info().rss)
"""


def corpus(folder: Path, mb: float, shards: int) -> int:
    """Write the shards; return the UTF-8 size of their text."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    size, n = 0, 0
    with ExitStack() as stack:
        files = [
            stack.enter_context(
                gzip.open(folder / f"part-{k:03d}.jsonl.gz", "wt", encoding="utf-8")
            )
            for k in range(shards)
        ]
        while size < mb * 1e6:
            text = seeds[n % len(seeds)]
            record = {"id": f"doc-{n}", "text": f"{n}\n{text}"}
            files[n % shards].write(json.dumps(record, ensure_ascii=False) + "\n")
            size += len(record["text"].encode("utf-8"))
            n += 1
    return size


def worker_start() -> tuple[float, float]:
    done = subprocess.run([sys.executable, "-c", WORKER_START], capture_output=True, text=True)
    seconds, rss = done.stdout.split()
    return float(seconds), int(rss) / 1e6


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--shards", type=int, default=4)
    args = ap.parse_args()
    seconds, rss = worker_start()
    print(
        f"one worker: pipeline built and models loaded in {seconds:.2f}s, {rss:.0f} MB resident",
        flush=True,
    )
    if importlib.util.find_spec("ray") is None:
        print("ray is not installed (pip install 'cleaner[ray]'): engine comparison skipped")
        return
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        size = corpus(src, args.mb, args.shards) / 1e6
        started = time.perf_counter()
        cmd = [str(CLEANER), "clean", str(src), "-o", f"{tmp}/cli", "--jsonl", "-j", "2", "-q"]
        subprocess.run([*cmd, "--to", "simplified"], check=True)
        local = time.perf_counter() - started
        print(f"cleaner clean -j 2: {size:.1f} MB in {local:.1f}s, {size / local:.2f} MB/s")

        started = time.perf_counter()
        ray_cmd = [*cmd[:4], f"{tmp}/cli-ray", *cmd[5:], "--engine", "ray"]
        subprocess.run([*ray_cmd, "--to", "simplified"], check=True)
        on_ray = time.perf_counter() - started
        same = all(
            (Path(tmp) / "cli" / p.name).read_bytes() == p.read_bytes()
            for p in (Path(tmp) / "cli-ray").iterdir()
        )
        print(
            f"cleaner clean -j 2 --engine ray: {size:.1f} MB in {on_ray:.1f}s (Ray's start "
            f"included), {size / on_ray:.2f} MB/s, x{local / on_ray:.2f} the speed of -j 2; "
            f"output {'identical' if same else 'DIFFERENT'}"
        )

        import ray

        from cleaner import Cleaner
        from cleaner.integrations.ray import clean_dataset

        started = time.perf_counter()
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
        print(f"ray.init(num_cpus=2): {time.perf_counter() - started:.1f}s")
        started = time.perf_counter()
        ds = ray.data.read_json(str(src))
        # the pool grows to 2 actors; starting with both would leave no CPU to read and write
        cleaned, tally = clean_dataset(ds, Cleaner(to="simplified"), actors=(1, 2))
        cleaned.write_json(f"{tmp}/ray")
        remote = time.perf_counter() - started
        docs = tally.result().documents
        ray.shutdown()
        print(
            f"ray data, 2 actors: {size:.1f} MB in {remote:.1f}s, {size / remote:.2f} MB/s "
            f"({docs} documents; x{local / remote:.2f} the speed of -j 2)"
        )


if __name__ == "__main__":
    main()
