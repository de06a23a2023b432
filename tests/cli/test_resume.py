"""--skip-existing: a relaunched run cleans only what is not done yet."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))


def test_skip_existing_cleans_only_missing_or_outdated_outputs(cleaner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src, out, stats = tmp_path / "in", tmp_path / "out", tmp_path / "stats.json"
    src.mkdir()
    for p in SEEDS:
        shutil.copy(p, src / p.name)
    first = cleaner("clean", src, "-o", out, "-q")
    assert first.returncode == 0, first.stderr.decode()
    kept, removed, changed = (out / p.name for p in SEEDS[:3])
    kept.write_text("done before", encoding="utf-8")  # newer than its input: left as it is
    removed.unlink()  # as if the run had been killed before it
    changed_input = src / changed.name
    changed_input.write_text("頭髮,,很長\n", encoding="utf-8")
    later = os.stat(changed).st_mtime_ns + 10**9
    os.utime(changed_input, ns=(later, later))  # the input changed after its output was made
    again = cleaner("clean", src, "-o", out, "--skip-existing", "--stats", stats)
    assert again.returncode == 0, again.stderr.decode()
    assert f"skipped {len(SEEDS) - 2} input(s)" in again.stderr.decode()
    assert kept.read_text(encoding="utf-8") == "done before"
    assert removed.read_bytes() == cleaner("clean", src / removed.name).stdout
    assert changed.read_text(encoding="utf-8") == "頭髮，很長\n"
    files = json.loads(stats.read_text())["files"]
    assert files == {"cleaned": 2, "skipped, output up to date": len(SEEDS) - 2}


def test_skip_existing_needs_an_output_folder(cleaner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text("文字", encoding="utf-8")
    proc = cleaner("clean", tmp_path, "--in-place", "--skip-existing")
    assert proc.returncode == 2 and "give -o" in proc.stderr.decode()
