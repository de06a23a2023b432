"""Screens in front of layout searches reject only what the full search would reject.

- prose_spaces judges a pair of lines only where one of them has a space between two
  Han characters (no other line can lose a space);
- separator skips a run that is the separator already, before more text;
- page_jump, with the shipped patterns, tries them only from one of 接转轉续續 back over
  what may stand before it in a marker;
- bracket_pair, with brackets that only open or only close, matches only the pairs its
  rule file names (a matched pair is never found).
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.core.edits import Edit
from cleaner.core.pipeline import Pipeline
from cleaner.core.rule import BlockContext
from cleaner.stages.layout import bracket_pair, page_jump, separator
from cleaner.stages.layout.prose_space import ProseSpaces
from tests.layout.test_shipped_prescreens import JUMP_TOKENS, strings

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


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="创造a ，1\n𠀀", max_size=30), st.integers(1, 12))
def test_prose_spaces_counts_han_as_findall(line: str, n: int) -> None:
    rule = ProseSpaces(ProseSpaces.Params(min_han=n))
    has = rule.enough_han.match(line) is not None
    assert has == (len(regex.findall(r"\p{Han}", line)) >= n)


# -- separator -----------------------------------------------------------------
def test_separator_odd_runs_are_the_runs_but_the_separator_before_text() -> None:
    alphabet = [" ", "\t", "\u3000", "\u00a0", "\n", "a"]
    for n in range(1, 7):
        for chars in itertools.product(alphabet, repeat=n):
            text = "".join(chars)
            lead = separator._LEAD.match(text)
            for pos in {0, lead.end() if lead else 0}:  # where _edits starts
                for sep, odd in separator._ODD_RUNS.items():
                    runs = [
                        m.span()
                        for m in separator._RUN.finditer(text, pos)
                        if m.group() != sep or m.end() == len(text)
                    ]
                    assert [m.span() for m in odd.finditer(text, pos)] == runs, (repr(text), pos)


def test_separator_edits_as_with_every_run(monkeypatch: pytest.MonkeyPatch) -> None:
    rule = next(r for r in LAYOUT if isinstance(r, separator.Separator))
    texts = [
        "甲\n乙\n",
        "甲\n乙",
        "甲\n",
        "\n甲\n \n乙\n\n丙 \n",
        " \n",
        "\n",
        "甲\n\n乙\n\n",
    ] + _texts()
    ctxs = [BlockContext(), BlockContext(is_last=False, after="x"), BlockContext(index=1)]
    cases = [(t, c, sep) for t in texts for c in ctxs for sep in ("\n", "\n\n")]
    screened = [list(rule._edits(t, c, sep)) for t, c, sep in cases]
    monkeypatch.setattr(separator, "_ODD_RUNS", {"\n": separator._RUN, "\n\n": separator._RUN})
    assert [list(rule._edits(t, c, sep)) for t, c, sep in cases] == screened


# -- page_jump -------------------------------------------------------------------
def test_what_stands_before_the_needed_character_is_allowed_for() -> None:
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    assert all(c.isspace() for c in regex.findall(r"\s", every))
    for pattern in page_jump.DEFAULT_PATTERNS:
        assert regex.search(r"\(\?:(上接|下|详见|请见|见)", pattern) or "(?:上接" in pattern


def test_page_jump_tries_the_shipped_patterns_where_finditer_finds_them() -> None:
    rule = next(r for r in LAYOUT if isinstance(r, page_jump.PageJump))
    assert rule.needs is not None
    extra = [
        "（下转第八版）",
        "▶下转A6版",
        "见转第2版",
        "（\n下转\n第 8\n版）",
        "  （下轉Cl4乒）  \n",
    ]
    texts = strings(JUMP_TOKENS + ["\n", "\u3000", "\t", "  "], 30_000, 3) + extra + _texts()
    found = 0
    for text in texts:
        spans = [m.span() for m in rule.pattern.finditer(text)]
        assert [m.span() for m in rule._shipped(text)] == spans, repr(text)
        found += len(spans)
    assert found > 100


# -- bracket_pair ------------------------------------------------------------------
def _any_pair_edits(rule: bracket_pair.BracketPair, text: str) -> list[tuple[int, int, str]]:
    """bracket_pair's edits with a pattern of any opening and any closing bracket."""
    fixes = rule.params.fixes
    opening = regex.escape("".join(k[0] for k in fixes))
    closing = regex.escape("".join(k[1] for k in fixes))
    inner = f"[^{regex.escape(bracket_pair._BRACKETS)}\\n]{{1,{rule.params.max_chars}}}"
    out = []
    for m in regex.finditer(f"[{opening}]({inner})[{closing}]", text):
        fixed = fixes.get(m.group()[0] + m.group()[-1])
        if fixed is None or not regex.search(r"\p{Han}", m.group(1)):
            continue
        if m.group()[0] != fixed[0]:
            out.append((m.start(), m.start() + 1, fixed[0]))
        if m.group()[-1] != fixed[1]:
            out.append((m.end() - 1, m.end(), fixed[1]))
    return out


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from(list(bracket_pair._BRACKETS) + ["经济", "a", "\n", " "]), max_size=40)
)
def test_bracket_pair_finds_what_any_pair_would(tokens: list[str]) -> None:
    rule = next(r for r in LAYOUT if isinstance(r, bracket_pair.BracketPair))
    assert rule.pattern.pattern.startswith("(?|\\(")  # the pairs the rule file names
    text = "".join(tokens)
    assert [(e.start, e.end, e.after) for e in _edits(rule, text)] == _any_pair_edits(rule, text)
