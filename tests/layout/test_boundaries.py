"""Paragraph boundaries against the hand labels of seeds 000/003 and the column generator.

Gaps are read off the stage's output by aligning it to the raw lines (gap_labels.py):
a boundary is a gap after which the next raw line starts a new output paragraph.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from column_generator import generate
from gap_labels import Score, output_gaps, read_labels

from cleaner.core.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parent / "data"
SEEDS = ["000", "003"]
PAGES = 60  # generated pages, about 1,000 boundaries


def _seed(name: str) -> str:
    return next((ROOT / "seeds").glob(f"{name}_*.txt")).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(stages=["layout"])


def _score_seed(pipeline: Pipeline, name: str) -> Score:
    path = DATA / f"{name}.labels.tsv"
    if not path.exists():
        pytest.skip(f"{path.name} not there yet")
    nums, labels, texts = read_labels(path)
    raw = _seed(name)
    raw_lines = raw.splitlines()
    assert [raw_lines[n - 1].replace("\t", " ") for n in nums] == texts, "labels out of step"
    lines = [raw_lines[n - 1] for n in nums]
    score = Score()
    score.add(labels, output_gaps(lines, pipeline.clean_text(raw)))
    return score


@pytest.mark.parametrize("name", SEEDS)
def test_labelled_seed_boundaries(pipeline: Pipeline, name: str) -> None:
    score = _score_seed(pipeline, name)
    assert score.tp > 30
    assert score.precision >= 0.98, f"precision {score.precision:.3f}"
    assert score.recall >= 0.98, f"recall {score.recall:.3f}"
    assert score.article_joins == 0, "two different articles were joined"


def test_generated_columns_boundaries(pipeline: Pipeline) -> None:
    score = Score()
    for seed in range(PAGES):
        page = generate(seed)
        score.add(page.truth, output_gaps(page.nonblank(), pipeline.clean_text(page.text)))
    assert score.tp > 500
    assert score.precision >= 0.98, f"precision {score.precision:.3f}"
    assert score.recall >= 0.98, f"recall {score.recall:.3f}"


def test_generated_columns_idempotent(pipeline: Pipeline) -> None:
    for seed in range(0, PAGES, 3):
        out = pipeline.clean_text(generate(seed).text)
        assert pipeline.clean_text(out) == out, f"page {seed}"


def test_generator_is_seeded_and_labelled() -> None:
    a, b = generate(7), generate(7)
    assert a.text == b.text and a.truth == b.truth
    assert len(a.nonblank()) == len(a.truth)
    assert a.truth[-1] == "E" and "A" in a.truth and "J" in a.truth
    assert any(line == "" for line in a.lines), "column breaks show as blank lines"
