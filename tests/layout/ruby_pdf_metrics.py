"""Scores of the whole pipeline on the ruby PDF set (ruby_pdf_set.jsonl.gz in
tests/encoding/data/ruby/): paragraphs set with ``<ruby>`` readings, printed to PDF by
Chromium and read back by pdftotext (plain, ``-layout``) and pdfminer. The encoding stage
removes the rows of readings; what is left for the layout stage is the extractors' spaces
between two Han characters where a wide reading stretched the line (`保 障 公 众 身体健康`)
and their line breaks.

Every record is one paragraph; its truth is the same extractor's text of the page printed
without readings (wrapped lines, and spaces the paragraph has: `第一条 为了`). Scores, on
whitespace-free text aligned to the truth's (difflib):

- Han spaces: spaces between two Han characters in the output where the truth has none
  (``spurious``), and the truth's own that the output lost (``lost``);
- breaks: line breaks left in the output (the truth is one paragraph: each is a join
  missed);
- CER: Levenshtein distance over the truth's length.

The truth itself is cleaned too: its spaces must stay (``truth_lost``) and its lines are
joined or not (``truth_breaks``), a baseline for the breaks.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import regex
from rapidfuzz.distance import Levenshtein

from cleaner.core.pipeline import Pipeline

SET = Path(__file__).resolve().parents[1] / "encoding" / "data" / "ruby" / "ruby_pdf_set.jsonl.gz"
_HAN = regex.compile(r"\p{Han}")
_SP = frozenset(" \t\u3000\u00a0")


def records(path: Path = SET) -> Iterator[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def _squeeze(text: str) -> tuple[str, set[int]]:
    """``text`` without whitespace, and the positions in it of the characters after a
    space between two Han characters."""
    out: list[str] = []
    spaces: set[int] = set()
    pending = False  # horizontal space since the last character, on the same line
    for ch in text:
        if ch in _SP:
            pending = bool(out) and _HAN.match(out[-1]) is not None
        elif ch.isspace():
            pending = False
        else:
            if pending and _HAN.match(ch):
                spaces.add(len(out))
            pending = False
            out.append(ch)
    return "".join(out), spaces


def _breaks(text: str) -> int:
    """Line breaks between the non-blank lines of ``text``."""
    return max(0, sum(1 for ln in text.split("\n") if ln.strip()) - 1)


@dataclass
class Counts:
    records: int = 0
    chars: int = 0  # the truth's, whitespace-free
    truth_spaces: int = 0
    spurious: int = 0
    lost: int = 0
    edits: int = 0
    breaks: int = 0
    one_line: int = 0  # records that came out one line
    truth_lost: int = 0
    truth_breaks: int = 0

    def add(self, other: Counts) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def per_10k(self, n: int) -> float:
        return 10_000 * n / self.chars if self.chars else 0.0

    @property
    def cer(self) -> float:
        return self.edits / self.chars if self.chars else 0.0


def score(out: str, truth: str, truth_out: str | None = None) -> Counts:
    """Counts of ``out`` (the cleaned damaged text) against ``truth``; ``truth_out``, the
    cleaned truth, if given."""
    gold, want = _squeeze(truth)
    got, have = _squeeze(out)
    to_gold: dict[int, int] = {}
    for a, b, size in SequenceMatcher(None, got, gold, autojunk=False).get_matching_blocks():
        for t in range(size):
            to_gold[a + t] = b + t
    mapped = {to_gold[i] for i in have if i in to_gold}
    c = Counts(
        records=1,
        chars=len(gold),
        truth_spaces=len(want),
        spurious=sum(1 for i in have if to_gold.get(i) not in want),
        lost=len(want - mapped),
        edits=Levenshtein.distance(got, gold),
        breaks=_breaks(out),
        one_line=_breaks(out) == 0,
    )
    if truth_out is not None:
        c.truth_lost = len(want - _squeeze(truth_out)[1])
        c.truth_breaks = _breaks(truth_out)
    return c


def measure(
    pipeline: Pipeline | None = None, recs: Iterable[dict[str, Any]] | None = None
) -> dict[str, Counts]:
    """Counts per extractor (a record made by two extractors counts for each)."""
    pipeline = pipeline or Pipeline()
    totals: dict[str, Counts] = {}
    for rec in records() if recs is None else recs:
        c = score(
            pipeline.clean_text(rec["damaged"]), rec["truth"], pipeline.clean_text(rec["truth"])
        )
        for name in rec["extractors"]:
            totals.setdefault(name, Counts()).add(c)
    return totals
