"""The real-tool pairs (tests/layout/ocr/pages/, made by scripts/ocr_cases.py): what
cleaning achieves on them must keep holding. The floors are the figures measured when
they were set (docs/layout.md, "Real OCR and PDF output"), less a small margin."""

from __future__ import annotations

from collections import defaultdict

import pytest
from ocr_metrics import Counts, Pair, load_pairs, paragraphs_by_line, score

from cleaner.core.pipeline import Pipeline

PAIRS = load_pairs()
# per extractor: paragraph F1 and spurious Han spaces per 10,000 characters after cleaning
# (measured: F1 0.942 / 0.951 / 0.959; spaces 0.0 / 0.0 / 0.0)
F1_FLOOR = {"tesseract": 0.94, "pdftotext": 0.95, "pdfminer": 0.955}
SPACES_CEILING = {"tesseract": 1.0, "pdftotext": 1.0, "pdfminer": 1.0}


@pytest.fixture(scope="module")
def cleaned() -> dict[tuple[str, str], str]:
    pipeline = Pipeline()
    return {(p.page, p.extractor): pipeline.clean_text(p.input) for p in PAIRS}


def test_the_set_is_there() -> None:
    tools = {p.extractor for p in PAIRS}
    assert tools == set(F1_FLOOR)
    assert {p.meta["script"] for p in PAIRS} == {"simplified", "traditional"}
    assert len(PAIRS) >= 40


@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: f"{p.page}.{p.extractor}")
def test_cleaning_never_raises_cer(pair: Pair, cleaned: dict[tuple[str, str], str]) -> None:
    before = score(paragraphs_by_line(pair.input), pair.truth)
    after = score(paragraphs_by_line(cleaned[pair.page, pair.extractor]), pair.truth)
    assert after.edits <= before.edits


def test_per_extractor_floors(cleaned: dict[tuple[str, str], str]) -> None:
    totals: dict[str, Counts] = defaultdict(Counts)
    for p in PAIRS:
        totals[p.extractor] += score(paragraphs_by_line(cleaned[p.page, p.extractor]), p.truth)
    for tool, c in totals.items():
        assert c.f1 >= F1_FLOOR[tool], f"{tool}: paragraph F1 {c.f1:.3f}"
        assert c.spaces_per_10k <= SPACES_CEILING[tool], f"{tool}: {c.spaces_per_10k:.1f}"
        assert c.mark_spaces_per_10k <= 1.0, f"{tool}: spaces at marks {c.mark_spaces_per_10k:.1f}"


def test_cleaning_is_idempotent_on_real_tool_output(cleaned: dict[tuple[str, str], str]) -> None:
    pipeline = Pipeline()
    for p in PAIRS[::4]:
        out = cleaned[p.page, p.extractor]
        assert pipeline.clean_text(out) == out, f"{p.page}.{p.extractor}"


def test_no_form_feed_left(cleaned: dict[tuple[str, str], str]) -> None:
    """pdftotext and pdfminer end every page with a form feed; none is left (a line of
    its own, or glued to the next page's running head, before page_break)."""
    for (page, tool), out in cleaned.items():
        assert "\f" not in out, f"{page}.{tool}"
