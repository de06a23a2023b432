"""Nothing lost, nothing hung: hostile trees, full disks, signals, file modes.

Each test runs the installed `cleaner` in a subprocess, as a user (or a killer) would.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import CLEANER, ROOT

TEXT = "甲,,乙\n"
CLEANED = "甲，乙\n"
SEED = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs /proc")


def _run(
    *args: Any, preexec: Callable[[], None] | None = None, **kw: Any
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [str(CLEANER), *map(os.fsdecode, args)],
        capture_output=True, timeout=120, preexec_fn=preexec, **kw,
    )  # fmt: skip


def _files(root: Path) -> list[Path]:
    """Every file under ``root``, at any depth (rglob and os.walk recurse)."""
    found, stack = [], [root]
    while stack:
        for p in stack.pop().iterdir():
            (stack if p.is_dir() and not p.is_symlink() else found).append(p)
    return found


def _temporaries(*folders: Path) -> list[Path]:
    return [p for d in folders if d.exists() for p in _files(d) if p.name.endswith(".tmp")]


def _no_traceback(r: subprocess.CompletedProcess[bytes]) -> str:
    err = r.stderr.decode(errors="backslashreplace")
    assert "Traceback" not in err and "Exception ignored" not in err, err
    return err


# 4. two inputs with the same name


def test_same_name_from_two_folders_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    for d, text in (("x", "甲\n"), ("y", "乙\n")):
        (tmp_path / d).mkdir()
        (tmp_path / d / "a.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    r = _run("clean", tmp_path / "x/a.txt", tmp_path / "y/a.txt", "-o", out)
    err = _no_traceback(r)
    assert r.returncode == 2, err
    assert "x/a.txt and" in err and "y/a.txt" in err and "same name" in err
    assert not out.exists(), "nothing may be written before the refusal"
    # the same file named twice is one input, and the common parent mirrors both
    r = _run("clean", tmp_path / "x/a.txt", tmp_path / "x/a.txt", "-o", out, "-q")
    assert r.returncode == 0, r.stderr.decode()
    r = _run("clean", tmp_path / "x", tmp_path / "y", "-o", out, "-q")
    assert r.returncode == 2, "two folders mirrored into one output clash the same way"
    r = _run("clean", tmp_path, "-o", out, "-q")
    assert r.returncode == 0, r.stderr.decode()
    assert (out / "x/a.txt").read_text(encoding="utf-8") == "甲\n"
    assert (out / "y/a.txt").read_text(encoding="utf-8") == "乙\n"


# 7. a lone surrogate in a JSON Lines record


def test_jsonl_record_with_a_lone_surrogate_passes_through_and_is_counted(tmp_path: Path) -> None:
    lines = [
        '{"text": "甲,,乙"}\n',
        '{"text": "\\ud800 丙,,丁"}\n',  # valid JSON, not valid Unicode: passed through
        '{"text": "戊,,己"}\n',
        '{"text": "庚,,辛", "meta": "\\udcff"}\n',  # cleaned; the other field kept as it was
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(lines), encoding="utf-8")
    out, stats = tmp_path / "out", tmp_path / "stats.json"
    r = _run("clean", "--jsonl", src, "-o", f"{out}/", "--stats", stats)
    err = _no_traceback(r)
    assert r.returncode == 0, err
    assert "in.jsonl:2: lone surrogate \\ud800 in field 'text'; passed through unchanged" in err
    got = (out / "in.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    assert len(got) == 4 and got[1] == lines[1]
    texts = [json.loads(line)["text"] for line in got]
    assert texts == ["甲，乙", "\ud800 丙,,丁", "戊，己", "庚，辛"]
    assert json.loads(got[3])["meta"] == "\udcff"
    files = json.loads(stats.read_text())["files"]
    assert files["records cleaned"] == 3 and files["records passed through"] == 1


def test_jsonl_records_pythons_reader_refuses_pass_through_and_are_counted(
    tmp_path: Path,
) -> None:
    """A record nested deeper than the recursion limit (RecursionError) or holding an
    integer of more than 4,300 digits (ValueError) ended the run with a traceback and
    no output; a key given twice lost its first value when the record was written back."""
    lines = [
        '{"text": "甲,,乙"}\n',
        "[" * 100_000 + "]" * 100_000 + "\n",
        '{"text": "丙,,丁", "n": ' + "1" * 5_000 + "}\n",
        '{"text": "戊,,己", "text": "庚,,辛"}\n',
        '{"text": "壬,,癸", "meta": {"a": 1, "a": 2}}\n',
        '{"text": "子,,丑"}\n',
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(lines), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = _run("clean", "--jsonl", src, "-o", out)
    err = _no_traceback(r)
    assert r.returncode == 0, err
    assert "in.jsonl:2: not read: JSON nested too deeply; passed through unchanged" in err
    assert "in.jsonl:3: not read: Exceeds the limit (4300 digits)" in err
    assert "in.jsonl:4: not read: key 'text' given twice; passed through unchanged" in err
    assert "in.jsonl:5: not read: key 'a' given twice" in err
    got = out.read_text(encoding="utf-8").splitlines(keepends=True)
    assert got[1:5] == lines[1:5]
    assert [json.loads(got[i])["text"] for i in (0, 5)] == ["甲，乙", "子，丑"]


# 9. FIFOs and other special files


def test_fifo_in_a_tree_or_named_is_skipped_and_reported_not_opened(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    os.mkfifo(src / "pipe.txt")
    (src / "ok.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out"
    r = _run("clean", src, "-o", out)  # today: hangs on open() (timeout fails the test)
    err = _no_traceback(r)
    assert r.returncode == 1, err
    assert err.count("pipe.txt") == 1 and "pipe.txt: a FIFO, not a regular file; skipped" in err
    assert (out / "ok.txt").read_text(encoding="utf-8") == CLEANED
    assert not (out / "pipe.txt").exists()
    r = _run("clean", src / "pipe.txt", src / "ok.txt")
    err = _no_traceback(r)
    assert r.returncode == 1 and "pipe.txt: a FIFO" in err
    assert r.stdout.decode() == CLEANED
    r = _run("detect", src / "pipe.txt", src / "ok.txt")
    assert r.returncode == 1 and "pipe.txt: a FIFO" in _no_traceback(r)


# 10. symlink loops, file names that are not UTF-8, deep trees


def test_symlink_loop_is_reported_for_its_path_and_the_run_goes_on(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "loop.txt").symlink_to("loop.txt")
    (src / "ok.txt").write_text(TEXT, encoding="utf-8")
    (src / "here").symlink_to(".")  # a folder symlink: not followed, and said so
    out = tmp_path / "out"
    for args in ((src, "-o", out), (src / "loop.txt", src / "ok.txt", "-o", out)):
        r = _run("clean", *args)
        err = _no_traceback(r)
        assert r.returncode == 1, err
        assert err.count("loop.txt") == 1 and "loop.txt: Too many levels of symbolic links" in err
        assert (out / "ok.txt").read_text(encoding="utf-8") == CLEANED
    assert "here: symlink to a folder, not followed" in _no_traceback(_run("clean", src, "-o", out))


@linux_only
def test_file_name_that_is_not_utf8_is_cleaned_and_recorded_losslessly(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    name = os.fsdecode(b"n\xff\xfe.txt")
    (src / name).write_text(TEXT, encoding="utf-8")
    out, explain = tmp_path / "out", tmp_path / "x.jsonl"
    r = _run("clean", src, "-o", out, "--explain", explain)
    err = _no_traceback(r)
    assert r.returncode == 0, err
    assert (out / name).read_text(encoding="utf-8") == CLEANED
    records = [json.loads(line) for line in explain.read_text(encoding="utf-8").splitlines()]
    assert {rec["rule"] for rec in records} == {"stray_comma", "fold_punct"}
    assert {os.fsencode(rec["path"]) for rec in records} == {os.fsencode(src / name)}


DEPTH = 1100  # deeper than Python's recursion limit; the path stays under PATH_MAX


def _deep_tree(root: Path, name: str) -> Path:
    folder = root
    for _ in range(DEPTH):
        folder = folder / "d"
        folder.mkdir()
    (folder / name).write_text(TEXT, encoding="utf-8")
    return folder.relative_to(root) / name


@pytest.fixture
def deep_trees() -> Any:
    """Removes the deep trees a test made: pytest's own clean-up (shutil.rmtree) recurses."""
    made: list[Path] = []
    yield made
    for top in made:
        chain = [top / Path(*["d"] * n) for n in range(DEPTH, -1, -1)]
        for folder in chain:
            for p in folder.iterdir() if folder.exists() else ():
                if p.name == "d":
                    continue
                if p.is_dir() and not p.is_symlink():
                    shutil.rmtree(p)  # shallow
                else:
                    p.unlink()
            if folder.exists() and folder != top:
                folder.rmdir()


