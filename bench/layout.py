"""Throughput of the layout stage (MB/s of UTF-8 input) on two kinds of text.

column: OCR'd newspaper pages as tests/layout/column_generator.py sets them;
lines: the same text already one paragraph per line (what the gate must pass
cheaply). About 20 MB of each, cleaned page by page as separate documents.
Run from the repository root: .venv/bin/python bench/layout.py [MB]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "layout"))

from column_generator import generate  # noqa: E402

from cleaner.core.pipeline import Pipeline  # noqa: E402


def _pages(n: int) -> list[str]:
    return [generate(seed).text for seed in range(n)]


def _bench(pl: Pipeline, pages: list[str], target: int) -> tuple[float, float]:
    done = 0
    start = time.perf_counter()
    i = 0
    while done < target:
        page = pages[i % len(pages)]
        pl.clean_text(page, path=f"page{i}")
        done += len(page.encode("utf-8"))
        i += 1
    return done / 1e6, time.perf_counter() - start


def main() -> None:
    target = int(float(sys.argv[1]) * 1e6) if len(sys.argv) > 1 else 20_000_000
    pl = Pipeline(stages=["layout"])
    column = _pages(200)
    lines = [pl.clean_text(p) for p in column]
    for name, pages in (("column", column), ("lines", lines)):
        mb, secs = _bench(pl, pages, target)
        print(f"layout {name:6s} {mb:6.1f} MB in {secs:6.2f} s = {mb / secs:6.2f} MB/s")


if __name__ == "__main__":
    main()
