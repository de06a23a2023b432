"""Report the pinyin rule on the ruby damage set (tests/encoding/data/ruby/): per form
(reading style, with or without <rp>, coverage) and per extractor, the share of printed
annotations removed, genuine parenthesised groups touched, exact paragraphs, and the
whole encoding stage's annotations left folded to full width; with the baseline
(``local = false``: the document density gate alone, as before issue #11).

    .venv/bin/python scripts/measure_ruby.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "encoding"))

from ruby_set import PDF_SET, Report, Tally, measure, pinyin_only  # noqa: E402

from cleaner.core.pipeline import Pipeline  # noqa: E402


def _row(name: str, t: Tally, base: Tally) -> str:
    return (
        f"{name:<24} {t.paragraphs:>5} {t.annotations:>6} {100 * t.removed:>7.1f}"
        f" {100 * base.removed:>6.1f} {t.genuine_touched:>5} {base.genuine_touched:>5}"
        f" {t.exact:>5} {base.exact:>5} {t.folded:>6}"
    )


def _table(title: str, rows: dict[str, Tally], base: dict[str, Tally]) -> None:
    print(f"\n{title}")
    print(
        f"{'':<24} {'paras':>5} {'annot':>6} {'removed%':>7} {'base%':>6} {'paren':>5}"
        f" {'base':>5} {'exact':>5} {'base':>5} {'folded':>6}"
    )
    for name in sorted(rows):
        print(_row(name, rows[name], base[name]))


def _matrix(new: Report, base: Report) -> None:
    names = sorted(new.by_extractor)
    print("\nremoved% (baseline%) per form and extractor; * marks a genuine group lost")
    print(f"{'':<20}" + "".join(f"{n[:16]:>17}" for n in names))
    for form in sorted(new.by_form):
        cells = []
        for n in names:
            t, b = new.by_form_extractor.get((form, n)), base.by_form_extractor.get((form, n))
            if t is None or b is None or not t.annotations:
                cells.append(f"{'-':>17}")
                continue
            mark = "*" if t.genuine_touched else " "
            cells.append(f"{100 * t.removed:>9.1f} ({100 * b.removed:>4.1f}){mark}")
        print(f"{form:<20}" + "".join(cells))


def main() -> None:
    stage = Pipeline(stages=["encoding"])
    new: Report = measure(pinyin_only(), stage=stage)
    base: Report = measure(pinyin_only(rules=("pinyin",), local=False))
    _table("by form (style-rp-coverage), all extractors", new.by_form, base.by_form)
    _table("by extractor", new.by_extractor, base.by_extractor)
    _table("total", {"all": new.total}, {"all": base.total})
    _matrix(new, base)
    print(
        "\nremoved%: printed annotations removed; paren: genuine parenthesised groups the"
        " output lost; exact: paragraphs equal to the truth; folded: annotations the whole"
        " encoding stage left in full-width parentheses. base: local = false."
    )
    print("\n\nThe same pages printed to PDF by Chromium and read back (ruby_pdf_set)")
    new = measure(pinyin_only(), stage=stage, path=PDF_SET)
    base = measure(pinyin_only(rules=("pinyin",)), path=PDF_SET)
    _table("by form, all extractors", new.by_form, base.by_form)
    _table("by extractor", new.by_extractor, base.by_extractor)
    _table("total", {"all": new.total}, {"all": base.total})
    print(
        "\nbase: the pinyin rule alone (no reading_lines). exact is rare: a PDF wraps the"
        " annotated page's lines elsewhere than the plain page's."
    )


if __name__ == "__main__":
    main()
