"""Screens in front of layout searches reject only what the full search would reject.

- prose_spaces judges a pair of lines only where one of them has a space between two
  Han characters (no other line can lose a space);
- separator, with the one-newline separator, skips a lone newline (the separator
  already);
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.core.edits import Edit
from cleaner.core.pipeline import Pipeline
from cleaner.core.rule import BlockContext
from cleaner.stages.layout import separator
from cleaner.stages.layout.prose_space import ProseSpaces

ROOT = Path(__file__).resolve().parents[2]
LAYOUT = Pipeline(stages=["layout"]).rules


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for path in sorted((ROOT / "tests" / "cases").glob("*/*.json")):
        texts += [c["input"] for c in json.loads(path.read_text(encoding="utf-8"))]
    return texts


def _edits(rule: object, text: str) -> list[Edit]:
    return list(rule.find(text, BlockContext()))  # type: ignore[attr-defined]


# -- prose_spaces ------------------------------------------------------------
class _UnscreenedProse(ProseSpaces):
    @staticmethod
    def _spaced(lines: list[str]) -> list[bool]:
        return [True] * len(lines)


PROSE = next(r for r in LAYOUT if isinstance(r, ProseSpaces))
PROSE_ALL = _UnscreenedProse(PROSE.params)
PROSE_TOKENS = ["创", "造", "学", "生", "本", "条", "良好", "城市", "公众", " ", " ", "\n", "\n\n",
                "，", "。", "；", "第一条", "记者", "（", "）", "“", "”", "a", "1"]  # fmt: skip


def test_prose_spaces_screen_on_the_seeds_and_cases() -> None:
    for text in _texts():
        assert _edits(PROSE, text) == _edits(PROSE_ALL, text), text[:80]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PROSE_TOKENS), max_size=120))
def test_prose_spaces_screen_rejects_only_lines_without_edits(tokens: list[str]) -> None:
    text = "".join(tokens)
    wide = text.replace("\n", "创造良好的城市环境，保障公众身体健康\n")  # full lines
    for t in (text, wide):
        assert _edits(PROSE, t) == _edits(PROSE_ALL, t)


# -- separator -----------------------------------------------------------------
def test_separator_odd_runs_are_the_runs_but_a_lone_newline() -> None:
    alphabet = [" ", "\t", "\u3000", "\u00a0", "\n", "a"]
    for n in range(1, 7):
        for chars in itertools.product(alphabet, repeat=n):
            text = "".join(chars)
            runs = [m.span() for m in separator._RUN.finditer(text) if m.group() != "\n"]
            assert [m.span() for m in separator._ODD_RUN.finditer(text)] == runs, repr(text)


def test_separator_edits_as_with_every_run(monkeypatch: pytest.MonkeyPatch) -> None:
    rule = next(r for r in LAYOUT if isinstance(r, separator.Separator))
    assert rule.params.separator == "\n"
    texts = ["甲\n乙\n", "甲\n乙", "甲\n", "\n甲\n \n乙\n\n丙 \n", " \n", "\n"] + _texts()
    ctxs = [BlockContext(), BlockContext(is_last=False, after="x"), BlockContext(index=1)]
    screened = [list(rule._edits(t, c, "\n")) for t in texts for c in ctxs]
    monkeypatch.setattr(separator, "_ODD_RUN", separator._RUN)
    assert [list(rule._edits(t, c, "\n")) for t in texts for c in ctxs] == screened
