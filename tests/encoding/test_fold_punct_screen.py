"""fold_punct runs its protect patterns only over a block holding one of PROTECT_NEEDS
when the patterns are the shipped ones: the screen must reject only blocks where the
patterns find nothing. Its buffer of characters (an array of code points where the
platform allows) must read and write as the list of characters it replaces."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.core.edits import Edit
from cleaner.core.pipeline import Pipeline
from cleaner.core.rule import BlockContext
from cleaner.stages.encoding.fold_punct import PROTECT, PROTECT_NEEDS, FoldPunct, characters

ROOT = Path(__file__).resolve().parents[2]
RULE = next(r for r in Pipeline(stages=["encoding"]).rules if isinstance(r, FoldPunct))


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for path in sorted((ROOT / "tests" / "cases").glob("*/*.json")):
        texts += [c["input"] for c in json.loads(path.read_text(encoding="utf-8"))]
    return texts


def _unscreened() -> FoldPunct:
    rule = FoldPunct(FoldPunct.Params())
    rule.protect_needs = None
    return rule


def _edits(rule: FoldPunct, text: str) -> list[Edit]:
    return list(rule.find(text, BlockContext()))


def test_the_shipped_rule_file_uses_the_screen() -> None:
    assert RULE.protect_needs == PROTECT_NEEDS


def test_user_patterns_are_searched_without_the_screen() -> None:
    rule = FoldPunct(FoldPunct.Params(protect=[r"\{[^}]*\}"]))
    assert rule.protect_needs is None
    assert rule._protected("中文{a,b}中文") == [(2, 7)]


def test_same_spans_and_edits_on_seeds_and_case_files() -> None:
    plain = _unscreened()
    hits = 0
    for text in _texts():
        spans = plain._protected(text)
        assert RULE._protected(text) == spans
        assert _edits(RULE, text) == _edits(plain, text)
        hits += len(spans)
    assert hits > 0  # the texts hold URLs, e-mail addresses, code


_PIECES = st.sampled_from(
    ["http", "https", "ftp", "://", ":", "/", "//", "www", ".", "www.", "@", "&", "#",
     "x", "amp", ";", "`", "```", "!", "[", "]", "(", ")", "](", "![", "a", "Z", "0",
     "_", "-", "%", "+", "~", "=", "中文", "，", " ", "\n", ",", "?"]
)  # fmt: skip


@settings(max_examples=1500, derandomize=True, database=None)
@given(st.lists(_PIECES, max_size=25).map("".join))
def test_the_screen_rejects_only_what_the_patterns_reject(text: str) -> None:
    plain = _unscreened()
    assert RULE._protected(text) == plain._protected(text)
    if not any(need in text for need in PROTECT_NEEDS):
        assert plain._protected(text) == []


def test_each_shipped_pattern_holds_a_need() -> None:
    matching = {
        PROTECT[0]: "見https://a.cn/x,中",
        PROTECT[1]: "www.a.cn,中",
        PROTECT[2]: "a.b@c.cn,",
        PROTECT[3]: "&amp;&#39;&#x4e2d;",
        PROTECT[4]: "```a,b```",
        PROTECT[5]: "`a,b`",
        PROTECT[6]: "![圖](a.png)",
        PROTECT[7]: "[a](b,c)",
    }
    assert set(matching) == set(PROTECT)
    for text in matching.values():
        assert RULE._protected(text)
        broken = text
        for need in PROTECT_NEEDS:
            broken = broken.replace(need, "")
        assert not any(need in broken for need in PROTECT_NEEDS)
        assert _unscreened()._protected(broken) == []


@given(st.text(max_size=40))
@settings(max_examples=300, derandomize=True, database=None)
def test_characters_read_and_write_as_a_list(text: str) -> None:
    buf, chars = characters(text), list(text)
    assert len(buf) == len(chars) and list(buf) == chars
    assert "".join(buf[1:-1]) == "".join(chars[1:-1])
    if chars:
        buf[0] = chars[0] = "，"
        assert list(buf) == chars


def test_characters_hold_astral_and_lone_surrogates() -> None:
    text = "中\U0002000b\udc80,文"
    buf = characters(text)
    assert len(buf) == len(text) and [buf[i] for i in range(len(text))] == list(text)


_MARKS = st.sampled_from(
    [",", ";", ":", "!", "?", "(", ")", "中文", "，", "“", "”", " ", "\n", "1", "a", "的"]
)


@settings(max_examples=1000, derandomize=True, database=None)
@given(st.lists(_MARKS, max_size=30).map("".join), st.sampled_from([",;:!?()", ",?(", ""]))
def test_candidates_are_the_screen_matches_sparse_or_dense(text: str, marks: str) -> None:
    from cleaner.stages.encoding import fold_punct

    rule = FoldPunct(FoldPunct.Params(marks=marks))
    found = [m.start() for m in rule.screen.finditer(text)]
    for sparse in (0, 10**9):  # every text searched whole, every text mark by mark
        old, fold_punct.SPARSE = fold_punct.SPARSE, sparse
        try:
            assert rule._candidates(text) == found
        finally:
            fold_punct.SPARSE = old
