"""gbk_shift on clean text with genuine ASCII question and exclamation marks: no edit.

A genuine ``为什么?!?`` re-read one byte on gives marks (``。”``), as any run of
marks does; the character model prefers them to ASCII marks, so before the fix
gbk_shift "repaired" such endings: 68 edits in bench/encoding_gbk_shift.py's
100K-character clean + questions input (83 through the pipeline's passes), 37 on
this set (35 ``?!?`` -> ``。”``, ``???`` -> ``遥控`` and ``。可``). The set: clean lines (the
Simplified seeds, tests/encoding/data/gbk_clean_paragraphs.txt) with a genuine
question or exclamation ending put in after Chinese text, in the shapes web text
has (``?!?``, ``??``, ``?!``, ``?"``, ``?）``, ``?...``, before a quote, a bracket,
a line end). It runs through the whole default pipeline; gbk_shift must leave every
one as it is.
"""

from __future__ import annotations

import random
from pathlib import Path

import regex

from cleaner.core.pipeline import Pipeline
from cleaner.core.records import Change, Stats

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parent / "data"
SEED = 20261203
# the endings, as written after a Chinese word (folded ASCII marks)
ENDINGS = [
    "为什么?!?",
    "为什么?!?”",
    "吗??",
    "真的吗?!",
    "什么?",
    '是吗?"',
    "对吗?）",
    "好吗?...",
    "怎么办?!",
    "谁?!?!",
    "难道不是吗??!",
    "呢?;",
    "吗?,",
    "太好了!?",
    "啊!!",
    "吗?。",
    "吗?、",
    "（真的吗?）",
    "“你去吗?”",
    "为什么???",
    "凭什么?!",
    "怎么会这样?!?!",
]


def _clean_lines() -> list[str]:
    seeds = sorted((ROOT / "seeds").glob("00[023]_*.txt"))
    lines = [ln for path in seeds for ln in path.read_text("utf-8").split("\n") if ln]
    paras = (DATA / "gbk_clean_paragraphs.txt").read_text("utf-8").split("\n")
    return [ln for ln in lines + paras if regex.search(r"\p{Han}{4}", ln)]


def negative_set(rng: random.Random, per_ending: int = 40) -> list[str]:
    """Clean lines, each with one genuine ending put in after Chinese text: after a
    mark, after a Han character mid-line, or at the line's end."""
    lines = _clean_lines()
    out = []
    for ending in ENDINGS:
        for _ in range(per_ending):
            line = rng.choice(lines)
            spots = [m.end() for m in regex.finditer(r"\p{Han}(?=\p{Han})|[。，；！]", line)]
            at = rng.choice([*spots, len(line)])
            out.append(line[:at] + ending + line[at:])
    return out


def test_no_gbk_shift_edit_on_genuine_question_endings() -> None:
    pl = Pipeline()
    texts = negative_set(random.Random(SEED))
    changes: list[Change] = []
    stats = Stats()
    for text in texts:
        pl.clean_text(text, sink=changes.append, stats=stats)
    shift = [c for c in changes if c.rule == "gbk_shift"]
    edits = [c for c in shift if c.before != c.after]
    print(f"{len(texts)} clean lines with genuine endings: {len(edits)} gbk_shift edits")
    assert len(texts) == 40 * len(ENDINGS)
    assert [(c.before, c.after) for c in edits] == []
