"""The datatrove step in a real LocalPipelineExecutor over gzip JSON Lines."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

datatrove = pytest.importorskip("datatrove", reason="the datatrove extra is not installed")

from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import JsonlReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

import cleaner  # noqa: E402
from cleaner.integrations.datatrove import CleanerFormatter  # noqa: E402

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))


def test_formatter_cleans_gzip_jsonl_and_reports_rule_counts(tmp_path: Path) -> None:
    src, dst, logs = tmp_path / "in", tmp_path / "out", tmp_path / "logs"
    src.mkdir()
    docs = [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in SEEDS]
    with gzip.open(src / "part.jsonl.gz", "wt", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    LocalPipelineExecutor(
        [JsonlReader(str(src)), CleanerFormatter(to="simplified"), JsonlWriter(str(dst))],
        tasks=1,
        logging_dir=str(logs),
    ).run()
    with gzip.open(next(dst.glob("*.jsonl.gz")), "rt", encoding="utf-8") as f:
        out = {r["id"]: r["text"] for r in map(json.loads, f)}
    assert out == {d["id"]: cleaner.clean(d["text"], to="simplified") for d in docs}
    stats = json.loads((logs / "stats.json").read_text())
    step = next(s for s in stats if "cleaner" in s["name"])
    counts = {k: v if isinstance(v, int) else v["total"] for k, v in step["stats"].items()}
    want = cleaner.Cleaner(to="simplified").clean_batch([d["text"] for d in docs])[1]
    assert counts["encoding.pinyin"] == want.changes[("encoding", "pinyin")] > 0
    assert counts["convert.opencc"] == want.changes[("convert", "opencc")]
