"""side_by_side: columns an OCR engine read across, one row of every column on a line
(`預包裝食品的包裝標籤未標明生產     人民法院認為，預包裝食品`), put back one after the other.

tesseract does this on pages with narrow gutters: each line holds a piece of every
column, the pieces parted by a wide gap (``gap`` spaces or more) or a column rule read as
``|``. A stretch of at least ``min_lines`` such lines with the same number of pieces,
each piece holding ``min_han`` Han characters or more, is rewritten column by column
(a blank line between columns: ``unwrap`` then decides each break). Blank lines inside
the stretch stay in every column. A table of short cells, English and code do not pass
(too few Han characters per cell).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from cleaner.core.edits import Edit
from cleaner.core.rule import BlockContext, Rule, param
from cleaner.core.rule import Params as BaseParams

_LINE = regex.compile(r"[^\n]*(?:\n|$)")
_HAN = regex.compile(r"\p{Han}")


class SideBySide(Rule):
    """Put columns that OCR read side by side (wide gaps inside lines) one after the other."""

    id = "side_by_side"
    stage = "layout"

    @dataclass
    class Params(BaseParams):
        # spaces that part two columns' pieces (a column rule read as | also does)
        gap: int = param(3, ge=2)
        # lines with the same number of pieces needed for a stretch
        min_lines: int = param(3, ge=2)
        # Han characters every piece needs (table cells and Latin text have fewer)
        min_han: int = param(4, ge=1)

    params: Params

    def setup(self) -> None:
        self.split = regex.compile(rf"[ \t\u3000]{{{self.params.gap},}}|[ \t]*[|｜][ \t]*")
        # a wide gap or a rule inside a line (linear: a lazy scan from every Han
        # character to the line end would be quadratic on long lines)
        self.screen = regex.compile(rf"[ \t\u3000]{{{self.params.gap}}}|[|｜]")

    def _pieces(self, line: str) -> list[str]:
        """The pieces of a line read across columns, or [] if it is not one."""
        parts = [p for p in self.split.split(line.strip()) if p]
        if len(parts) < 2:
            return []
        if any(len(_HAN.findall(p)) < self.params.min_han for p in parts):
            return []
        return parts

    def find(self, text: str, ctx: BlockContext) -> Iterator[Edit]:
        if not self.screen.search(text):
            return
        rows: list[tuple[int, int, list[str] | None]] = []  # (start, end, pieces / None: blank)
        for m in _LINE.finditer(text):
            if m.start() == len(text):
                break
            line = m.group().rstrip("\n")
            pieces = None if not line.strip() else self._pieces(line)
            rows.append((m.start(), m.start() + len(line), pieces))
        i = 0
        while i < len(rows):
            k = len(rows[i][2] or [])
            if k < 2:
                i += 1
                continue
            j, last, lines = i, i, 0
            while j < len(rows) and (rows[j][2] is None or len(rows[j][2] or []) == k):
                if rows[j][2] is not None:
                    last, lines = j, lines + 1
                j += 1
            if lines >= self.params.min_lines:
                yield self._rewrite(rows[i : last + 1], k)
            i = last + 1

    @staticmethod
    def _rewrite(rows: list[tuple[int, int, list[str] | None]], k: int) -> Edit:
        columns = [[("" if p is None else p[c]) for _, _, p in rows] for c in range(k)]
        after = "\n\n".join("\n".join(col) for col in columns)
        return Edit(rows[0][0], rows[-1][1], after, note={"columns": k, "lines": len(rows)})
