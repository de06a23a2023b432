"""`cleaner clean --engine ray` through the real CLI on a real local Ray instance: every
output file, the change records and the counts are the local run's, byte for byte."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import run_cleaner

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _stats(path: Path) -> dict[str, object]:
    data = json.loads(path.read_text("utf-8"))
    data.pop("seconds")
    data.pop("seconds_cleaning")  # time taken differs; every count must not
    return data


def _tree(src: Path) -> None:
    """The seeds as text files (one in a subfolder), and as records in gzip JSON Lines
    and Parquet (with a missing value and a field that must be kept as it was)."""
    (src / "text" / "deep").mkdir(parents=True)
    for p in SEEDS:
        (src / "text" / p.name).write_bytes(p.read_bytes())
    (src / "text" / "deep" / "again.txt").write_bytes(SEEDS[1].read_bytes())
    rows = [{"id": p.stem, "n": k, "text": p.read_text("utf-8")} for k, p in enumerate(SEEDS)]
    (src / "corpus").mkdir()
    with gzip.open(src / "corpus" / "a.jsonl.gz", "wt", encoding="utf-8") as f:
        for r in [*rows, {"id": "none", "n": 9, "text": None}]:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    pq.write_table(pa.Table.from_pylist(rows[::-1]), src / "corpus" / "b.parquet")


@pytest.mark.parametrize(
    ("folder", "args"),
    [("text", []), ("corpus", ["--jsonl", "--glob", "*", "--id-field", "id"])],
)
def test_engine_ray_writes_what_a_local_run_writes(
    tmp_path: Path, folder: str, args: list[str]
) -> None:
    pytest.importorskip("ray", reason="Ray is not installed: `make test` installs it")
    _tree(tmp_path / "in")
    src = tmp_path / "in" / folder
    runs = {}
    for engine in ("local", "ray"):
        out = tmp_path / engine
        proc = run_cleaner(
            "clean", src, "-o", out / "files", "--to", "simplified", *args,
            "--explain", out / "changes.jsonl", "--stats", out / "stats.json",
            "--engine", engine, "-j", "2",
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr.decode()
        runs[engine] = out
        if engine == "ray":
            assert "cleaned" in proc.stderr.decode()  # the summary, as local runs print it
    local, on_ray = runs["local"], runs["ray"]
    assert _files(local / "files") == _files(on_ray / "files")
    assert len(_files(local / "files")) >= 2
    assert (local / "changes.jsonl").read_bytes() == (on_ray / "changes.jsonl").read_bytes()
    assert (local / "changes.jsonl").stat().st_size > 0
    assert _stats(local / "stats.json") == _stats(on_ray / "stats.json")


def test_engine_ray_without_ray_says_how_to_install_it(tmp_path: Path) -> None:
    code = "import sys; sys.modules['ray'] = None; from cleaner.cli.main import app; app()"
    proc = subprocess.run(
        [sys.executable, "-c", code, "clean", SEEDS[0], "-o", tmp_path / "out", "--engine", "ray"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert "pip install 'cleaner[ray]'" in proc.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--engine", "ray"], "--engine ray writes files"),  # stdin to stdout
        (["--address", "127.0.0.1:6379"], "--address is the Ray cluster of --engine ray"),
    ],
)
def test_engine_ray_usage_errors(args: list[str], message: str) -> None:
    proc = run_cleaner("clean", *args, stdin="頭髮\n".encode())
    assert proc.returncode == 2
    assert message in proc.stderr.decode()
