"""`--explain` records replay to the files the CLI wrote."""

from __future__ import annotations

import json
from pathlib import Path

from cleaner.core.records import Change
from cleaner.core.replay import replay

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))


def test_explain_records_replay_to_the_output_files(cleaner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out, explain = tmp_path / "out", tmp_path / "changes.jsonl"
    proc = cleaner("clean", SEEDS[0].parent, "-o", out, "--to", "simplified", "--explain", explain)
    assert proc.returncode == 0, proc.stderr.decode()
    records: dict[str, list[Change]] = {}
    for line in explain.read_text(encoding="utf-8").splitlines():
        c = Change.from_dict(json.loads(line))
        records.setdefault(Path(c.path).name, []).append(c)
    assert sorted(records) == [p.name for p in SEEDS]
    for seed in SEEDS:
        raw = seed.read_bytes().decode("utf-8")
        assert replay(raw, records[seed.name]) == (out / seed.name).read_bytes().decode("utf-8")


def test_a_line_longer_than_a_block_comes_out_whole(cleaner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Pieces of one long line are no paragraphs: none is dropped as a repeat, and no
    space at a cut is taken for a line end."""
    line = ("这是一个很长的句子，没有换行。  " * 150_000).rstrip() + "\n"  # 2.5M characters
    src = tmp_path / "long.txt"
    src.write_bytes(line.encode("utf-8"))
    # punct_space would take the spaces after each 。 (OCR's spaces next to a mark)
    off = "layout.punct_space.enabled=false"
    proc = cleaner("clean", src, "--stages", "encoding,layout", "--set", off, "-q")
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout.decode("utf-8") == line
