"""The line guard's cut (boilerplate glued onto a prose line) and markdown_image's
search for images at a line's end are linear in the line, and find what the plain
definitions find: ``cut_point`` passes over markers whose tail holds prose without
reading the tail, and the image tail is searched backwards from each line's end
(FINDINGS.md H5: a 64K-character line of prose items before a date took 25 s, a line
of unclosed images 1.2 s, both quadratic)."""

from __future__ import annotations

import time

import regex
from hypothesis import given
from hypothesis import strategies as st

from cleaner.core.pipeline import Pipeline
from cleaner.stages.encoding import boilerplate
from cleaner.stages.encoding.boilerplate import MarkdownImage, RelatedLinks
from cleaner.stages.line_guard import _WORD_BEFORE, cut_point, holds_prose
from tests.properties.test_linear_time import BOUND, FACTOR

RULES = Pipeline(stages=["encoding"]).rules
RELATED = next(r for r in RULES if isinstance(r, RelatedLinks))
IMAGES = next(r for r in RULES if isinstance(r, MarkdownImage))
CUTS = [(RELATED.marker, RELATED.pattern), (boilerplate._IMAGE_START, IMAGES.pattern)]
FORWARD_TAIL = regex.compile(boilerplate._IMAGE_TAIL.pattern, regex.MULTILINE)

PIECES = ["甲", "乙", "。", "！", "!", "?", ";", "- ", "1.", "· ", " ", "\t", "2023-01-15"]
PIECES += ["![a](b)", "[![a](b)](c)", "![", "](", ")", "]", "[", "a", "3", "标题", "x"]
LINES = st.lists(st.sampled_from(PIECES), min_size=1, max_size=30).map("".join)


def plain_cut(line: str, marker: regex.Pattern[str], item: regex.Pattern[str], n: int) -> int:
    """The definition: the first marker (not inside a word) from which the rest of the
    line is one item holding no sentence, with the spaces before it."""
    for m in marker.finditer(line, 1):
        p = m.start()
        if _WORD_BEFORE.match(line, p - 1):
            continue
        tail = line[p:]
        if item.fullmatch(tail) and not holds_prose(tail, n):
            return len(line[:p].rstrip(" \t"))
    return -1


@given(LINES, st.integers(0, 6))
def test_cut_point_is_the_plain_definition(line: str, max_han: int) -> None:
    for marker, item in CUTS:
        assert cut_point(line, marker, item, max_han) == plain_cut(line, marker, item, max_han)


@given(st.lists(st.one_of(LINES, st.just("\n")), max_size=6).map("".join))
def test_image_tails_are_found_on_the_lines_a_forward_search_finds(text: str) -> None:
    def lines(found: object) -> set[int]:
        return {text.rfind("\n", 0, m.start()) + 1 for m in found}  # type: ignore[attr-defined]

    assert lines(boilerplate._IMAGE_TAIL.finditer(text)) == lines(FORWARD_TAIL.finditer(text))


def _time(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        for marker, item in CUTS:
            cut_point(text, marker, item, 20)
        list(boilerplate._IMAGE_TAIL.finditer(text))
        best = min(best, time.process_time() - started)
    return best


def _line(n: int) -> str:
    """Prose with a marker after every sentence, unclosed images, and a dated item at
    the end: every marker's tail holds prose."""
    unit = "会议强调要坚持人民至上。- 附图![示意](http://x/"
    return (unit * (n // len(unit) + 1))[:n] + "- 标题 2023-01-15"


def test_a_long_line_of_markers_is_cut_in_linear_time() -> None:
    n = 4_000
    _time(_line(n))
    t_small, t_large = _time(_line(n)), _time(_line(n * FACTOR))
    ratio = t_large / max(t_small, 1e-3)
    assert ratio < BOUND, f"{FACTOR}x the line took {ratio:.1f}x the time"
