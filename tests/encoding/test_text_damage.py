"""Seeded generator of the scraper's text damage, applied to clean text.

The mechanism (ARTIFACTS.md): a site annotates every occurrence of a fixed list
of characters with the character's default reading in ASCII parentheses, a tool
puts a stray ASCII ',' before many Chinese marks, and the full-width marks are
folded to ASCII. Applied to the clean print text of 000 and 003 (in Simplified
and, through OpenCC, Traditional; and 000 with its full stops made question and
exclamation marks at random), the encoding stage must give the text back.
"""

from __future__ import annotations

import random
from pathlib import Path

import opencc
import pytest
import regex
from pypinyin import Style, pinyin

from cleaner.core.pipeline import Pipeline

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
FOLD = str.maketrans("，；！（）：？", ",;!():?")
STRAY_BEFORE = "，、。；！？"


STYLES = [(Style.TONE, "()"), (Style.TONE3, "()"), (Style.TONE, "（）")]


def damage(
    text: str,
    rng: random.Random,
    style: tuple[Style, str] = STYLES[0],
    n_chars: int = 40,
    p_stray: float = 0.5,
) -> str:
    """Annotate a random list of characters everywhere, add stray commas, fold."""
    han = regex.findall(r"\p{Han}", text)
    common = sorted({c for c in han if han.count(c) >= 2})
    listed = set(rng.sample(common, min(n_chars, len(common))))
    tone, (left, right) = style
    out = []
    for ch in text:
        if ch in STRAY_BEFORE and rng.random() < p_stray:
            out.append(",")
        out.append(ch.translate(FOLD))
        if ch in listed:
            out.append(f"{left}{pinyin(ch, style=tone)[0][0]}{right}")
    return "".join(out)


def _docs() -> list[tuple[str, str]]:
    s2t = opencc.OpenCC("s2t")
    docs = []
    for prefix in ("000", "003"):
        (path,) = SEEDS.glob(f"{prefix}_*.txt")
        text = path.read_text(encoding="utf-8")
        docs += [(f"{prefix}-simplified", text), (f"{prefix}-traditional", s2t.convert(text))]
    # the seeds' sentences end mostly in 。: other papers ask and exclaim more
    rng = random.Random("marks")
    asked = regex.sub("。", lambda m: rng.choice("。？！"), docs[0][1])
    return [*docs, ("000-questions", asked), ("000-questions-traditional", s2t.convert(asked))]


@pytest.mark.parametrize(("name", "clean"), _docs(), ids=lambda x: x if len(x) < 30 else "")
def test_damage_comes_back(name: str, clean: str) -> None:
    pipeline = Pipeline(stages=["encoding"])
    rng = random.Random(f"{name}-1")
    lines_total = lines_exact = 0
    for trial, style in enumerate(STYLES):
        damaged = damage(clean, rng, style)
        assert damaged != clean
        out = pipeline.clean_text(damaged, path=f"{name}-{trial}")
        assert out.count("\n") == clean.count("\n")
        pairs = list(zip(out.split("\n"), clean.split("\n"), strict=True))
        lines_total += len(pairs)
        bad = [(a, b) for a, b in pairs if a != b]
        lines_exact += len(pairs) - len(bad)
        for a, b in bad[:5]:
            print(f"{name}: got {a!r}\n{' ' * len(name)}  want {b!r}")
    share = lines_exact / lines_total
    print(f"{name}: {lines_exact}/{lines_total} lines exact ({share:.4f})")
    assert share >= 0.99
