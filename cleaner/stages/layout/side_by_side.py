"""side_by_side: columns an OCR engine read across, one row of every column on a line
(`預包裝食品的包裝標籤未標明生產     人民法院認為，預包裝食品`), put back one after the other.

tesseract does this on pages with narrow gutters: each line holds a piece of every
column, the pieces parted by a wide gap (``gap`` spaces or more) or a column rule read as
``|``, and it pads the gaps so that a piece starts about where its column does. A
stretch of at least ``min_lines`` lines of two or more pieces, each piece holding
``min_han`` Han characters or more, is rewritten column by column (a blank line between
columns: ``unwrap`` then decides each break). A piece goes to the column whose start is
nearest to its own (a row where a column was empty has fewer pieces; that column gets a
blank line there). Blank rows are dropped: they are the engine's line spacing, not a
paragraph break of any one column. A table of short cells, English and code do not pass
(too few Han characters per cell).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from cleaner.core.edits import Edit
from cleaner.core.rule import BlockContext, Rule, param
from cleaner.core.rule import Params as BaseParams
from cleaner.stages.layout.text import median

_LINE = regex.compile(r"[^\n]*(?:\n|$)")
_HAN = regex.compile(r"\p{Han}")

Piece = tuple[float, str]  # (display column where it starts, text)
Row = tuple[int, int, list[Piece] | None]  # (start, end, pieces; None: a blank row)


def _cells(s: str) -> int:
    """Display width: wide characters (Han, full-width marks) take two cells."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


class SideBySide(Rule):
    """Put columns that OCR read side by side (wide gaps inside lines) one after the other."""

    id = "side_by_side"
    stage = "layout"

    @dataclass
    class Params(BaseParams):
        # spaces that part two columns' pieces (a column rule read as | also does)
        gap: int = param(3, ge=2)
        # lines of two or more pieces needed for a stretch
        min_lines: int = param(3, ge=2)
        # Han characters every piece needs (table cells and Latin text have fewer)
        min_han: int = param(4, ge=1)

    params: Params

    def setup(self) -> None:
        self.split = regex.compile(rf"[ \t\u3000]{{{self.params.gap},}}|[ \t]*[|｜][ \t]*")
        self.screen = regex.compile(rf"[ \t\u3000]{{{self.params.gap}}}|[|｜]")

    def _pieces(self, line: str) -> list[Piece]:
        """The pieces of a line read across columns with where each starts, or []."""
        out: list[Piece] = []
        pos = 0
        for m in self.split.finditer(line + "   " * self.params.gap):
            piece = line[pos : m.start()].strip()
            if piece:
                if len(_HAN.findall(piece)) < self.params.min_han:
                    return []
                lead = len(line[pos : m.start()]) - len(line[pos : m.start()].lstrip())
                out.append((float(_cells(line[: pos + lead])), piece))
            pos = m.end()
            if pos >= len(line):
                break
        return out if len(out) >= 2 else []

    def find(self, text: str, ctx: BlockContext) -> Iterator[Edit]:
        if not self.screen.search(text):
            return
        rows: list[Row] = []
        for m in _LINE.finditer(text):
            if m.start() == len(text):
                break
            line = m.group().rstrip("\n")
            pieces = None if not line.strip() else self._pieces(line)
            rows.append((m.start(), m.start() + len(line), pieces))
        i = 0
        while i < len(rows):
            if not rows[i][2]:
                i += 1
                continue
            j, last, lines = i, i, 0
            while j < len(rows) and (rows[j][2] is None or rows[j][2]):
                if rows[j][2] is not None:
                    last, lines = j, lines + 1
                j += 1
            if lines >= self.params.min_lines:
                yield self._rewrite(rows[i : last + 1])
            i = last + 1

    @staticmethod
    def _rewrite(rows: list[Row]) -> Edit:
        k = max(len(p) for _, _, p in rows if p)
        full = [p for _, _, p in rows if p and len(p) == k]
        starts = [median(p[c][0] for p in full) for c in range(k)]
        columns: list[list[str]] = [[] for _ in range(k)]
        for _, _, pieces in rows:
            if pieces is None:
                continue  # a blank row is the engine's spacing, not a paragraph of any column
            cells = [""] * k
            for pos, piece in pieces or []:
                c = min(range(k), key=lambda c: abs(starts[c] - pos))
                cells[c] = f"{cells[c]} {piece}".strip()
            for c in range(k):
                columns[c].append(cells[c])
        after = "\n\n".join("\n".join(col) for col in columns)
        return Edit(rows[0][0], rows[-1][1], after, note={"columns": k, "lines": len(rows)})
