"""Print the boundary precision/recall of the layout stage.

Run from the repository root: .venv/bin/python tests/layout/report_boundaries.py [pages]
(hand-labelled seeds 000/003, then ``pages`` generated pages, 200 by default).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from column_generator import generate  # noqa: E402
from gap_labels import Score, output_gaps, read_labels  # noqa: E402

from cleaner.core.pipeline import Pipeline  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def _line(name: str, s: Score) -> str:
    return (
        f"{name:14s} P={s.precision:.4f} R={s.recall:.4f} boundaries={s.tp + s.fn} "
        f"fp={s.fp} fn={s.fn} article_joins={s.article_joins} "
        f"join_kind={s.same_join}/{s.joins}"
    )


def main() -> None:
    pages = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    pl = Pipeline(stages=["layout"])
    for name in ("000", "003"):
        nums, labels, _ = read_labels(Path(__file__).parent / "data" / f"{name}.labels.tsv")
        raw = next((ROOT / "seeds").glob(f"{name}_*.txt")).read_text(encoding="utf-8")
        lines = [raw.splitlines()[n - 1] for n in nums]
        s = Score()
        s.add(labels, output_gaps(lines, pl.clean_text(raw)))
        print(_line(f"seed {name}", s))
    s = Score()
    for seed in range(pages):
        page = generate(seed)
        s.add(page.truth, output_gaps(page.nonblank(), pl.clean_text(page.text)))
    print(_line(f"generated x{pages}", s))


if __name__ == "__main__":
    main()
