"""The pinyin rule on the ruby damage set (data/ruby/: paragraphs rendered with <ruby>
and flattened by real extractors; issue #11 items 1-2).

Each form (tone marks, tone numbers, zhuyin; with and without <rp>; every, some or a
few characters annotated, or every word, its readings spaced or joined), each
extractor that prints readings (a real browser's innerText among them), and each form
with each extractor: at least 98% of
the printed annotations removed, no genuine parenthesised group touched, no
annotation left folded into full-width parentheses by the stage; the baseline
(density gate alone) removes far less. ``scripts/measure_ruby.py`` prints the table.
"""

from __future__ import annotations

import pytest
import ruby_set
from ruby_set import Report, measure, pinyin_only

from cleaner.core.pipeline import Pipeline

MIN_REMOVED = 0.98  # per form, extractor and both (measured: 99.5%, 99.9%, 99.0% at worst)
MIN_EXACT = 0.85  # paragraphs equal to the truth, per extractor that prints readings


@pytest.fixture(scope="module")
def report() -> Report:
    return measure(pinyin_only(), stage=Pipeline(stages=["encoding"]))


def test_every_form_loses_its_annotations(report: Report) -> None:
    for form, t in sorted(report.by_form.items()):
        print(f"{form}: {100 * t.removed:.1f}% of {t.annotations} removed")
        assert t.removed >= MIN_REMOVED, form
        assert t.genuine_touched == 0, form
        assert t.folded == 0, form


def test_every_form_with_every_extractor(report: Report) -> None:
    for (form, name), t in sorted(report.by_form_extractor.items()):
        assert t.removed >= MIN_REMOVED, (form, name, t.removed)
        assert t.genuine_touched == 0, (form, name)


def test_every_extractor(report: Report) -> None:
    for name, t in sorted(report.by_extractor.items()):
        print(f"{name}: {100 * t.removed:.1f}% removed, {t.exact}/{t.paragraphs} exact")
        assert t.removed >= MIN_REMOVED, name
        assert t.genuine_touched == 0, name
        assert t.exact >= MIN_EXACT * t.paragraphs, name
    assert report.by_extractor["bs4"].annotations == 0  # bs4 4.13+ leaves <rt> out


def test_baseline_is_the_density_gate_alone() -> None:
    base = measure(pinyin_only(rules=("pinyin",), local=False))
    assert base.total.removed < 0.5


def test_cleaning_the_cleaned_set_changes_nothing() -> None:
    stage = Pipeline(stages=["encoding"])
    for rec in ruby_set.records():
        once = stage.clean_text(rec["damaged"], path=rec["id"])
        assert stage.clean_text(once, path=rec["id"] + "+") == once, rec["id"]


# the same pages printed to PDF by a real browser and read back by pdftotext (plain
# and -layout) and pdfminer: rows of readings on lines of their own (reading_lines)
PDF_MIN_REMOVED = 0.98  # per form and per extractor (measured: 98.0%, 99.7% at worst)
PDF_MIN_CELL = 0.95  # per form with each extractor (measured: 97.1%: two syllables, one row)


@pytest.fixture(scope="module")
def pdf_report() -> Report:
    return measure(pinyin_only(), stage=Pipeline(stages=["encoding"]), path=ruby_set.PDF_SET)


def test_pdf_rows_of_readings_go(pdf_report: Report) -> None:
    for group in (pdf_report.by_form, pdf_report.by_extractor):
        for key, t in sorted(group.items()):
            print(f"{key}: {100 * t.removed:.1f}% of {t.annotations} removed")
            assert t.removed >= PDF_MIN_REMOVED, key
            assert t.genuine_touched == 0, key
            assert t.folded == 0, key
    for key, t in sorted(pdf_report.by_form_extractor.items()):
        assert t.removed >= PDF_MIN_CELL, key


def test_pdf_rows_stay_without_the_rule() -> None:
    base = measure(pinyin_only(rules=("pinyin",)), path=ruby_set.PDF_SET)
    assert base.total.removed < 0.5
