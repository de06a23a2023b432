"""Scores of a cleaned real-tool page against its truth (tests/layout/ocr/pages/).

All scores are on whitespace-free text, so that where the tools put spaces and line
breaks counts only through the paragraph boundaries and the spurious-space count:

- paragraph boundaries: the text is aligned to the truth (difflib); every paragraph
  start of the text maps to the truth position of its first aligned character (text the
  truth does not have, a running head, maps to the next aligned one); P/R/F1 compare
  those positions with the truth's paragraph starts;
- CER: Levenshtein distance over the truth's length;
- spurious spaces: spaces between two Han characters beyond those of the truth, and
  (``mark_spaces``) spaces between a full-width mark and a Han character or another
  full-width mark beyond those of the truth.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

import regex
from precision_recall import PrecisionRecall
from rapidfuzz.distance import Levenshtein

# another set (a rebuilt one, before committing it): CLEANER_OCR_PAGES=dir
PAGES = Path(os.environ.get("CLEANER_OCR_PAGES", Path(__file__).parent / "ocr" / "pages"))
_HAN_SPACE = regex.compile(r"(?<=\p{Han})[ \t\u3000\u00a0]+(?=\p{Han})")
_MARK = "[，。、；：？！（）《》〈〉「」『』【】“”‘’]"
_SP = r"[ \t\u3000\u00a0]+"
_MARK_SPACE = regex.compile(
    rf"(?<={_MARK}){_SP}(?=\p{{Han}}|{_MARK})|(?<=\p{{Han}}){_SP}(?={_MARK})"
)
_WS = regex.compile(r"\s+")


@dataclass(frozen=True)
class Pair:
    page: str
    extractor: str
    meta: dict[str, object]
    input: str
    truth: str


def load_pairs() -> list[Pair]:
    manifest = json.loads((PAGES / "manifest.json").read_text(encoding="utf-8"))
    out = []
    for row in manifest:
        page, tool = row["page"], row["extractor"]
        out.append(
            Pair(
                page,
                tool,
                row,
                (PAGES / f"{page}.{tool}.txt").read_text(encoding="utf-8"),
                (PAGES / f"{page}.truth.txt").read_text(encoding="utf-8"),
            )
        )
    return out


def paragraphs_by_line(text: str) -> list[str]:
    """Every non-blank line a paragraph (raw text, or cleaned text with separator \\n)."""
    return [ln for ln in text.splitlines() if ln.strip()]


def paragraphs_by_blank(text: str) -> list[str]:
    """Blocks between blank lines, each a paragraph (the blank-line baseline)."""
    return [b for b in regex.split(r"\n[ \t\u3000]*\n", text) if b.strip()]


def _squeeze(paras: list[str]) -> tuple[str, list[int]]:
    """Whitespace-free text of ``paras`` and the offsets where each one starts."""
    text, starts = "", []
    for p in paras:
        s = _WS.sub("", p)
        if s:
            starts.append(len(text))
            text += s
    return text, starts


@dataclass
class Counts(PrecisionRecall):
    tp: int = 0
    fp: int = 0
    fn: int = 0
    edits: int = 0
    chars: int = 0
    spaces: int = 0
    mark_spaces: int = 0
    out_chars: int = 0

    def __add__(self, o: Counts) -> Counts:
        return Counts(*(a + b for a, b in zip(vars(self).values(), vars(o).values(), strict=True)))

    @property
    def cer(self) -> float:
        return self.edits / self.chars if self.chars else 0.0

    @property
    def spaces_per_10k(self) -> float:
        return 10_000 * self.spaces / self.out_chars if self.out_chars else 0.0

    @property
    def mark_spaces_per_10k(self) -> float:
        return 10_000 * self.mark_spaces / self.out_chars if self.out_chars else 0.0


@dataclass
class _Aligned:
    gold: str  # the truth, whitespace-free
    got: str  # the text, whitespace-free
    found: dict[int, int]  # truth position of each paragraph start of the text -> its own
    want: set[int]  # the truth's paragraph starts


def _align(paras: list[str], truth: str) -> _Aligned:
    gold, gold_starts = _squeeze(paragraphs_by_line(truth))
    got, got_starts = _squeeze(paras)
    to_gold = [-1] * (len(got) + 1)
    for a, b, size in SequenceMatcher(None, got, gold, autojunk=False).get_matching_blocks():
        for t in range(size):
            to_gold[a + t] = b + t
    nxt = len(gold)
    for i in range(len(got), -1, -1):  # unaligned text maps to the next aligned character
        if to_gold[i] < 0:
            to_gold[i] = nxt
        nxt = to_gold[i]
    found = {to_gold[s]: s for s in got_starts if to_gold[s] not in (0, len(gold))}
    return _Aligned(gold, got, found, set(gold_starts) - {0})


def boundary_errors(paras: list[str], truth: str, context: int = 20) -> list[str]:
    """The false (``FP``) and missed (``FN``) paragraph boundaries of ``paras``, each with
    the whitespace-free text around it (the text's for FP, the truth's for FN)."""
    al = _align(paras, truth)
    out = []
    for g in sorted(set(al.found) - al.want):
        s = al.found[g]
        out.append(f"FP ...{al.got[max(0, s - context) : s]} | {al.got[s : s + context]}...")
    for g in sorted(al.want - set(al.found)):
        out.append(f"FN ...{al.gold[max(0, g - context) : g]} | {al.gold[g : g + context]}...")
    return out


def score(paras: list[str], truth: str) -> Counts:
    """Counts of ``paras`` (the text cut into paragraphs) against ``truth``."""
    al = _align(paras, truth)
    gold, got = al.gold, al.got
    found, want = set(al.found), al.want
    joined = "\n".join(paras)
    extra = len(_HAN_SPACE.findall(joined)) - len(_HAN_SPACE.findall(truth))
    marks = len(_MARK_SPACE.findall(joined)) - len(_MARK_SPACE.findall(truth))
    return Counts(
        tp=len(found & want),
        fp=len(found - want),
        fn=len(want - found),
        edits=Levenshtein.distance(got, gold),
        chars=len(gold),
        spaces=max(0, extra),
        mark_spaces=max(0, marks),
        out_chars=len(got),
    )
