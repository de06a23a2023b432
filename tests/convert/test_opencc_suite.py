"""OpenCC's official test cases, run through the pipeline's convert stage (``config``)."""

from __future__ import annotations

from functools import cache

import pytest

from cleaner.core.pipeline import Pipeline
from cleaner.core.records import Change
from tests.convert.suite import suite_params


@cache
def pipeline(config: str) -> Pipeline:
    return Pipeline(stages=["convert"], overrides={"convert": {"opencc": {"config": config}}})


@pytest.mark.parametrize(("config", "text", "expected"), suite_params())
def test_opencc_case(config: str, text: str, expected: str) -> None:
    changes: list[Change] = []
    assert pipeline(config).clean_text(text, sink=changes.append) == expected
    for c in changes:
        assert text[c.start : c.end] == c.before, f"record offsets wrong: {c}"
