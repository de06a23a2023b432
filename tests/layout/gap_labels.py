"""Map a cleaned text back to the line gaps of its raw input, and score boundaries.

Every non-blank raw line is aligned (whitespace ignored) to the output; the gap
after a line is a boundary when the next kept line starts in another output
paragraph, a join otherwise ("S" if the output has a space there, else "J").
Lines with nothing left in the output (dropped markers) are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from precision_recall import PrecisionRecall

BOUNDARY = {"B", "A"}


def output_gaps(raw_lines: list[str], output: str) -> list[str | None]:
    """A label (J/S/B/E) for the gap after each raw line; None for a dropped line."""
    raw_chars: list[str] = []
    owner: list[int] = []
    for n, raw in enumerate(raw_lines):
        s = "".join(raw.split())
        raw_chars.extend(s)
        owner.extend([n] * len(s))
    pos: list[int] = []  # output position of each non-space output char
    para: list[int] = []  # its paragraph number
    p = 0
    for i, ch in enumerate(output):
        if ch == "\n" and i and output[i - 1] != "\n":
            p += 1
        elif not ch.isspace():
            pos.append(i)
            para.append(p)
    out = "".join(output[i] for i in pos)
    first: dict[int, int] = {}
    lastpos: dict[int, int] = {}
    sm = SequenceMatcher(None, "".join(raw_chars), out, autojunk=False)
    for a, b, size in sm.get_matching_blocks():
        for t in range(size):
            ln = owner[a + t]
            first.setdefault(ln, b + t)
            lastpos[ln] = b + t
    labels: list[str | None] = [None] * len(raw_lines)
    kept = [n for n in range(len(raw_lines)) if n in first]
    for i, j in zip(kept, kept[1:], strict=False):
        x, y = lastpos[i], first[j]
        if para[x] != para[y]:
            labels[i] = "B"
        else:
            labels[i] = "S" if " " in output[pos[x] : pos[y]] else "J"
    if kept:
        labels[kept[-1]] = "E"
    return labels


@dataclass
class Score(PrecisionRecall):
    tp: int = 0
    fp: int = 0
    fn: int = 0
    article_joins: int = 0
    gaps: int = 0
    same_join: int = 0
    joins: int = 0

    def add(self, truth: list[str], got: list[str | None]) -> None:
        """Score the gaps; a dropped line (D or None) passes its gap to the line before."""
        pairs = [(t, g) for t, g in zip(truth, got, strict=True) if t != "D" and g is not None]
        for t, g in pairs:
            if t == "E":
                continue
            self.gaps += 1
            tb, gb = t in BOUNDARY, g == "B"
            self.tp += tb and gb
            self.fp += gb and not tb
            self.fn += tb and not gb
            self.article_joins += t == "A" and not gb
            if not tb and not gb:
                self.joins += 1
                self.same_join += t == g


def read_labels(path: Path) -> tuple[list[int], list[str], list[str]]:
    nums, labels, texts = [], [], []
    for row in path.read_text(encoding="utf-8").splitlines():
        if not row.strip():
            continue
        num, label, text = row.split("\t", 2)
        nums.append(int(num))
        labels.append(label)
        texts.append(text)
    return nums, labels, texts
