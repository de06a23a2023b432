"""``Decider._gap`` calls only the checks whose needs a gap meets (``needs``: what a
line's ends and width show, a blank line, a headline ...): every check it skips must
return None on that gap. Asked of every check on every gap of the OCR pages, the
generated column pages and the seeds."""

from __future__ import annotations

import copy
import random
import sys
from collections.abc import Iterator
from pathlib import Path

import regex

from cleaner.core.pipeline import Pipeline
from cleaner.stages.han import is_han
from cleaner.stages.layout import columns
from cleaner.stages.layout.columns import (
    FULL,
    GAP_CHECKS,
    NOT_FULL,
    SHIPPED_HEADS,
    Gap,
    checks_for,
    is_columns,
    list_item_flags,
    split_lines,
)
from cleaner.stages.layout.unwrap import Unwrap

sys.path.insert(0, str(Path(__file__).parent))

from column_generator import generate  # noqa: E402

RULE = next(r for r in Pipeline(stages=["layout"]).rules if isinstance(r, Unwrap))
ROOT = Path(__file__).resolve().parents[2]


def _texts() -> Iterator[str]:
    yield from (
        p.read_text(encoding="utf-8")
        for p in sorted((ROOT / "tests/layout/ocr/pages").glob("*.txt"))
    )
    yield from (generate(seed).text for seed in range(60))
    yield from (p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))


def _zones(text: str) -> Iterator[str]:
    start = 0
    for m in RULE.long_line.finditer(text):
        yield text[start : m.start()]
        start = m.end()
    yield text[start:]


def test_a_skipped_check_returns_none() -> None:
    gaps = skipped = decided = 0
    for text in _texts():
        for zone in _zones(text):
            lines = split_lines(zone)
            items = list_item_flags(lines, RULE.cfg)
            if len(lines) < 2 or not is_columns(lines, RULE.cfg, items):
                continue
            dec = copy.copy(RULE.decider)
            decisions = dec.decide(lines, items)
            first = True
            for k, d in enumerate(decisions):
                g = Gap(dec, lines, dec.widths, k, first)
                features = dec.as_a[k] | dec.as_b[k + 1] | (FULL if g.full else NOT_FULL)
                asked = checks_for(features)
                for check in GAP_CHECKS:
                    if check not in asked:
                        skipped += 1
                        assert check(dec, g) is None, (
                            check.__name__,
                            lines[k].text,
                            lines[k + 1].text,
                        )
                    elif (got := check(dec, g)) is not None:
                        assert got == d, (check.__name__, got, d)  # the first that decides
                        decided += 1
                        break
                first = d[0] == "B"
                gaps += 1
    assert gaps > 10_000 and skipped > 100_000 and decided == gaps


def test_the_inline_han_test_is_is_han() -> None:
    ends = "中丁㐀䶿豈\ufaff\u4dc0\u9fff\ua000。，a1《》第十０"
    for ch in ends:
        lines = split_lines(f"{ch}中{ch}")
        dec = copy.copy(RULE.decider)
        dec.opens = dec.bylines = dec.quotes = dec.headline = dec.verse = [False]
        dec.items = [""]
        as_a, as_b = dec._features(lines)
        assert bool(as_a[0] & columns.A_HAN_END) == is_han(ch), ch
        assert bool(as_b[0] & columns.B_HAN_START) == is_han(ch), ch


# what the shipped patterns are made of, as tokens (random characters rarely make one)
HEAD_TOKENS = ["本报", "本報", "讯", "訊", "本报北京", "电", "電", "新华社", "新華社", "中新社",
               "■", "□", "⊙", "●", "◆", "▲", "★", "▶", "◎", "（", "(", "记者", "記者", "-", "*",
               "•", " ", "“", "”", "…", ".", "—", "）", ")", "。", "！", "通讯员", "的", "a", "1",
               "，", "　", "新", "中", "本"]  # fmt: skip


def test_a_shipped_pattern_matches_only_a_line_opening_as_its_screen_says() -> None:
    shipped = columns._SHIPPED
    assert set(SHIPPED_HEADS) == {shipped.para_start, shipped.byline, shipped.standalone}
    rnd = random.Random(5)
    texts = [
        "".join(rnd.choice(HEAD_TOKENS) for _ in range(rnd.randint(1, 8))) for _ in range(60_000)
    ]
    found = 0
    for source, screen in SHIPPED_HEADS.items():
        pattern = regex.compile(source)
        for text in texts:
            if pattern.search(text) is not None:
                assert screen.match(text[0]), (source, text)
                found += 1
    assert found > 3_000


def test_the_screened_flags_are_the_searched_ones() -> None:
    dec = copy.copy(RULE.decider)
    for text in _texts():
        lines = split_lines(text)
        for key in ("para_start", "byline", "standalone"):
            pattern = getattr(dec, key)
            assert pattern.pattern in SHIPPED_HEADS
            searched = [pattern.search(ln.text) is not None for ln in lines]
            assert dec._matches(pattern, lines) == searched
