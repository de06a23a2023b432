"""side_by_side: columns an OCR engine read across, one row of every column on a line
(`預包裝食品的包裝標籤未標明生產     人民法院認為，預包裝食品`), put back one after the other.

tesseract does this on pages with narrow gutters: each line holds a piece of every
column, the pieces parted by a wide gap (``gap`` spaces or more) or a column rule read as
``|``, and it pads the gaps so that a piece starts about where its column does. A
stretch of at least ``min_lines`` lines of two or more pieces, each piece holding
``min_han`` Han characters or more, is rewritten column by column (a blank line between
columns: ``unwrap`` then decides each break). The pieces of a row go to the columns
whose starts are nearest, one to a column, in their order (a row where a column was
empty has fewer pieces; that column gets a blank line there). Blank rows are dropped:
they are the engine's line spacing, not a paragraph break of any one column. A table
of short cells, English and code do not pass (too few Han characters per cell).

A stretch also takes up to ``bridge`` other lines between two of its rows, and lines
next to it that reach into its next column: rows where the gap came out as one space
(``包裝標籤上未標 貯存條件``) or none (``責任的，法》``, a comma folded with the spaces
after it), or with a piece too short (``息。``, a paragraph's last line). Those are cut
where the stretch's columns start (``_cut``), not by exact strings.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate

import regex

from cleaner.core.edits import Edit
from cleaner.core.rule import BlockContext, Rule, param
from cleaner.core.rule import Params as BaseParams
from cleaner.stages.layout.text import CLOSING, FINAL_MARKS, finditer_at, median

_LINE = regex.compile(r"[^\n]*(?:\n|$)")
_HAN = regex.compile(r"\p{Han}")
_SPACES = regex.compile(r"[ \t\u3000]+")
# marks that never start a line: a cut made by width keeps them with the piece before
_NO_LINE_START = frozenset("，、；：。！？）》」』”’")

Piece = tuple[float, str]  # (display column where it starts, text)
Row = tuple[int, int, str, list[Piece] | None]  # (start, end, line, pieces; None: blank)


def _cell(ch: str) -> int:
    """Display width of ``ch``: wide characters (Han, full-width marks) take two cells."""
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def _cum(s: str) -> list[int]:
    """Display cells before each position of ``s`` (``len(s) + 1`` of them)."""
    return list(accumulate(map(_cell, s), initial=0))


def _ends_sentence_at(line: str, lo: int, i: int) -> bool:
    """``ends_sentence(line[lo:i])`` without the copy: a final mark before ``i``,
    closing quotes and brackets after it allowed."""
    while i > lo and line[i - 1] in CLOSING:
        i -= 1
    return i > lo and line[i - 1] in FINAL_MARKS


def _cells(s: str) -> int:
    """Display width of ``s`` in cells."""
    return sum(map(_cell, s))


_SCREEN_OPENS = " \t\u3000|｜"  # what every match of ``SideBySide.screen`` opens on


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
        # other lines a stretch takes between two of its rows (a gap read as one space
        # or none, a piece too short): cut where the columns start
        bridge: int = param(2, ge=0)
        # cells a one-space cut in a line next to a stretch may lie from a column's start
        reach: int = param(6, ge=0)

    params: Params

    def setup(self) -> None:
        self.split = regex.compile(rf"[ \t\u3000]{{{self.params.gap},}}|[ \t]*[|｜][ \t]*")
        self.screen = regex.compile(rf"[ \t\u3000]{{{self.params.gap}}}|[|｜]")

    def _pieces(self, line: str) -> list[Piece]:
        """The pieces of a line read across columns with where each starts, or []."""
        out: list[Piece] = []
        pos = 0
        cells, done = 0, 0  # display cells of line[:done]
        for m in self.split.finditer(line + "   " * self.params.gap):
            piece = line[pos : m.start()].strip()
            if piece:
                if len(_HAN.findall(piece)) < self.params.min_han:
                    return []
                lead = len(line[pos : m.start()]) - len(line[pos : m.start()].lstrip())
                cells += _cells(line[done : pos + lead])  # counted once: linear in the line
                done = pos + lead
                out.append((float(cells), piece))
            pos = m.end()
            if pos >= len(line):
                break
        return out if len(out) >= 2 else []

    def _inside(self, line: str, cols: Columns) -> list[Piece]:
        """A line inside a stretch that is not one piece per column: cut at its wide
        gaps (a piece starts where the engine's padding puts it), and each piece
        wider than its column cut again where the columns start (``_cut``)."""
        out: list[Piece] = []
        cum = _cum(line)
        pos = 0
        for m in self.split.finditer(line + " " * self.params.gap):
            if line[pos : m.start()].strip():
                out += self._cut(line, cum, pos, m.start(), cols, False) or []
            pos = m.end()
            if pos >= len(line):
                break
        return out

    def _cut(
        self, line: str, cum: list[int], lo: int, hi: int, cols: Columns, edge: bool
    ) -> list[Piece] | None:
        """``line[lo:hi]`` (no wide gap inside; ``cum``: display cells before each
        position), next to a stretch (``edge``) or inside it, cut where the columns
        start. The cut before a column is the space nearest its start, within ``reach``
        cells; inside a stretch also, in text 2 ems wider than its column, the last
        space after a sentence end (a paragraph's short last line: the rest is the next
        column), else, in text ``min_han`` Han characters wider (the gap lost:
        ``責任的，法》``), the point as many cells on as the column is wide, a mark that
        may not start a line kept with the piece before it. A piece after a cut is
        placed at its column's start. Text that does not reach into a later column is
        one piece inside a stretch; next to a stretch it is not taken, nor is a line
        with a piece of fewer than ``min_han`` Han characters."""
        starts, widths = cols
        p = self.params
        end = lo + len(line[lo:hi].rstrip())
        pos = lo + len(line[lo:hi]) - len(line[lo:hi].lstrip())
        at = float(cum[pos])  # where the piece from pos is placed
        runs = [m.span() for m in _SPACES.finditer(line, pos, end)]
        run_cells = [cum[b] for _, b in runs]  # where the text after each space starts
        ends = [r for r in runs if _ends_sentence_at(line, pos, r[0])]
        pieces: list[Piece] = []
        c = 0
        while True:
            # the next column starting past the text left (starts ascend: each is a
            # median over the same rows of pieces in order)
            c = max(c + 1, bisect_right(starts, cum[pos] + 2 * p.min_han))
            if c >= len(starts):
                break
            near = [
                r
                for r in runs[
                    bisect_left(run_cells, starts[c] - p.reach) : bisect_right(
                        run_cells, starts[c] + p.reach
                    )
                ]
                if r[0] >= pos
            ]
            wider = cum[end] - cum[pos] > widths[c - 1] + 4
            reach_in = cum[end] >= starts[c] + 2 * p.min_han
            if reach_in and near:
                a, b = min(near, key=lambda r: abs(cum[r[1]] - starts[c]))
            elif edge:
                return None
            elif wider and ends and ends[-1][0] >= pos:
                a, b = ends[-1]
            elif reach_in and cum[end] - cum[pos] >= widths[c - 1] + 2 * p.min_han:
                target = cum[pos] + widths[c - 1]
                a = min(bisect_left(cum, target, pos + 1, end), end - 1)
                if a > pos + 1 and target - cum[a - 1] <= cum[a] - target:
                    a -= 1
                while a < end - 1 and line[a] in _NO_LINE_START:
                    a += 1
                b = a
            else:
                break  # it does not reach into this column
            pieces.append((at, line[pos:a].strip()))
            pos, at = b, starts[c]
        if edge and not pieces:
            return None
        pieces.append((at, line[pos:end].strip()))
        if edge and any(
            len(_HAN.findall(t)) < p.min_han or self.screen.search(t) for _, t in pieces
        ):
            return None
        return pieces

    def find(self, text: str, ctx: BlockContext) -> Iterator[Edit]:
        if next(finditer_at(self.screen, text, _SCREEN_OPENS), None) is None:
            return  # no match of the screen (each opens on one of _SCREEN_OPENS)
        rows: list[Row] = []
        for m in _LINE.finditer(text):
            if m.start() == len(text):
                break
            line = m.group().rstrip("\n")
            pieces = None if not line.strip() else self._pieces(line)
            rows.append((m.start(), m.start() + len(line), line, pieces))
        taken = -1  # the last row of the last stretch
        for group in self._groups(rows):
            if len(group) < self.params.min_lines:
                continue
            cols = _columns([rows[i][3] or [] for i in group])
            cut: dict[int, list[Piece]] = {}
            lo, hi = group[0], group[-1]
            for i in range(group[0], group[-1] + 1):
                got = rows[i][3]
                if got is not None and len(got) < len(cols[0]):  # cut where columns start
                    cut[i] = self._inside(rows[i][2], cols)
            for step in (-1, 1):  # lines next to the stretch that hold its columns too
                i = (lo if step < 0 else hi) + step
                while taken < i < len(rows) and not rows[i][3]:  # blank, or not read across
                    if rows[i][3] is not None:
                        line = rows[i][2]
                        pieces = self._cut(line, _cum(line), 0, len(line), cols, True)
                        if pieces is None:
                            break
                        cut[i] = pieces
                        lo, hi = min(lo, i), max(hi, i)
                    i += step
            taken = hi
            yield _rewrite(rows[lo : hi + 1], cols[0], [cut.get(i) for i in range(lo, hi + 1)])

    def _groups(self, rows: list[Row]) -> Iterator[list[int]]:
        """Rows read across (two or more pieces), in groups with at most ``bridge``
        other non-blank lines between two of them."""
        group: list[int] = []
        others = 0
        for i, (_, _, _, pieces) in enumerate(rows):
            if pieces:
                if group and others > self.params.bridge:
                    yield group
                    group = []
                group.append(i)
                others = 0
            elif pieces is not None and group:
                others += 1
        if group:
            yield group


Columns = tuple[list[float], list[float]]  # (where each column starts, how wide it is)


def _columns(rows: list[list[Piece]]) -> Columns:
    """Column starts and widths (cells) over the rows with a piece in each: the median
    start, and the median of the wider half of the pieces (a column's full lines; the
    short last lines of paragraphs are the narrower ones)."""
    k = max(len(p) for p in rows)
    full = [p for p in rows if len(p) == k]
    starts = [median(p[c][0] for p in full) for c in range(k)]
    widths = []
    for c in range(k):
        ws = sorted(_cells(p[c][1]) for p in full)
        widths.append(median(ws[len(ws) // 2 :]))
    return starts, widths


def _rewrite(rows: list[Row], starts: list[float], cut: list[list[Piece] | None]) -> Edit:
    k = len(starts)
    columns: list[list[str]] = [[] for _ in range(k)]
    for (_, _, _, pieces), other in zip(rows, cut, strict=True):
        if pieces is None:
            continue  # a blank row is the engine's spacing, not a paragraph of any column
        cells = [""] * k
        got = other if other is not None else pieces
        for (_, piece), c in zip(got, _assign([pos for pos, _ in got], starts), strict=True):
            cells[c] = f"{cells[c]} {piece}".strip()
        for c in range(k):
            columns[c].append(cells[c])
    after = "\n\n".join("\n".join(col) for col in columns)
    note = {"columns": k, "lines": len(rows), "cut": sum(1 for x in cut if x is not None)}
    return Edit(rows[0][0], rows[-1][1], after, note=note)


def _assign(pos: list[float], starts: list[float]) -> list[int]:
    """The column of each piece of a row: one piece per column, in their order, the
    columns whose starts are nearest in all (a padding off by a column's width moves
    a piece, not its order); with more pieces than columns, the nearest start."""
    n, k = len(pos), len(starts)
    if n == k:
        return list(range(k))
    if n > k:
        return [min(range(k), key=lambda c: abs(starts[c] - x)) for x in pos]
    d = k - n  # piece i goes to a column i + o, 0 <= o <= d (the order kept)
    # cost[i][o]: the least distance of pieces i: with piece i in column i + o or later
    cost = [[0.0] * (d + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        here, after = cost[i], cost[i + 1]
        here[d] = abs(pos[i] - starts[i + d]) + after[d]
        for o in range(d - 1, -1, -1):
            here[o] = min(here[o + 1], abs(pos[i] - starts[i + o]) + after[o])
    out, o = [], 0
    for i in range(n):
        while o < d and cost[i][o] != abs(pos[i] - starts[i + o]) + cost[i + 1][o]:
            o += 1
        out.append(i + o)
    return out
