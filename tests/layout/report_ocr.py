"""Print how cleaning does on the real-tool pairs (tests/layout/ocr/pages/), per extractor.

Run from the repository root:
    .venv/bin/python tests/layout/report_ocr.py [-v] [-e] [--off RULE,RULE]
Rows: the raw text (every line a paragraph), the blank-line baseline (blocks between
blank lines are paragraphs, lines joined) and the cleaned text (default pipeline,
``--to keep``). Columns: paragraph P/R/F1, whitespace-free CER, spaces between two Han
characters and spaces between a full-width mark and Chinese text, beyond the truth's,
per 10,000 characters. ``-v`` adds one line per file, ``-e`` every false (FP) and missed
(FN) paragraph boundary after cleaning with its context; ``--off`` switches layout rules
off (to see what each one brings).
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ocr_metrics import (  # noqa: E402
    Counts,
    boundary_errors,
    load_pairs,
    paragraphs_by_blank,
    paragraphs_by_line,
    score,
)

from cleaner.core.pipeline import Pipeline  # noqa: E402


def _row(name: str, c: Counts) -> str:
    return (
        f"  {name:8s} P={c.precision:.3f} R={c.recall:.3f} F1={c.f1:.3f} "
        f"CER={c.cer:.4f} han_spaces/10k={c.spaces_per_10k:5.1f} "
        f"mark_spaces/10k={c.mark_spaces_per_10k:5.1f}"
    )


def main() -> None:
    verbose = "-v" in sys.argv
    errors = "-e" in sys.argv
    off = sys.argv[sys.argv.index("--off") + 1].split(",") if "--off" in sys.argv else []
    pipeline = Pipeline(overrides={"layout": {rid: {"enabled": False} for rid in off}})
    totals: dict[str, dict[str, Counts]] = defaultdict(lambda: defaultdict(Counts))
    worse: dict[str, int] = defaultdict(int)
    files: dict[str, int] = defaultdict(int)
    chars, seconds = 0, 0.0
    for pair in load_pairs():
        t0 = time.perf_counter()
        out = pipeline.clean_text(pair.input)
        seconds += time.perf_counter() - t0
        chars += len(pair.input)
        rows = {
            "raw": score(paragraphs_by_line(pair.input), pair.truth),
            "blank": score(paragraphs_by_blank(pair.input), pair.truth),
            "cleaned": score(paragraphs_by_line(out), pair.truth),
        }
        for name, c in rows.items():
            totals[pair.extractor][name] += c
        files[pair.extractor] += 1
        worse[pair.extractor] += rows["cleaned"].edits > rows["raw"].edits
        if errors:
            for e in boundary_errors(paragraphs_by_line(out), pair.truth):
                print(f"{pair.page}.{pair.extractor:9s} {e}")
        if verbose:
            r, c = rows["raw"], rows["cleaned"]
            print(f"{pair.page}.{pair.extractor:9s} F1 {rows['blank'].f1:.2f}->{c.f1:.2f} "
                  f"CER {r.cer:.4f}->{c.cer:.4f} spaces {r.spaces}->{c.spaces}")  # fmt: skip
    for tool, rows in sorted(totals.items()):
        print(f"{tool} ({files[tool]} files; CER worse after cleaning on {worse[tool]})")
        for name, c in rows.items():
            print(_row(name, c))
    print(f"throughput: {chars / seconds / 1e6:.3f} MB/s ({chars} characters, {seconds:.2f} s)")


if __name__ == "__main__":
    main()
