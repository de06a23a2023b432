"""The whole pipeline on the ruby PDF set (ruby_pdf_metrics, report_ruby_pdf.py): the
extractors' spaces between two Han characters must keep going, the paragraphs' own must
stay. The ceilings are the figures measured when they were set (docs/layout.md), plus a
margin: spurious Han spaces per 10,000 characters 2.1 per extractor (590.6 / 574.6 /
574.6 before prose_spaces); the truth's spaces lost 3.5 (pdfminer) and 13.9 (pdftotext,
both forms: letter_spacing collapses a line set out in full, `第一 条 为 了`, with the
article number's space); whitespace-free CER 0.0042 / 0.0042 / 0.0039."""

from __future__ import annotations

import pytest
from ruby_pdf_metrics import Counts, measure, records

from cleaner.core.pipeline import Pipeline

EXTRACTORS = {"pdfminer", "pdftotext", "pdftotext_layout"}
SPURIOUS_CEILING = 4.0
LOST_CEILING = {"pdfminer": 4.0, "pdftotext": 15.0, "pdftotext_layout": 15.0}
CER_CEILING = 0.005


@pytest.fixture(scope="module")
def totals() -> dict[str, Counts]:
    return measure(Pipeline())


def test_the_set_is_there(totals: dict[str, Counts]) -> None:
    assert set(totals) == EXTRACTORS
    assert all(c.records >= 300 for c in totals.values())


@pytest.mark.parametrize("name", sorted(EXTRACTORS))
def test_spurious_spaces_go(totals: dict[str, Counts], name: str) -> None:
    c = totals[name]
    assert c.per_10k(c.spurious) <= SPURIOUS_CEILING


@pytest.mark.parametrize("name", sorted(EXTRACTORS))
def test_the_paragraphs_spaces_stay(totals: dict[str, Counts], name: str) -> None:
    c = totals[name]
    assert c.truth_lost == 0, "cleaning the truth lost one of its spaces (第一条 为了)"
    assert c.per_10k(c.lost) <= LOST_CEILING[name]
    assert c.cer <= CER_CEILING


def test_cleaning_twice_changes_nothing() -> None:
    pipeline = Pipeline()
    for rec in records():
        once = pipeline.clean_text(rec["damaged"])
        assert pipeline.clean_text(once) == once, rec["id"]
