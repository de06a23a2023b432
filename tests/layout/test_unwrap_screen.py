"""unwrap screens each stretch between long lines before it splits it into lines: the
screen may reject only stretches the gate (``is_columns``) rejects, or those of long
average lines it always skipped."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.core.pipeline import Pipeline
from cleaner.stages.layout.columns import is_columns, split_lines
from cleaner.stages.layout.unwrap import LONG_LINE, Unwrap

RULE = next(r for r in Pipeline(stages=["layout"]).rules if isinstance(r, Unwrap))

_LINE = st.one_of(
    st.sampled_from(["", " ", "\u3000", " \t"]),  # blank, or padding only
    st.builds(
        lambda pad, body, end: pad + body + end,
        st.sampled_from(["", " ", "\u3000\u3000", "  "]),
        st.text(alphabet="中文字，、a1 ", min_size=1, max_size=30),
        st.sampled_from(["", "。", "，", " "]),
    ),
)


def _long_average(text: str) -> bool:
    """The screen unwrap always had: long average lines are never columns."""
    nl = text.count("\n")
    cfg = RULE.cfg
    return nl < cfg.min_lines - 1 or len(text) > (nl + 1) * LONG_LINE * cfg.max_width


@settings(max_examples=1500, derandomize=True, database=None)
@given(st.lists(_LINE, min_size=1, max_size=12).map("\n".join))
def test_the_screen_rejects_only_what_the_gate_rejects(text: str) -> None:
    block = "前" + text + "後"
    if not RULE._may_be_columns(block, 1, len(block) - 1):
        assert _long_average(text) or not is_columns(split_lines(text), RULE.cfg), text


def test_a_column_stretch_passes() -> None:
    lines = ["　　這是一段報紙文字的第一行內容", "是一段報紙文字的第二行內容而已", ""]
    lines.append("報紙文字的第三行，還在繼續寫")
    text = "\n".join(lines * 2)
    assert RULE._may_be_columns(text, 0, len(text))
    text = "\n".join(["一行", "", "", "二行", "  "])  # five lines, two of them text
    assert not RULE._may_be_columns(text, 0, len(text))
