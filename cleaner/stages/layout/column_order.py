"""column_order: a column's top that a PDF extractor printed too early, put back after
the column end it goes on from.

pdfminer and pdftotext sometimes print the top of a column before the column to its
left (its first line sat a little higher on the page): the rest of a paragraph, alone
between blank lines after a sentence end (`置房。`), and later a column's last line cut
inside a word (`…向其交付94平方米的安`) followed by another paragraph. Such a run moves
to after that line (where ``unwrap`` then decides the column break) when all of this
holds:

- the block passes the column gate (``unwrap``'s defaults);
- the run follows a line that ends a sentence, ends a sentence itself, has at most
  ``max_lines`` lines and opens on a Han character, unindented;
- the line it goes after comes later in the block, is as wide as the column (within
  ``unwrap``'s tolerance) and ends on a Han character mid-sentence; the character model,
  after that line's last two characters, gives the run's first character
  - ``min_p`` or more if the run is one line narrower than the column (a paragraph's
    short last line), ``word_p`` or more if it opens with one Han character and a
    clause or sentence mark (`定，不足以…`: the rest of a word; not `、` nor `：`, which
    paragraphs open with: `省、自治区…`, `注：`), and in both cases ``min_ratio`` times
    what it gives the first character of the line after the column end (a Han one: a
    line opening with a mark, digit or letter goes on from it);
  - or, for any run, ``word_p`` or more where the column end is the document's last
    line (a document does not end inside a word; a block's end is no document's end);
- that line is the only one the run fits, and no other run fits it.

The move is two records: the run (with the blank line before it) taken out, noted with
the end of the line it goes after, and put in after that line (with a blank line
before it), noted the same way. Nothing else changes.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from cleaner.core.edits import Edit
from cleaner.core.rule import BlockContext, Rule, param
from cleaner.core.rule import Params as BaseParams
from cleaner.stages.encoding.models.char_model import char_lm
from cleaner.stages.han import is_han
from cleaner.stages.layout.columns import Config, Line, is_columns, split_lines
from cleaner.stages.layout.text import median

# a cheap screen of a block: a run after a sentence end and a blank line that opens with
# the rest of a word and its clause, or is one line ending a sentence (``_need``) ...
_CANDIDATE = regex.compile(
    r"[。！？!?…][”’」』）)]*[ \t\u3000]*\n(?:[ \t\u3000]*\n)+"
    r"(?:\p{Han}[，。；！？]"
    r"|\p{Han}[^\n]{0,60}[。！？!?…][”’」』）)]*[ \t\u3000]*(?:\n[ \t\u3000]*\n|\n?$))"
)
# ... or a document that ends on a Han character (cut inside a word)
# a run that opens with the rest of a word and its clause: one Han character and a
# clause or sentence mark (not 、 nor ：, which a paragraph may open with: 省、自治区…,
# 注：…, 答：…)
_WORD_REST = regex.compile(r"^\p{Han}[，。；！？]")


@dataclass(frozen=True, slots=True)
class _Move:
    run: list[Line]  # the lines printed too early
    cut_from: int  # where the run's text starts to go (the end of the line before it)
    after: Line  # the column end it goes on from


def _runs(lines: list[Line]) -> list[list[Line]]:
    """Lines between blank lines."""
    out: list[list[Line]] = []
    for ln in lines:
        if ln.blank_before or not out:
            out.append([ln])
        else:
            out[-1].append(ln)
    return out


def _blank_line(text: str) -> bool:
    """``text`` may hold a blank line (a newline, then padding or none and another):
    every match of ``_CANDIDATE`` holds one (``str`` searches, not a regex scan)."""
    return "\n\n" in text or "\n " in text or "\n\t" in text or "\n\u3000" in text


class ColumnOrder(Rule):
    """Put a column's top that a PDF extractor printed too early back after the column
    end it goes on from (`…的安` ⏎⏎ … ⏎⏎ `置房。`)."""

    id = "column_order"
    stage = "layout"
    first_pass_only = True

    @dataclass
    class Params(BaseParams):
        # the most lines a run moved may have
        max_lines: int = param(12, ge=1)
        # a run of one line narrower than the column (a paragraph's short last line)
        # goes after a column end where the character model gives its first character
        # at least this after the line's last two ...
        min_p: float = param(0.005, gt=0, le=1)
        # ... and this many times what it gives the next line's first character
        min_ratio: float = param(100.0, ge=1)
        # a run opening with one Han character and a mark goes after a column end cut
        # inside a word: the model gives that character at least this (and min_ratio
        # times the next line's); so does any run after the document's last line
        word_p: float = param(0.5, gt=0, le=1)

    params: Params

    def setup(self) -> None:
        self.cfg = Config()
        self.log_min_p = math.log(self.params.min_p)
        self.log_ratio = math.log(self.params.min_ratio)
        self.log_word_p = math.log(self.params.word_p)

    def find(self, text: str, ctx: BlockContext) -> Iterator[Edit]:
        tail = text.rstrip(" \t\u3000\n")[-1:]
        if not (ctx.is_last and tail and is_han(tail)) and not (
            _blank_line(text) and _CANDIDATE.search(text)
        ):
            return
        lines = split_lines(text)
        if not is_columns(lines, self.cfg):
            return
        moves = self._moves(_runs(lines), median([ln.width for ln in lines]), ctx.is_last)
        edits: list[Edit] = []
        for m in moves:
            start, end = m.run[0].start, m.run[-1].end
            run_text = text[start:end]
            tail = m.after.text[-12:]
            edits.append(Edit(m.cut_from, end, "", note={"moved": run_text, "after": tail}))
            edits.append(Edit(m.after.end, m.after.end, "\n\n" + run_text,
                              note={"moved_in": run_text, "after": tail}))  # fmt: skip
        yield from sorted(edits, key=lambda e: (e.start, e.end))

    def _moves(self, runs: list[list[Line]], width: float, doc_end: bool) -> list[_Move]:
        """The runs to move; ``doc_end``: the block ends the document (the end of
        another block is no end of the text)."""
        fits: dict[int, list[int]] = {}  # run index -> indices of the runs it goes after
        for r in range(1, len(runs)):
            run = runs[r]
            if self._after_sentence(runs[r - 1][-1], run):
                need = self._need(run, width)
                if need is not None:  # any column end after it
                    later = range(r + 1, len(runs))
                else:  # only the document's last line
                    later = range(max(r + 1, len(runs) - 1), len(runs) if doc_end else 0)
                fits[r] = [s for s in later if self._fits(runs, run, s, need, width, doc_end)]
        taken = [s for found in fits.values() for s in found]
        moves = []
        for r, found in fits.items():
            if len(found) == 1 and taken.count(found[0]) == 1 and found[0] not in fits:
                s = found[0]
                moves.append(_Move(runs[r], runs[r - 1][-1].end, runs[s][-1]))
        return moves

    def _after_sentence(self, before: Line, run: list[Line]) -> bool:
        """``run`` follows a sentence end, ends one and opens on a Han character,
        unindented: a paragraph, or a piece of one printed out of place."""
        first = run[0]
        return (
            before.final
            and run[-1].final
            and not first.indent
            and len(run) <= self.params.max_lines
            and is_han(first.text[0])
        )

    def _need(self, run: list[Line], width: float) -> float | None:
        """The log probability ``run``'s first character needs after a column end
        that goes on with another line: ``min_p`` for one line narrower than the column
        (a paragraph's short last line), ``word_p`` for the rest of a word and its
        clause; None for a run that may open a paragraph."""
        if len(run) == 1 and run[0].width < width - self.cfg.tolerance:
            return self.log_min_p
        return self.log_word_p if _WORD_REST.match(run[0].text) else None

    def _fits(
        self,
        runs: list[list[Line]],
        run: list[Line],
        s: int,
        need: float | None,
        width: float,
        doc_end: bool,
    ) -> bool:
        """``run`` goes after the last line of ``runs[s]``, a line as wide as the column
        cut mid-sentence on a Han character: its first character is likely there (at
        least ``need``), far more than the next line's (a Han one: a line opening with
        a mark, digit or letter goes on from it); or the line ends the document and the
        character is likely enough for a word cut (``word_p``)."""
        end = runs[s][-1]
        a = end.text
        if end.final or not is_han(a[-1]) or abs(end.width - width) > self.cfg.tolerance:
            return False
        lm = char_lm()
        lp = lm.lp(a[-2:], run[0].text[0])
        if s == len(runs) - 1:
            return doc_end and lp >= self.log_word_p
        n = runs[s + 1][0].text[0]
        return (
            need is not None
            and lp >= need
            and is_han(n)
            and lp - lm.lp(a[-2:], n) >= self.log_ratio
        )
