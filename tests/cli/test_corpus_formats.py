"""Compressed corpus shards in and out by name: .jsonl.gz (datatrove's default), .zst."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import zstandard

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))


def _records() -> list[dict[str, str]]:
    return [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in SEEDS]


def _lines(records: list[dict[str, str]]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")


def test_a_folder_of_compressed_shards_is_cleaned_into_the_same_formats(
    cleaner, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "in"
    src.mkdir()
    data = _lines(_records())
    (src / "plain.jsonl").write_bytes(data)
    (src / "a.jsonl.gz").write_bytes(gzip.compress(data))
    (src / "b.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress(data))
    proc = cleaner("clean", "--jsonl", src, "-o", tmp_path / "out", "--to", "simplified", "-q")
    assert proc.returncode == 0, proc.stderr.decode()
    out = tmp_path / "out"
    plain = (out / "plain.jsonl").read_bytes()
    assert plain != data and json.loads(plain.splitlines()[1])["id"] == SEEDS[1].stem
    assert gzip.decompress((out / "a.jsonl.gz").read_bytes()) == plain
    with zstandard.ZstdDecompressor().stream_reader((out / "b.jsonl.zst").read_bytes()) as r:
        assert r.read() == plain


def test_a_gzip_text_file_is_cleaned_and_written_the_same_way_twice(
    cleaner, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    text = SEEDS[1].read_bytes()
    (tmp_path / "page.txt.gz").write_bytes(gzip.compress(text))
    (tmp_path / "page.txt").write_bytes(text)
    outs = []
    for name in ("one", "two"):
        proc = cleaner("clean", tmp_path / "page.txt.gz", "-o", f"{tmp_path / name}/", "-q")
        assert proc.returncode == 0, proc.stderr.decode()
        outs.append((tmp_path / name / "page.txt.gz").read_bytes())
    assert outs[0] == outs[1]  # no timestamp in the gzip header
    plain = cleaner("clean", tmp_path / "page.txt", "-q")
    assert gzip.decompress(outs[0]) == plain.stdout


def test_a_json_lines_file_named_so_is_read_as_records_without_the_flag(
    cleaner, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Named on the command line, ``.jsonl`` and ``.ndjson`` files (compressed or not) are
    records, as ``.parquet`` files are: only the text field changes, not the keys."""
    records = [{"標題": "頭髮", "text": "後面的頭髮"}, {"id": 2}]
    data = _lines(records)
    names = {"a.jsonl": data, "b.ndjson": data, "c.jsonl.gz": gzip.compress(data)}
    for name, raw in names.items():
        (tmp_path / name).write_bytes(raw)
        target = tmp_path / f"out-{name}"
        proc = cleaner("clean", tmp_path / name, "-o", target, "--to", "simplified", "-q")
        assert proc.returncode == 0, proc.stderr.decode()
        out = target.read_bytes()
        lines = (gzip.decompress(out) if name.endswith(".gz") else out).splitlines()
        assert [json.loads(line) for line in lines] == [
            {"標題": "頭髮", "text": "后面的头发"},
            {"id": 2},
        ], name
