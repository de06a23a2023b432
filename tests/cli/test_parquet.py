"""Parquet in and out by extension: one text column cleaned, everything else kept."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pa = pytest.importorskip("pyarrow", reason="the parquet extra is not installed")
pq = pytest.importorskip("pyarrow.parquet")

import cleaner as api  # noqa: E402

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))


def _table():  # type: ignore[no-untyped-def]
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    n = len(texts) + 1
    return pa.table(
        {
            "id": pa.array([f"doc-{i}" for i in range(n)]),
            "score": pa.array([i / 2 for i in range(n)], pa.float32()),
            "content": pa.array([*texts, None], pa.large_string()),
            "tags": pa.array([["news"], [], None, ["a", "b"], ["c"], []]),
        }
    ).replace_schema_metadata({"source": "crawl-7"})


def test_a_parquet_file_is_cleaned_row_group_by_row_group_keeping_other_columns(
    cleaner, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    src, out, stats = tmp_path / "in.parquet", tmp_path / "out.parquet", tmp_path / "s.json"
    table = _table()
    pq.write_table(table, src, row_group_size=2, compression="zstd")
    proc = cleaner(
        "clean", src, "-o", out, "--field", "content", "--to", "simplified", "--stats", stats
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert "1 null value(s) in 'content' passed through" in proc.stderr.decode()
    got = pq.ParquetFile(out)
    assert got.schema_arrow == table.schema and got.schema_arrow.metadata == table.schema.metadata
    assert got.num_row_groups == 3
    assert got.metadata.row_group(0).column(0).compression == "ZSTD"
    cleaned = got.read()
    for name in ("id", "score", "tags"):
        assert cleaned.column(name).equals(table.column(name))
    want = [
        None if t is None else api.clean(t, to="simplified") for t in table["content"].to_pylist()
    ]
    assert cleaned["content"].to_pylist() == want
    files = json.loads(stats.read_text())["files"]
    assert files == {"cleaned": 1, "records cleaned": 5, "missing values passed through": 1}


def test_explain_records_carry_the_id_field_in_parquet_and_jsonl(cleaner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    table = _table()
    pq.write_table(table, tmp_path / "in.parquet", row_group_size=4)
    rows = [r for r in table.to_pylist() if r["content"] is not None]
    with open(tmp_path / "in.jsonl", "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps({"id": r["id"], "text": r["content"]}, ensure_ascii=False) + "\n")
    for name, extra in (("in.parquet", ["--field", "content"]), ("in.jsonl", ["--jsonl"])):
        explain = tmp_path / f"{name}.changes.jsonl"
        proc = cleaner(
            "clean", tmp_path / name, "-o", tmp_path / f"out-{name}", "--to", "simplified",
            "--explain", explain, "--id-field", "id", "-q", *extra,
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr.decode()
        records = [json.loads(x) for x in explain.read_text(encoding="utf-8").splitlines()]
        by_row = {r["path"].rsplit(":", 1)[1]: r["id"] for r in records}
        assert by_row == {str(i + 1): row["id"] for i, row in enumerate(rows)}, name


def test_a_parquet_file_that_cannot_be_cleaned_leaves_the_old_output(
    cleaner, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    src, out = tmp_path / "in.parquet", tmp_path / "out"
    pq.write_table(_table(), src)
    (out).mkdir()
    (out / "in.parquet").write_bytes(b"old")
    proc = cleaner("clean", src, "-o", f"{out}/", "-q")  # no column 'text'
    assert proc.returncode == 1
    assert "no column 'text' (columns: id, score, content, tags)" in proc.stderr.decode()
    assert [p.name for p in out.iterdir()] == ["in.parquet"]  # no temporary left
    assert (out / "in.parquet").read_bytes() == b"old"
    proc = cleaner("clean", src, "--field", "content")
    assert proc.returncode == 2 and "give -o" in proc.stderr.decode()


def test_a_folder_of_parquet_files_in_two_workers(cleaner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    table = _table()
    pq.write_table(table.slice(0, 3), src / "a.parquet")
    pq.write_table(table.slice(3), src / "sub" / "b.parquet")
    proc = cleaner(
        "clean", src, "-o", tmp_path / "out", "--glob", "*.parquet", "--field", "content",
        "-j", "2", "-q",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr.decode()
    joined = pa.concat_tables(
        [
            pq.read_table(tmp_path / "out" / "a.parquet"),
            pq.read_table(tmp_path / "out/sub/b.parquet"),
        ]
    )
    want = [None if t is None else api.clean(t) for t in table["content"].to_pylist()]
    assert joined["content"].to_pylist() == want


MEMORY_PROBE = """
import sys
import pyarrow as pa
from cleaner.core.pipeline import Pipeline
from cleaner.io.parquet import clean_parquet

pipeline = Pipeline(stages=["convert"])  # cheap: the reading and writing are measured
with open(sys.argv[1], "rb") as raw, open(sys.argv[2], "wb") as out:
    report = clean_parquet(pipeline, raw, out, "in")
print(report.row_groups, pa.default_memory_pool().max_memory())
"""


def _peak_arrow_memory(tmp_path: Path, groups: int, rows: int, doc: str) -> int:
    src = tmp_path / f"{groups}.parquet"
    with pq.ParquetWriter(src, pa.schema([("text", pa.string())])) as writer:
        for g in range(groups):
            writer.write_table(pa.table({"text": [f"{g}-{i} {doc}" for i in range(rows)]}))
    probe = [sys.executable, "-c", MEMORY_PROBE, str(src), str(tmp_path / "out.parquet")]
    done = subprocess.run(probe, capture_output=True, text=True, check=True, timeout=600)
    n, peak = map(int, done.stdout.split())
    assert n == groups
    return peak


def test_only_one_row_group_is_held_in_memory_at_a_time(tmp_path: Path) -> None:
    doc = "".join(p.read_text(encoding="utf-8") for p in SEEDS)[:2000]
    rows = 300
    few = _peak_arrow_memory(tmp_path, 4, rows, doc)
    many = _peak_arrow_memory(tmp_path, 16, rows, doc)
    assert many < few * 1.25  # four times the file, about the same peak
    assert many < 16 * rows * len(doc.encode("utf-8")) / 2
