"""End-to-end checks of the layout stage on the seed documents."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex
from rapidfuzz.fuzz import ratio

from cleaner.core.pipeline import Pipeline
from cleaner.core.records import Change

ROOT = Path(__file__).resolve().parents[2]
NAMES = ["000", "001", "002", "003", "004"]
# a space kept on purpose: after a dateline (本报讯 7月12日, …日电 7月12日)
_DATELINE = r"(?:本报讯|日电|专电)"


def _seed(name: str) -> str:
    return next((ROOT / "seeds").glob(f"{name}_*.txt")).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def layout() -> dict[str, tuple[str, list[Change]]]:
    pl = Pipeline(stages=["layout"])
    out = {}
    for name in NAMES:
        changes: list[Change] = []
        out[name] = (pl.clean_text(_seed(name), path=name, sink=changes.append), changes)
    return out


@pytest.mark.parametrize("name", NAMES)
def test_idempotent(layout: dict[str, tuple[str, list[Change]]], name: str) -> None:
    text = layout[name][0]
    again: list[Change] = []
    assert Pipeline(stages=["layout"]).clean_text(text, sink=again.append) == text
    assert again == []
    assert text.endswith("\n") and not text.endswith("\n\n")


@pytest.mark.parametrize("name", ["001", "002", "004"])
def test_gate_keeps_one_paragraph_per_line(
    layout: dict[str, tuple[str, list[Change]]], name: str
) -> None:
    text, changes = layout[name]
    assert not [c for c in changes if c.rule == "unwrap"]
    raw = [ln.strip() for ln in _seed(name).splitlines() if ln.strip()]
    assert len(text.splitlines()) <= len(raw)


@pytest.mark.parametrize("name", ["000", "003"])
def test_no_spacing_noise_left(layout: dict[str, tuple[str, list[Change]]], name: str) -> None:
    text = layout[name][0]
    assert not regex.search(r"\p{Han}[ \u3000]\p{Han}[ \u3000]\p{Han}", text), "letter-spacing"
    for m in regex.finditer(r"\d[ \u3000]+\p{Han}|\p{Han}[ \u3000]+\d", text):
        assert regex.search(_DATELINE + r"$", text[: m.start() + 1]), f"OCR space: {m.group()}"
    assert "下转" not in text and "上接" not in text


def test_quoted_list_lines_stay_separate(layout: dict[str, tuple[str, list[Change]]]) -> None:
    lines = layout["003"][0].splitlines()
    for quote in ["“请大家保持一米间距排队”", "“请提前打开健康码”", "“请大家佩戴好口罩”", "……"]:
        assert quote in lines


def test_002_keeps_paragraphs_and_drops_repeats(
    layout: dict[str, tuple[str, list[Change]]],
) -> None:
    text, changes = layout["002"]
    raw = [ln.strip() for ln in _seed("002").splitlines() if ln.strip()]
    out = text.splitlines()
    assert len([c for c in changes if c.rule == "repeated_paragraph"]) == 19
    # every raw paragraph survives as one output line (page-jump marker aside), once
    stripped = [regex.sub(r"^\(上接1版\)", "", ln) for ln in raw]
    expected = list(dict.fromkeys(s for s in stripped if s))
    assert out == expected


def _paragraphs(text: str, first: str, last: str) -> list[str]:
    paras = text.splitlines()
    i = next(n for n, p in enumerate(paras) if first in p)
    j = next(n for n, p in enumerate(paras) if p.startswith(last))
    return paras[i : j + 1]


def _han(s: str) -> str:
    return "".join(regex.findall(r"\p{Han}", s))


def test_guangdong_article_matches_web_edition() -> None:
    """000 (print, columns) and 001 (web, one paragraph per line) hold the same article."""
    pl = Pipeline(overrides={"convert": {"opencc": {"to": "simplified"}}})
    web = pl.clean_text(_seed("001"))
    paper = pl.clean_text(_seed("000"))
    span = ("全省疫情防控工作电视电话会议在广州召开，", "会议以电视电话会议形式")
    a, b = _paragraphs(web, *span), _paragraphs(paper, *span)
    assert len(a) == len(b) == 6
    for x, y in zip(a, b, strict=True):
        assert ratio(_han(x), _han(y)) >= 90, (x[:20], y[:20])
    # the headline deck: three paragraphs, the two-line sub-headline joined with a space
    heads = [
        "全省疫情防控工作电视电话会议在广州召开",
        "以更快更严更实的硬措施迅速扑灭本土疫情 全力打赢疫情防控硬仗",
    ]
    for h in heads:
        assert h in web.splitlines() and h in paper.splitlines()
