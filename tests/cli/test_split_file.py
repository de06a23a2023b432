"""-j N on one large corpus file: its records cut into pieces for the workers, the output,
records, messages and counts those of -j 1 (cleaner/cli/split_file.py).

The CLI runs in a subprocess with the split threshold and piece sizes lowered, and each
piece a worker cleans logged with that worker's PID.
"""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import cleaner
from cleaner.cli.clean_cmd import Job, Options
from cleaner.cli.split_file import SPLIT_BYTES, mark_large
from cleaner.io.jsonl import lines_of, runs_of_lines
from tests.cli.conftest import ROOT

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
PIECE = 6_000  # characters (JSON Lines) or bytes (Parquet) per piece in these tests

# the CLI, its pieces small, each piece logged as "PID FIRST" (its first line or row)
# to $PIECE_LOG; a piece whose first line or row is $FAIL_AFTER or later fails (disk full)
SPLIT_CLI = f"""
import errno, os
import cleaner.cli.parallel as p, cleaner.cli.split_file as s
s.SPLIT_BYTES, s.PIECE_CHARS, s.PIECE_BYTES = 0, {PIECE}, {PIECE}
clean = p.clean_piece
def traced(opts, pipeline, piece, folder):
    first = getattr(piece, "first_line", getattr(piece, "first_row", 0))
    with open(os.environ["PIECE_LOG"], "a") as f:
        print(os.getpid(), first, file=f)
    if first >= int(os.environ.get("FAIL_AFTER", 1 << 60)):
        raise OSError(errno.ENOSPC, "No space left on device")
    return clean(opts, pipeline, piece, folder)
p.clean_piece = traced
from cleaner.cli.main import app
app()
"""


def _records() -> list[dict[str, Any]]:
    """Documents made of the seeds' paragraphs, each a different selection, with some
    lines that are not records (passed through) and blank lines among them."""
    paragraphs = [p for s in SEEDS for p in s.read_text(encoding="utf-8").split("\n") if p]
    docs = []
    for i in range(120):
        start = (i * 7) % len(paragraphs)
        chosen = paragraphs[start : start + 3 + i % 5]
        docs.append({"id": f"doc-{i}", "text": "\n".join(chosen) + "\n"})
    return docs


def _jsonl(records: list[dict[str, Any]]) -> bytes:
    lines = []
    for i, record in enumerate(records):
        lines.append(json.dumps(record, ensure_ascii=False))
        if i % 17 == 5:
            lines.append("")
        if i % 29 == 3:
            lines.append("{not json")
    return ("\n".join(lines) + "\n").encode("utf-8")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("corpus")
    records = _records()
    paths = {"jsonl": folder / "big.jsonl", "gz": folder / "big.jsonl.gz"}
    paths["jsonl"].write_bytes(_jsonl(records))
    paths["gz"].write_bytes(gzip.compress(_jsonl(records), mtime=0))
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    texts = [r["text"] for r in records]
    texts[10] = None
    table = pa.table({"id": [r["id"] for r in records], "text": texts})
    paths["parquet"] = folder / "big.parquet"
    pq.write_table(table.replace_schema_metadata({"source": "seeds"}), paths["parquet"],
                   row_group_size=6, compression="zstd")  # fmt: skip
    return paths


def _run(*args: Any, log: Path, **env: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-c", SPLIT_CLI, "clean", *map(str, args)],
        capture_output=True, timeout=600, env=dict(os.environ, PIECE_LOG=str(log), **env),
    )  # fmt: skip


def _pieces(log: Path) -> list[tuple[int, int]]:
    if not log.exists():
        return []
    return [(int(pid), int(first)) for pid, first in map(str.split, log.read_text().splitlines())]


def _counts(stats: Path) -> dict[str, Any]:
    data = json.loads(stats.read_text(encoding="utf-8"))
    del data["seconds"], data["seconds_cleaning"]
    return data


@pytest.mark.parametrize("kind", ["jsonl", "gz", "parquet"])
def test_a_split_file_gives_the_output_records_and_counts_of_one_worker(
    corpus: dict[str, Path], tmp_path: Path, kind: str
) -> None:
    src = corpus[kind]
    runs = {}
    for jobs in ("1", "2"):
        here = tmp_path / jobs
        args = [src, "-o", here / src.name, "--explain", here / "x.jsonl", "--stats",
                here / "s.json", "--jsonl", "--id-field", "id", "-j", jobs, "-q"]  # fmt: skip
        r = _run(*args, "--to", "simplified", log=here / "pieces")
        assert r.returncode == 0, r.stderr.decode()
        runs[jobs] = r
    assert (tmp_path / "1" / src.name).read_bytes() == (tmp_path / "2" / src.name).read_bytes()
    assert (tmp_path / "1" / "x.jsonl").read_bytes() == (tmp_path / "2" / "x.jsonl").read_bytes()
    assert _counts(tmp_path / "1" / "s.json") == _counts(tmp_path / "2" / "s.json")
    assert runs["1"].stderr == runs["2"].stderr  # problems named by line, notes
    assert not _pieces(tmp_path / "1" / "pieces")  # -j 1: never split
    pieces = _pieces(tmp_path / "2" / "pieces")
    assert len(pieces) >= 3 and len({pid for pid, _ in pieces}) == 2, pieces
    assert sorted(os.listdir(tmp_path / "2")) == sorted([src.name, "x.jsonl", "s.json", "pieces"])
    records = [json.loads(line) for line in (tmp_path / "2" / "x.jsonl").open(encoding="utf-8")]
    last_piece = max(first for _, first in pieces)
    assert any(int(r["path"].rsplit(":", 1)[1]) > last_piece for r in records)


