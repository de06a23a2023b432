"""Plain text hard-wrapped at one width (an e-mail, a text file, a PDF's text layer).

The column gate (``columns.is_columns``) judges print: a narrow, justified column
whose paragraph indents OCR may have dropped, 10-30 ems wide. Text wrapped by a
program at a fixed width (30, 36, 40 characters a line) can fail it: its lines are
wider, and a short document has few neighbouring lines to compare. The evidence here
is the wrap itself: every line a paragraph goes on after is full (the text's widest
width, less ``slack``), most of them end inside a sentence, and every shorter line a
paragraph goes on after ends one (verse, lists and tables have short lines that do
not). Then each full line is joined to the line after it; blank lines and a line
after a sentence end stay paragraph breaks.
"""

from __future__ import annotations

from collections.abc import Iterator

from cleaner.stages.layout.columns import Line

SLACK = 1.0  # ems short of the widest line that still count as full (half-width digits)
MIN_FULL = 3  # fewest full lines that go on
MIN_MID_SENTENCE = 0.5  # share of them that end inside a sentence (not verse)
_PAUSE = "，、；：,;:"  # a verse line ends on these as often as on a sentence end


def wrapped_joins(lines: list[Line], min_width: float, indent: float) -> Iterator[int]:
    """Indices ``k`` of the lines to join to line ``k + 1``, if ``lines`` read as text
    hard-wrapped at one width of at least ``min_width`` ems (none otherwise)."""
    widths = [ln.width + (indent if ln.indent else 0.0) for ln in lines]
    if not widths or max(widths) < min_width:
        return
    full_at = max(widths) - SLACK
    goes_on = [k for k, ln in enumerate(lines[:-1]) if not ln.blank_after]
    full = [k for k in goes_on if widths[k] >= full_at]
    if len(full) < MIN_FULL:
        return
    if any(widths[k] < full_at and not lines[k].final for k in goes_on):
        return  # a short line the paragraph goes on after: verse, a list, a table
    mid = sum(1 for k in full if not lines[k].final and lines[k].text[-1] not in _PAUSE)
    if mid < MIN_MID_SENTENCE * len(full):
        return
    yield from full
