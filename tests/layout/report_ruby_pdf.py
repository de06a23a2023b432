"""Print how the whole pipeline does on the ruby PDF set, per extractor (ruby_pdf_metrics).

Run from the repository root:
    .venv/bin/python tests/layout/report_ruby_pdf.py [-v]
Columns: records, Han spaces per 10,000 characters (the truth's; spurious ones left
after cleaning; the truth's lost), line breaks left per record (after cleaning the
damaged text; after cleaning the truth), records that came out one line, and
whitespace-free CER before and after cleaning. ``-v`` prints every record that keeps a
spurious Han space, with the output.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ruby_pdf_metrics import Counts, records, score  # noqa: E402

from cleaner.core.pipeline import Pipeline  # noqa: E402


def main() -> None:
    verbose = "-v" in sys.argv
    pipeline = Pipeline()
    totals: dict[str, Counts] = {}
    raw: dict[str, Counts] = {}
    t0 = time.perf_counter()
    for rec in records():
        out = pipeline.clean_text(rec["damaged"])
        c = score(out, rec["truth"], pipeline.clean_text(rec["truth"]))
        r = score(rec["damaged"], rec["truth"])
        for name in rec["extractors"]:
            totals.setdefault(name, Counts()).add(c)
            raw.setdefault(name, Counts()).add(r)
        if verbose and c.spurious:
            print(f"{rec['id']} {','.join(rec['extractors'])}: {out!r}")
    for name, c in sorted(totals.items()):
        n = c.records
        print(
            f"{name:17s} n={n:3d} han_spaces/10k truth={c.per_10k(c.truth_spaces):5.1f} "
            f"spurious={c.per_10k(c.spurious):6.1f} lost={c.per_10k(c.lost):4.1f} "
            f"truth_lost={c.truth_lost} breaks/rec={c.breaks / n:.2f} "
            f"(truth {c.truth_breaks / n:.2f}) one_line={c.one_line / n:.3f} "
            f"CER {raw[name].cer:.4f}->{c.cer:.4f}"
        )
    print(f"{time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
