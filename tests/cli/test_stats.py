"""Statistics: the same counts with and without --explain, and with -j 2."""

from __future__ import annotations

import json
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
TIMES = ("seconds", "seconds_cleaning")


def _stats(cleaner, tmp_path: Path, name: str, *extra: str) -> dict:  # type: ignore[no-untyped-def]
    stats = tmp_path / f"{name}.json"
    proc = cleaner(
        "clean", SEEDS, "-o", tmp_path / name, "--to", "simplified", "--stats", stats, "-q", *extra
    )
    assert proc.returncode == 0, proc.stderr.decode()
    data = json.loads(stats.read_text())
    assert all(data.pop(key) > 0 for key in TIMES)
    return data


def test_counts_do_not_depend_on_explain_or_workers(cleaner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    explain = tmp_path / "changes.jsonl"
    plain = _stats(cleaner, tmp_path, "plain")
    explained = _stats(cleaner, tmp_path, "explained", "--explain", explain)
    parallel = _stats(cleaner, tmp_path, "parallel", "--explain", explain, "-j", "2")
    assert plain == explained == parallel
    records = [json.loads(line) for line in explain.read_text(encoding="utf-8").splitlines()]
    converted = sum(1 for r in records if r["rule"] == "opencc")
    assert plain["changes"]["convert.opencc"] == converted > 1000  # characters, not stretches
    seeds = sorted(SEEDS.glob("*.txt"))
    assert plain["documents"] == len(seeds) and plain["files"] == {"cleaned": len(seeds)}
    assert plain["bytes_in"] == sum(p.stat().st_size for p in seeds)
    out = sum(p.stat().st_size for p in (tmp_path / "plain").glob("*.txt"))
    assert plain["bytes_out"] == out
    assert plain["characters_in"] == sum(len(p.read_text("utf-8")) for p in seeds)
    outputs = (tmp_path / "plain").glob("*.txt")
    assert plain["characters_out"] == sum(len(p.read_text("utf-8")) for p in outputs)


def test_stats_file_holds_the_summary_rows(cleaner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Per rule: changes, characters and documents changed, findings left unchanged, and
    the summary's example, whole."""
    data = _stats(cleaner, tmp_path, "rows")
    rules = data["rules"]
    assert {k for k, v in rules.items() if v["changes"]} == set(data["changes"])
    for name, row in rules.items():
        assert row["changes"] == data["changes"].get(name, 0)
        assert row["left_unchanged"] == data["left_unchanged"].get(name, 0)
        assert 1 <= row["documents"] <= data["documents"]
    unwrap = rules["layout.unwrap"]
    assert unwrap["characters"] >= unwrap["changes"] > 0
    assert "\n" in unwrap["example"]["before"] and "\n" not in unwrap["example"]["after"]
    assert rules["encoding.related_links"]["example"]["after"] is None  # removed lines