def test_a_failed_piece_leaves_no_output_and_no_temporary_files(
    corpus: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "out" / "big.jsonl"
    log = tmp_path / "pieces"
    r = _run(corpus["jsonl"], "-o", out, "--jsonl", "-j", "2", "-q", log=log, FAIL_AFTER="2")
    assert r.returncode == 1
    err = r.stderr.decode()
    assert f"error: {corpus['jsonl']}: not written to {out}: No space left on device" in err, err
    assert "Traceback" not in err
    assert len(_pieces(log)) >= 2
    assert os.listdir(out.parent) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs fork")
def test_a_stopped_split_run_leaves_no_output_and_no_temporary_files(
    corpus: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "out" / "big.jsonl"
    log = tmp_path / "pieces"
    explain = tmp_path / "records" / "x.jsonl"
    proc = subprocess.Popen(
        [sys.executable, "-c", SPLIT_CLI, "clean", corpus["gz"], "-o", out, "--jsonl", "-j", "2",
         "-q", "--explain", explain],
        env=dict(os.environ, PIECE_LOG=str(log)), stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGTERM, signal.SIG_DFL),
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while len(_pieces(log)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGTERM, err.decode()
    assert b"Traceback" not in err
    assert not out.parent.exists() or os.listdir(out.parent) == []
    assert os.listdir(explain.parent) == []


def test_only_large_corpus_files_written_to_files_are_split(tmp_path: Path) -> None:
    big = tmp_path / "big.jsonl"
    size = {big: SPLIT_BYTES, tmp_path / "small.jsonl": SPLIT_BYTES - 1}
    size[tmp_path / "big.parquet"] = size[tmp_path / "big.txt"] = SPLIT_BYTES
    jobs = [Job(p, str(p), tmp_path / "out" / p.name) for p in size]
    jobs.append(Job(big, str(big)))  # to stdout

    def split(**opts: Any) -> list[str]:
        marked = mark_large(Options([], **opts), jobs, lambda p: size[p] if p else 0)
        return [f"{j.src.name}{'' if j.target else ' (stdout)'}" for j in marked if j.split]

    assert split(jsonl=True) == ["big.jsonl", "big.parquet", "big.txt"]  # --jsonl: all JSON
    assert split() == ["big.jsonl", "big.parquet"]  # by name; a text file is never split


def test_a_text_document_cut_in_two_would_clean_differently() -> None:
    """Why text files are not split: rules keep state across the document. A running
    head that stands alone four times is page furniture, twice is not; a paragraph
    repeated in the second half is dropped only if the first half is seen."""
    para = "国务院常务会议今天研究部署进一步优化营商环境的政策措施，会议强调要坚持问题导向。\n"
    heads = [f"\n人民日报 2023年5月{day}日\n\n" for day in (8, 9, 10, 11)]
    first = f"第一段新闻正文在这里开始。\n{para}{heads[0]}另一段正文，说明后续安排。\n{heads[1]}"
    second = f"第二页的内容继续报道。\n{para}{heads[2]}最后一段正文，介绍下一步工作。\n{heads[3]}"
    whole = cleaner.clean(first + second)
    cut = cleaner.clean(first) + cleaner.clean(second)
    assert "人民日报" not in whole and whole.count(para) == 1
    assert cut.count("人民日报") == 4 and cut.count(para) == 2


def test_runs_of_lines_are_whole_lines_that_join_to_the_text() -> None:
    text = "a\n" * 10 + "b" * 25 + "\n\u2028c\r\nd"  # a long line; separators that stay
    pos = 0

    def read(n: int) -> str:
        nonlocal pos
        pos += n
        return text[pos - n : pos]

    runs = list(runs_of_lines(read, 8))
    assert "".join(runs) == text
    assert all(run.endswith("\n") for run in runs[:-1]) and len(runs) >= 4
    assert [run.count("b") for run in runs if "b" in run] == [25]  # a long line kept whole
    assert list(lines_of(text))[-2:] == ["\u2028c\r\n", "d"]