def test_tree_deeper_than_the_recursion_limit(tmp_path: Path, deep_trees: list[Path]) -> None:
    src = tmp_path / "in"
    src.mkdir()
    rel = _deep_tree(src, "deep.txt")
    deep_trees += [src, tmp_path / "out"]
    (src / "ok.txt").write_text(TEXT, encoding="utf-8")
    r = _run("clean", src, "-o", tmp_path / "out")
    err = _no_traceback(r)
    assert r.returncode == 0, err
    assert (tmp_path / "out" / rel).read_text(encoding="utf-8") == CLEANED
    assert (tmp_path / "out" / "ok.txt").read_text(encoding="utf-8") == CLEANED


# 12. a full disk


def _file_size_limit(size: int) -> Callable[[], None]:
    """Writes past ``size`` bytes fail with EFBIG, as ENOSPC does on a full disk."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


def test_full_disk_is_reported_per_output_file(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "big.txt").write_text(SEED * 4, encoding="utf-8")
    (src / "small.txt").write_text(TEXT, encoding="utf-8")
    out, stats = tmp_path / "out", tmp_path / "stats.json"
    r = _run("clean", src, "-o", out, "--stats", stats, preexec=_file_size_limit(64 * 1024))
    err = _no_traceback(r)
    assert r.returncode == 1, err
    assert f"big.txt: not written to {out / 'big.txt'}: File too large" in err
    assert not (out / "big.txt").exists() and not _temporaries(out, tmp_path)
    assert (out / "small.txt").read_text(encoding="utf-8") == CLEANED
    assert json.loads(stats.read_text())["files"] == {"cleaned": 1, "failed": 1}


def test_full_disk_leaves_explain_and_stats_files_as_they_were(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(SEED, encoding="utf-8")
    out, stats, explain = tmp_path / "out", tmp_path / "stats.json", tmp_path / "x.jsonl"
    stats.write_text("old stats\n")
    explain.write_text("old records\n")
    # the outputs fit, the records do not
    r = _run("clean", src, "-o", out, "--explain", explain, "--stats", stats,
             preexec=_file_size_limit(2 * len(SEED.encode())))  # fmt: skip
    err = _no_traceback(r)
    assert r.returncode == 1, err
    assert f"--explain {explain}: not written: File too large" in err
    assert explain.read_text() == "old records\n" and (out / "a.txt").exists()
    assert json.loads(stats.read_text())["files"] == {"cleaned": 1}
    # an explain file that cannot be made at all is an error before anything is written
    r = _run("clean", src, "-o", tmp_path / "o2", "--explain", src / "a.txt" / "x.jsonl")
    assert r.returncode == 2 and "--explain" in _no_traceback(r)
    assert not (tmp_path / "o2").exists()
    # the outputs fit, the stats do not
    (src / "a.txt").write_text(TEXT, encoding="utf-8")
    stats.write_text("old stats\n")
    r = _run("clean", src, "-o", out, "--stats", stats, preexec=_file_size_limit(100))
    err = _no_traceback(r)
    assert r.returncode == 1, err
    assert f"--stats {stats}: not written: File too large" in err
    assert stats.read_text() == "old stats\n" and not _temporaries(tmp_path)
    assert (out / "a.txt").read_text(encoding="utf-8") == CLEANED


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_full_stdout_is_reported_per_file(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    with open("/dev/full", "wb") as full:
        r = subprocess.run(
            [str(CLEANER), "clean", tmp_path / "a.txt", tmp_path / "b.txt"],
            stdout=full, stderr=subprocess.PIPE, timeout=120,
        )  # fmt: skip
    err = _no_traceback(r)
    assert r.returncode == 1, err
    for name in ("a.txt", "b.txt"):
        assert err.count(f"{name}: not written to stdout: No space left on device") == 1, err


# 13. signals: workers die with the run, temporary files go with it


def _children(pid: int) -> list[int]:
    """Worker processes of ``pid`` (same command line; not multiprocessing helpers)."""
    own = Path(f"/proc/{pid}/cmdline").read_bytes()
    found = []
    for entry in Path("/proc").iterdir():
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid and (entry / "cmdline").read_bytes() == own:
                found.append(int(entry.name))
        except (OSError, ValueError, IndexError):
            continue
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture
def reap() -> Any:
    """Kills what a failing test left running (workers that outlived their run)."""
    pids: list[int] = []
    yield pids
    for pid in pids:
        try:  # only if that PID is still one of our cleaner processes
            if str(CLEANER).encode() in Path(f"/proc/{pid}/cmdline").read_bytes():
                os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


def _wait_for(test: Callable[[], bool], seconds: float = 120) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if test():
            return True
        time.sleep(0.1)
    return False


def _as_from_a_terminal() -> None:
    """SIGINT and SIGTERM as a run started from a terminal has them: a test run in the
    background of a non-interactive shell inherits SIGINT ignored, and cleaner (like
    nohup'd programs) keeps an ignored signal ignored."""
    for s in (signal.SIGINT, signal.SIGTERM):
        signal.signal(s, signal.SIG_DFL)


def _busy_run(tmp_path: Path, *extra: str, files: int = 4) -> tuple[subprocess.Popen[bytes], Path]:
    """A run in a subprocess that is writing its outputs (temporary files exist)."""
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for i in range(files):
        (src / f"f{i}.txt").write_text(SEED * 20, encoding="utf-8")
    env = dict(os.environ, TMPDIR=str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    proc = subprocess.Popen([str(CLEANER), "clean", src, "-o", out, *extra], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            preexec_fn=_as_from_a_terminal)  # fmt: skip
    busy = 2 if "-j2" in extra else 1
    assert _wait_for(lambda: len(_temporaries(out)) >= busy), "the run never started writing"
    return proc, out


@linux_only
@pytest.mark.parametrize(
    ("signum", "jobs"), [(signal.SIGTERM, "-j2"), (signal.SIGINT, "-j2"), (signal.SIGTERM, "-j1")]
)
def test_stopped_run_stops_its_workers_and_leaves_no_temporary_files(
    tmp_path: Path, signum: int, jobs: str, reap: list[int]
) -> None:
    explain = tmp_path / "records" / "x.jsonl"
    explain.parent.mkdir()
    # enough files that the run is still going when the signal comes, on a fast machine
    proc, out = _busy_run(tmp_path, jobs, "--explain", str(explain), files=10)
    workers = _children(proc.pid)
    reap += workers
    assert len(workers) == (2 if jobs == "-j2" else 0)
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == -signum, err.decode()
    assert b"Traceback" not in err
    assert _wait_for(lambda: not any(map(_alive, workers)), 20), "workers outlived the run"
    assert not _temporaries(out, explain.parent, tmp_path / "tmp")
    assert not explain.exists()


@linux_only
def test_killed_run_takes_its_workers_with_it(tmp_path: Path, reap: list[int]) -> None:
    proc, out = _busy_run(tmp_path, "-j2")
    workers = _children(proc.pid)
    reap += workers
    assert len(workers) == 2
    proc.kill()
    proc.wait()
    assert _wait_for(lambda: not any(map(_alive, workers)), 20), "workers outlived the run"


@linux_only
def test_next_run_removes_temporary_files_of_a_killed_run(tmp_path: Path) -> None:
    proc, out = _busy_run(tmp_path, files=1)
    proc.kill()
    proc.wait()
    left = _temporaries(out)
    assert left, "a SIGKILLed run cannot clean up; the next run must"
    live = out / f".f0.txt.cleaner-{os.getpid()}.abcdefgh.tmp"  # a run still going: kept
    live.write_text("")
    theirs = out / ".notes.txt.tmp"  # not ours: kept
    theirs.write_text("")
    (tmp_path / "in" / "f0.txt").write_text(TEXT, encoding="utf-8")
    r = _run("clean", tmp_path / "in", "-o", out, "-q")
    assert r.returncode == 0, r.stderr.decode()
    assert sorted(_temporaries(out)) == sorted([live, theirs])
    assert (out / "f0.txt").read_text(encoding="utf-8") == CLEANED


# 14. file modes


def _umask(mask: int) -> Callable[[], None]:
    return lambda: os.umask(mask) and None


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_new_files_follow_the_umask_and_in_place_keeps_the_mode(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    for mask, want in ((0o022, 0o644), (0o077, 0o600), (0o002, 0o664)):
        out = tmp_path / f"out{mask:o}"
        stats, explain = out / "s.json", out / "x.jsonl"
        r = _run("clean", src, "-o", f"{out}/", "--stats", stats, "--explain", explain,
                 preexec=_umask(mask))  # fmt: skip
        assert r.returncode == 0, r.stderr.decode()
        for f in (out / "a.txt", stats, explain):
            assert stat.S_IMODE(f.stat().st_mode) == want, (f, oct(mask))
    src.chmod(0o640)
    r = _run("clean", src, "--in-place", "-q", preexec=_umask(0o022))
    assert r.returncode == 0, r.stderr.decode()
    assert stat.S_IMODE(src.stat().st_mode) == 0o640
    assert src.read_text(encoding="utf-8") == CLEANED


# everything at once


def _hostile_tree(root: Path, deep_trees: list[Path]) -> dict[str, str]:
    """Every kind of bad input of issue #10 in one tree, as JSON Lines files (the lone
    surrogate is a JSON Lines problem); returns the good files and their cleaned text."""
    good = '{"text": "甲,,乙"}\n'
    cleaned = '{"text": "甲，乙"}\n'
    root.mkdir()
    for d in ("x", "y"):  # the same name in two folders
        (root / d).mkdir()
        (root / d / "a.jsonl").write_text(good, encoding="utf-8")
    (root / "good.jsonl").write_text(good, encoding="utf-8")
    os.mkfifo(root / "pipe.jsonl")
    (root / "loop.jsonl").symlink_to("loop.jsonl")
    (root / "folder-link").symlink_to("x")
    (root / os.fsdecode(b"n\xff.jsonl")).write_text(good, encoding="utf-8")
    (root / "binary.jsonl").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (root / "surrogate.jsonl").write_text(good + '{"text": "\\ud800"}\n' + good, encoding="utf-8")
    deep = _deep_tree(root, "deep.jsonl")
    (root / deep).write_text(good, encoding="utf-8")
    deep_trees.append(root)
    want = {name: cleaned for name in ("x/a.jsonl", "y/a.jsonl", "good.jsonl", str(deep))}
    want[os.fsdecode(b"n\xff.jsonl")] = cleaned
    want["surrogate.jsonl"] = cleaned + '{"text": "\\ud800"}\n' + cleaned
    return want


@linux_only
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_every_bad_input_in_one_run(tmp_path: Path, deep_trees: list[Path], jobs: str) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    want = _hostile_tree(src, deep_trees)
    deep_trees.append(out)
    explain, stats = tmp_path / "x.jsonl", tmp_path / "stats.json"
    r = _run("clean", "--jsonl", src, "-o", out, "--explain", explain, "--stats", stats, "-j", jobs)
    err = _no_traceback(r)
    assert r.returncode == 1, err
    problems = {
        "pipe.jsonl": "a FIFO, not a regular file; skipped",
        "loop.jsonl": "Too many levels of symbolic links; skipped",
        "binary.jsonl": "not cleaned: binary data",
        "surrogate.jsonl": "lone surrogate \\ud800 in field 'text'; passed through unchanged",
        "folder-link": "symlink to a folder, not followed",
    }
    for name, message in problems.items():
        lines = [line for line in err.splitlines() if f"{src}/{name}" in line]
        assert len(lines) == 1 and message in lines[0], (name, err)
    written = {str(p.relative_to(out)) for p in _files(out)}
    assert written == set(want)
    for name, text in want.items():
        assert (out / name).read_text(encoding="utf-8") == text, name
    records = [json.loads(line) for line in explain.read_text(encoding="utf-8").splitlines()]
    paths = {os.fsencode(rec["path"]).rsplit(b":", 1)[0] for rec in records}
    assert paths == {os.fsencode(src / name) for name in want}
    files = json.loads(stats.read_text())["files"]
    assert files["cleaned"] == len(want) and files["skipped"] == 3
    # the two a.jsonl named on the command line would clash: refused, nothing written
    r = _run("clean", "--jsonl", src / "x/a.jsonl", src / "y/a.jsonl", "-o", tmp_path / "o2")
    assert r.returncode == 2 and "same name" in _no_traceback(r)
    assert not (tmp_path / "o2").exists()


@linux_only
def test_a_stop_signal_inside_a_finalizer_stops_the_run_once_out_of_it() -> None:
    """Python drops an exception raised in ``__del__``: a SIGTERM that lands there (the
    regex module frees patterns in one) must still end the run, just after."""
    from cleaner.cli.clean_cmd import Interrupted, handle_stop_signals

    class Freed:
        def __del__(self) -> None:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.05)  # the signal is handled here, inside the finalizer

    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGALRM)}
    try:
        for s in (signal.SIGINT, signal.SIGTERM):
            signal.signal(s, signal.SIG_DFL)
        handle_stop_signals()
        with pytest.raises(Interrupted):
            Freed()  # dropped at once: __del__ runs here
            time.sleep(2)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        for s, handler in saved.items():
            signal.signal(s, handler)
