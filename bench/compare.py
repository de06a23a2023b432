"""The whole pipeline beside OpenCC, ftfy and opencc-python-reimplemented (issue #12).

For each corpus of bench/corpora.py (web-damaged Traditional, OCR columns, clean
Simplified, clean Traditional, adversarial; ``--mb`` each, every paragraph unique):

* ``pipeline``: the real CLI, file in -> file out,
  ``cleaner clean IN -o OUT --to simplified --quiet``;
* ``encoding``, ``layout``, ``convert``: the CLI with one stage at a time
  (``--stages``), chained: each stage reads the file the stage before it wrote, as in
  the pipeline (the pipeline also runs a block's stages again while they still change
  it, so the three do not add up to it exactly);
* ``OpenCC t2s``: the official binding's bare conversion of the same bytes;
* ``ftfy``: ``ftfy.fix_text`` with cleaner's CJK-safe configuration;
* ``reimpl t2s``: opencc-python-reimplemented's conversion, in its own environment
  (scripts/reimpl-venv: it installs the same module name as the official binding).

Every run is a process of its own. MB/s is UTF-8 input megabytes per CPU second of
that process (user + system, from ``os.wait4``; the machine may be shared, CPU time
is steadier than wall time). For CLI runs the CPU time of a one-line run with the same
arguments (start-up: imports, rule files) is taken off, so that the rate is the
throughput; the start-up is its own row. Baselines time their conversion loop
themselves. Peak RSS is the process's maximum resident set. A CLI run still going
after ``--timeout`` CPU seconds (or ten times that in wall time) is stopped: the rate
is then that of the blocks it had written (its output's temporary file), marked ``~``,
or, when not one block was done, an upper bound, marked ``<``; a baseline stops after
``--cap`` CPU seconds the same way. Ratios are the issue's targets, from figures of
this run only; each is marked met or not met.

    .venv/bin/python bench/compare.py [--mb 20] [--kinds web,column,...] [--profile]

``--profile`` then runs the pipeline on the first ``--profile-mb`` of the slowest
corpus under cProfile and prints the top 15 functions by cumulative time.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import pstats
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
CLEANER = Path(sys.executable).with_name("cleaner")
BASELINE = HERE / "_baseline.py"
KINDS = ["web", "column", "simplified", "traditional", "adversarial"]  # as in corpora.py
STARTUP_INPUT = "後面的頭髮\n"
BLOCK_CHARS = 256 * 1024  # the pipeline's block size, about
MIN_CPU = 0.05  # CPU seconds: below this a CLI run's net time is start-up noise
# issue #12: whole pipeline / bare OpenCC t2s, at most
OPENCC_TARGET = {"web": 8.0, "column": 5.0, "simplified": 3.0, "traditional": 3.0}
FTFY_TARGET = 1.5  # pipeline at least this much faster than ftfy.fix_text
REIMPL_TARGET = 10.0  # pipeline at least this much faster than the reimplementation
MIN_RATE = 1.0  # MB/s per core, every input shape
STARTUP_TARGET = 0.25  # seconds of wall time
RSS_TARGET = 250.0  # MB, cleaning 1 GB (here: at --mb)


@dataclass
class Run:
    corpus: str
    name: str
    mb: float  # UTF-8 input megabytes the rate is measured on
    cpu: float  # CPU seconds spent on them
    rss: float  # peak RSS, MB
    partial: bool = False  # stopped before the end of the input: rate of the part done
    bound: bool = False  # stopped before any output: the rate is below ``rate``
    floor: bool = False  # within the start-up's noise: the rate is above ``rate``
    note: str = ""

    @property
    def rate(self) -> float:
        return self.mb / self.cpu if self.cpu > 0 else float("inf")


def cpu_of(pid: int) -> float:
    """CPU seconds (user + system) ``pid`` has used so far (Linux); 0 where unknown."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait(proc: subprocess.Popen[bytes], limit: float, out: Path | None) -> tuple[float, float, int]:
    """Wait for ``proc``, stopping it after ``limit`` CPU seconds (or ten times that in
    wall time); returns its CPU seconds, peak RSS in MB, and -1 if it finished, else the
    bytes it had written to ``out``'s temporary file."""
    deadline = time.monotonic() + 10 * limit
    written = -1
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if cpu_of(proc.pid) > limit or time.monotonic() > deadline:
            written = 0
            if out is not None:  # the CLI writes .NAME.cleaner-PID.*.tmp block by block
                for tmp in out.parent.glob(f".{out.name}.cleaner-*.tmp"):
                    written += tmp.stat().st_size
            proc.send_signal(signal.SIGTERM)
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.05)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if written < 0 and proc.returncode != 0:
        raise SystemExit(f"{proc.args!r} failed with status {proc.returncode}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, written


def cli(args: list[str], src: Path, dst: Path, timeout: float) -> tuple[float, float, int]:
    cmd = [str(CLEANER), "clean", str(src), "-o", str(dst), "--quiet", *args]
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
        try:
            return wait(proc, timeout, dst)
        except SystemExit:
            err.seek(0)
            sys.stderr.write(err.read().decode(errors="replace"))
            raise


def startup(repeat: int = 5) -> float:
    """Best wall time of ``printf '後面的頭髮\\n' | cleaner clean --to simplified``."""
    walls = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(
            [str(CLEANER), "clean", "--to", "simplified"],
            input=STARTUP_INPUT.encode(),
            capture_output=True,
            check=True,
        )
        walls.append(time.perf_counter() - t0)
    return min(walls)


_STARTUP_CPU: dict[tuple[str, ...], float] = {}


def startup_cpu(args: list[str], tmp: Path, repeat: int = 3) -> float:
    """Best CPU time of the CLI with ``args`` on a one-line file: what a run with these
    arguments spends before its input (imports, rule files, the stages it runs)."""
    key = tuple(args)
    if key not in _STARTUP_CPU:
        one = tmp / "one-line.txt"
        one.write_text(STARTUP_INPUT, encoding="utf-8")
        runs = [cli(args, one, tmp / "one-line.out", 60)[0] for _ in range(repeat)]
        _STARTUP_CPU[key] = min(runs)
    return _STARTUP_CPU[key]


def cli_run(
    corpus: str, name: str, args: list[str], src: Path, dst: Path, a: argparse.Namespace
) -> Run:
    cpu, rss, written = cli(args, src, dst, a.timeout)
    net = cpu - startup_cpu(args, dst.parent)
    if written < 0 and net < MIN_CPU:  # no more than start-up noise: a lower bound
        size = src.stat().st_size / 1e6
        return Run(corpus, name, size, MIN_CPU, rss, floor=True, note="within start-up noise")
    note = f"stopped after {a.timeout:g} CPU s"
    if written > 0:  # the rate of the blocks written (output bytes stand in for input)
        return Run(corpus, name, written / 1e6, net, rss, partial=True, note=note)
    if written == 0:  # not one block done: below one block's bytes per CPU second
        with src.open(encoding="utf-8") as f:
            block = len(f.read(BLOCK_CHARS).encode("utf-8"))
        return Run(corpus, name, block / 1e6, net, rss, partial=True, bound=True, note=note)
    return Run(corpus, name, src.stat().st_size / 1e6, net, rss)


def baseline(
    corpus: str, name: str, python: str, tool: str, src: Path, dst: Path, cap: float
) -> Run:
    cmd = [python, str(BASELINE), tool, str(src), str(dst), "--cap", str(cap)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    report = proc.stdout.read()
    _cpu, rss, _ = wait(proc, float("inf"), None)
    info = json.loads(report)
    partial = info["bytes"] < src.stat().st_size
    return Run(corpus, name, info["bytes"] / 1e6, info["cpu"], rss, partial, note=info["module"])


def measure(
    kind: str, src: Path, tmp: Path, reimpl: str | None, a: argparse.Namespace
) -> list[Run]:
    runs = [cli_run(kind, "pipeline", ["--to", "simplified"], src, tmp / f"{kind}.out", a)]
    if not a.no_stages:
        prev = src
        for stage in ("encoding", "layout", "convert"):
            args = ["--stages", stage] + (["--to", "simplified"] if stage == "convert" else [])
            dst = tmp / f"{kind}.{stage}.out"
            run = cli_run(kind, f"  {stage}", args, prev, dst, a)
            if not dst.exists():  # stopped: the next stage reads this stage's input
                run.note += "; next stage reads its input"
                dst = prev
            runs.append(run)
            prev = dst
    py = sys.executable
    runs.append(baseline(kind, "OpenCC t2s", py, "opencc", src, tmp / "b.out", a.cap))
    runs.append(baseline(kind, "ftfy.fix_text", py, "ftfy", src, tmp / "b.out", a.cap))
    if reimpl:
        runs.append(baseline(kind, "reimpl t2s", reimpl, "reimpl", src, tmp / "b.out", a.cap))
    return runs


def fmt_rate(run: Run) -> str:
    mark = "<" if run.bound else "~" if run.partial else ">" if run.floor else ""
    return mark + f"{run.rate:.2f}"


def table(runs: list[Run]) -> list[str]:
    lines = [f"{'corpus':<12} {'run':<14} {'MB':>6} {'CPU s':>8} {'MB/s':>9} {'RSS MB':>7}  note"]
    for r in runs:
        lines.append(
            f"{r.corpus:<12} {r.name:<14} {r.mb:6.2f} {r.cpu:8.2f} {fmt_rate(r):>9}"
            f" {r.rss:7.0f}  {r.note}"
        )
    return lines


def verdict(ok: bool | None, run: Run | None = None) -> str:
    """Met or not; for a run stopped before any output (its rate an upper bound) only a
    failure is certain."""
    if ok is None:
        return "-"
    if run is not None and run.bound:
        return "unknown (stopped)" if ok else "NOT MET (stopped)"
    if run is not None and run.floor:  # the rate is higher still: only a success is certain
        return "met" if ok else "unknown (too short to time)"
    partial = run is not None and run.partial
    return ("met" if ok else "NOT MET") + (" (~: partial run)" if partial else "")


def targets(runs: list[Run], wall: float, cpu: float) -> list[str]:
    lines = [f"{'corpus':<12} {'target':<44} {'measured':>10}  result"]
    by = {(r.corpus, r.name): r for r in runs}
    for kind in dict.fromkeys(r.corpus for r in runs):
        pipe = by[(kind, "pipeline")]
        # a bound on pipe.rate: an upper one for a stopped run, a lower one for a short one
        more, less = (">", "<") if pipe.bound else ("<", ">") if pipe.floor else ("", "")
        rows: list[tuple[str, str, bool | None, Run | None]] = []
        ratio = by[(kind, "OpenCC t2s")].rate / pipe.rate
        limit = OPENCC_TARGET.get(kind)
        what = f"<= {limit:g}x" if limit is not None else "(no target)"
        ok = None if limit is None else ratio <= limit
        rows.append((f"pipeline / OpenCC t2s {what}", f"{more}{ratio:.1f}x", ok, pipe))
        for name, label, least in (
            ("ftfy.fix_text", "ftfy", FTFY_TARGET),
            ("reimpl t2s", "reimpl", REIMPL_TARGET),
        ):
            if (kind, name) in by:
                speedup = pipe.rate / by[(kind, name)].rate
                target = f"pipeline >= {least:g}x as fast as {label}"
                rows.append((target, f"{less}{speedup:.3g}x", speedup >= least, pipe))
        target = f"pipeline >= {MIN_RATE:g} MB/s per core"
        rows.append((target, fmt_rate(pipe), pipe.rate >= MIN_RATE, pipe))
        cli_runs = ("pipeline", "encoding", "layout", "convert")
        rss = max(r.rss for r in runs if r.corpus == kind and r.name.strip() in cli_runs)
        target = f"peak RSS <= {RSS_TARGET:g} MB (issue: on 1 GB)"
        rows.append((target, f"{rss:.0f}", rss <= RSS_TARGET, None))
        for target, measured, ok, run in rows:
            lines.append(f"{kind:<12} {target:<44} {measured:>10}  {verdict(ok, run)}")
    target = f"one-line filter, wall <= {STARTUP_TARGET:g} s"
    result = verdict(wall <= STARTUP_TARGET)
    lines.append(f"{'start-up':<12} {target:<44} {wall:>9.3f}s  {result} (CPU {cpu:.3f} s)")
    return lines


def profile(kind: str, src: Path, tmp: Path, mb: float) -> list[str]:
    """cProfile of the CLI on the first ``mb`` megabytes of ``src``, top 15 cumulative."""
    data = src.read_bytes()
    cut = data.find(b"\n", int(mb * 1e6))
    part = tmp / f"{kind}-profile.txt"
    part.write_bytes(data if cut < 0 else data[: cut + 1])
    stats_file = tmp / "profile.pstats"
    cmd = [sys.executable, "-m", "cProfile", "-o", str(stats_file), str(CLEANER), "clean"]
    cmd += [str(part), "-o", str(tmp / "profile.out"), "--to", "simplified", "--quiet"]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    buf = io.StringIO()
    stats = pstats.Stats(str(stats_file), stream=buf)
    # the pipeline's own functions: the CLI's wrappers above them say nothing
    stats.sort_stats("cumulative").print_stats(r"/cleaner/(core|stages|io)/", 15)
    size = part.stat().st_size / 1e6
    text = buf.getvalue().replace(str(ROOT) + "/", "")
    head = f"profile: pipeline on the first {size:.2f} MB of {kind} (cProfile, cumulative)"
    return [head] + [ln for ln in text.splitlines() if ln.strip()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=20.0, help="size of each corpus (default 20)")
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--timeout", type=float, default=40.0, help="CPU seconds per CLI run")
    ap.add_argument("--cap", type=float, default=10.0, help="CPU seconds per baseline run")
    ap.add_argument("--no-stages", action="store_true", help="skip the per-stage runs")
    ap.add_argument("--no-reimpl", action="store_true", help="skip opencc-python-reimplemented")
    ap.add_argument("--profile", action="store_true", help="profile the slowest corpus")
    ap.add_argument("--profile-mb", type=float, default=0.1)
    ap.add_argument("--save", type=Path, help="also write the tables to this file")
    a = ap.parse_args()
    # built in a process of its own: this one stays small, for a child's peak RSS counts
    # the memory of the process it was forked from
    listing = subprocess.run(
        [sys.executable, str(HERE / "corpora.py"), "--mb", str(a.mb), "--kinds", a.kinds, "--tsv"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rows = [line.split("\t") for line in listing.splitlines() if line]
    paths = {kind: Path(path) for kind, path, _ in rows}
    described = ", ".join(f"{kind} = {what}" for kind, _, what in rows)
    reimpl = None
    if not a.no_reimpl:
        out = subprocess.run(
            [str(ROOT / "scripts" / "reimpl-venv")], capture_output=True, text=True, check=True
        )
        reimpl = str(ROOT / out.stdout.strip().splitlines()[-1])
    with tempfile.TemporaryDirectory(prefix="cleaner-bench-") as d:
        tmp = Path(d)
        wall = startup()
        one = startup_cpu(["--to", "simplified"], tmp)
        head = [
            f"corpora: {a.mb:g} MB each, {described}",
            f"start-up: one-line file {one:.3f} s CPU (each CLI row has the CPU time of a "
            f"one-line run with its arguments taken off); filter {wall:.3f} s wall",
            "",
        ]
        print("\n".join(head), flush=True)
        runs: list[Run] = []
        for kind, src in paths.items():
            new = measure(kind, src, tmp, reimpl, a)
            for line in table(new)[0 if not runs else 1 :]:
                print(line, flush=True)
            runs += new
        lines = head + table(runs) + [""] + targets(runs, wall, one)
        print("\n" + "\n".join(targets(runs, wall, one)))
        if a.profile:
            slowest = min((r for r in runs if r.name == "pipeline"), key=lambda r: r.rate)
            prof = profile(slowest.corpus, paths[slowest.corpus], tmp, a.profile_mb)
            print("\n" + "\n".join(prof))
            lines += [""] + prof
    if a.save:
        a.save.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
