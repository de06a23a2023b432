"""gbk_shift: repair GBK (or Big5) text that a decoder read one byte out of step.

The mechanism is in damage.py. A stretch starts at an anchor: a ``?`` (the
lost lead byte and the tool's comma) followed by the shifted pair that the tool
took for a mark (``。、,;!?``). From there every visible character is a byte pair
(trail of one original character, lead of the next), and the stretch ends at a
lone ASCII trail byte (``W``, ``]``, ``}``), at a ``?`` (a trail byte before ASCII),
or where a pair's second byte is ASCII. Re-encoding the visible characters and
re-reading them one byte earlier gives the original characters except:

* the first one, whose lead byte is lost: every character with the known trail
  byte is a candidate (after a stray comma the tool only ever put one before a
  mark, so marks get a bonus);
* pairs that vanished because they were unassigned: two characters with one
  byte each lost (three, the middle one wholly, when two vanish in a row), limited
  to pairs that really are unassigned (candidates.py);
* the last one when it ends at ``?``: its trail byte is lost, and the ASCII byte
  the ``?`` ate with it.

A beam search (search.py) walks these candidates, ranked by a character trigram
model (char_model.py) plus what the block says (scorer.py); decide.py weighs the
readings it ends with against the text as it stands: a repair is made only when the
best path beats the text as it is by ``min_gain`` and the runner-up (including the
best path with any one hidden character swapped) by ``margin``; a stretch of marks
alone (a genuine ``为什么?!?`` re-reads as ``。”``) only with evidence besides the
model (a letter the bytes give whole, a stray comma, an annotation). A stretch that
looks damaged but is not repaired confidently stays as it is and is reported
(``reports()``): the summary counts it and ``--explain`` lists it with
``before == after``.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import regex

from cleaner.core.edits import Edit
from cleaner.core.lazy_pattern import LazyPattern
from cleaner.core.rule import BaseParams, BlockContext, ParamError, Rule, param
from cleaner.stages.encoding.gbk.candidates import Candidates
from cleaner.stages.encoding.gbk.decide import Decision, decide
from cleaner.stages.encoding.gbk.scorer import Scorer
from cleaner.stages.encoding.gbk.search import StretchSearch
from cleaner.stages.encoding.gbk.tables import (
    FULLWIDTH_OFFSET,
    CodecTable,
    codec_table,
    fold_width,
)
from cleaner.stages.encoding.models.char_model import char_lm

NOT_TEXT = LazyPattern(r"[\x00-\x20\x7f]")
MEMO_LEFT, MEMO_RIGHT = 8, 16  # context around a stretch that keys the block's memo
BUDGET_LINES = 128  # the search budget is counted over runs of this many lines (a
# run of long lines may search about as often per character as a 256K block did)


@dataclass
class ShiftState:
    """What gbk_shift keeps per document: the stretches it found but left as they were."""

    unrepaired: list[dict[str, Any]] = field(default_factory=list)


class GbkShift(Rule):
    """GBK/Big5 text read one byte out of step after a '?': re-read shifted, rank candidates."""

    id = "gbk_shift"
    stage = "encoding"

    @dataclass
    class Params(BaseParams):
        codec: str = "gbk"
        # the marks whose byte patterns the comma tool matched (a stretch opens with one)
        marks: str = "，、。；！？"
        # what the decoder wrote for a lead byte it could not pair
        anchors: str = param("?", nonempty=True)
        max_run: int = param(96, ge=1)
        max_gaps: int = param(8, ge=0)
        gap_penalty: float = param(2.0, ge=0)
        stray_comma_bonus: float = param(6.0, ge=0)
        script_penalty: float = param(4.0, ge=0)
        cache_bonus: float = param(1.5, ge=0)
        pair_cache_bonus: float = param(1.5, ge=0)
        annotation_bonus: float = param(4.0, ge=0)
        margin: float = param(1.5, ge=0)
        lost_byte_margin: float = param(2.0, ge=0)
        min_gain: float = param(8.0, ge=0)
        word_weight: float = param(1.0, ge=0)
        beam: int = param(24, ge=1)
        annotations: bool = True
        alternatives: int = param(3, ge=0)
        # anchors a run of 128 lines may search: this many, plus so many per 10,000
        # characters; a run with more searches none of them and reports them all
        # ("unsearched"), so that text dense with '?' before marks cannot stall a run,
        # and a second run leaves the same ones (cleaning is idempotent)
        min_searches: int = param(16, ge=0)
        searches_per_10k: float = param(20.0, ge=0)

    params: Params
    # the byte-level screen before each search (search.py, ``may_end``); off only to
    # show that it changes nothing (tests/encoding/test_gbk_screen.py)
    screen_stretches: bool = True

    def setup(self) -> None:
        params = self.params
        try:
            codecs.lookup(params.codec)
        except LookupError as e:
            raise ParamError("codec", f"unknown codec {params.codec!r}", "use gbk or big5") from e
        # the marks as the damaged text shows them (full-width forms folded to ASCII)
        shown = {fold_width(m) for m in params.marks if len(_encode(m, params.codec)) == 2}
        if not shown:
            raise ParamError(
                "marks",
                f"none of {params.marks!r} is a two-byte {params.codec} character",
                "use gbk or big5",
            )
        # an anchor: '?' then a shifted mark, not after ASCII (except a stray comma)
        self.screen = regex.compile(
            r"(?<=[^\x00-\x2b\x2d-\x7f])["
            + regex.escape(params.anchors)
            + "]["
            + regex.escape("".join(sorted(shown)))
            + "]"
        )

    # built on the first stretch, not at start-up (the GBK table takes about 0.5 s)
    @cached_property
    def table(self) -> CodecTable:
        return codec_table(self.params.codec)

    @cached_property
    def cands(self) -> Candidates:
        return Candidates(self.table)

    @cached_property
    def search(self) -> StretchSearch:
        return StretchSearch(self.params, self.table, self.cands)

    def warm_up(self) -> None:
        char_lm()
        _ = self.cands

    @cached_property
    def can_end(self) -> tuple[frozenset[str], frozenset[str]]:
        """What a stretch needs to end anywhere (the screen in ``find``): a visible
        character with a reading whose trail byte is ASCII (the next pair is back in
        step), or after the first, an anchor or an ASCII trail byte standing alone.
        The search records an ending only at one of these, so a run without any
        has no reading to offer: the search would return None. (Sets, not character
        classes: a class of some 8,000 characters cost ~60 µs a run on text dense
        with anchors, the set a few.)"""
        table = self.table
        low = {ch for ch, pairs in table.enc.items() if any(pr & 0xFF < 0x80 for pr in pairs)}
        low |= {chr(o) for o in range(0x21, 0x7F) if chr(o + FULLWIDTH_OFFSET) in low}
        lone = {chr(o) for o in range(0x21, 0x7F) if o in table.trails}
        lone |= set(self.params.anchors)
        return frozenset(low), frozenset(low | lone)

    def _visible_end(self, text: str, anchor: int) -> int:
        """End of the visible run after the anchor: ``max_run`` characters at most, up
        to a space or control character."""
        stop = anchor + 1 + self.params.max_run
        cut = NOT_TEXT.search(text, anchor + 1, stop)
        return cut.start() if cut else min(stop, len(text))

    def may_repair(self, text: str, anchor: int) -> bool:
        """False for an anchor the search would return None for: no ending can be
        read anywhere in its run (tests/encoding/test_gbk_screen.py runs both)."""
        end = self._visible_end(text, anchor)
        if end <= anchor + 1:
            return False
        first, later = self.can_end
        return text[anchor + 1] in first or not later.isdisjoint(text[anchor + 2 : end])

    def new_state(self, path: str) -> ShiftState:
        return ShiftState()

    def reports(self, state: ShiftState) -> list[dict[str, Any]]:
        return state.unrepaired

    # ---------------------------------------------------------------- find
    def find(self, text: str, ctx: BlockContext) -> Iterator[Edit]:
        done_to = 0  # end of the last repair: anchors inside it are not looked at
        scorer: Scorer | None = None
        params = self.params
        # the same stretch in the same surroundings (repeated pages) is decided once per
        # block: the block's own evidence (its characters, pairs, annotations) takes part
        # in every decision, so a decision never travels to another block or document.
        # The memo lasts over the pipeline's passes of the block; it is keyed by the
        # block's script too, which the convert stage changes between passes (a stretch
        # left in mixed text may read well once it is all Traditional, as a second run
        # would find).
        memo: dict[tuple[str, str], Any] = ctx.scratch.setdefault(self.id, {})
        anchors = [
            m.start() for m in self.screen.finditer(text) if self.may_repair(text, m.start())
        ]
        for length, group in budget_windows(text, anchors):
            # All or nothing (FINDINGS H9): a run of lines with more anchors than its
            # budget searches none of them, so what is searched depends on the text
            # alone, and a second run, meeting the same text, leaves the same anchors.
            if len(group) > search_budget(params, length):
                for anchor in group:
                    seen = text[anchor : self._visible_end(text, anchor)]
                    self._report(ctx, anchor, {"text": seen, "unsearched": True})
                continue
            for anchor in group:
                if anchor < done_to:
                    continue
                if scorer is None:
                    scorer = Scorer(char_lm(), text, self.params, self.search.orders)
                found = self._memo_stretch(text, anchor, scorer, memo)
                if found is None:
                    continue
                end, after, note, ok = anchor + found[0], found[1], found[2], found[3]
                if ok:
                    done_to = end
                    yield Edit(anchor, end, after, note=note)
                else:
                    self._report(ctx, anchor, {"text": text[anchor:end], **note})

    def _report(self, ctx: BlockContext, anchor: int, what: dict[str, Any]) -> None:
        """A stretch left as it is, for ``reports``."""
        ctx.state.unrepaired.append({"path": ctx.path, "offset": ctx.start + anchor, **what})

    def _memo_stretch(
        self, text: str, anchor: int, scorer: Scorer, memo: dict[tuple[str, str], Any]
    ) -> Any:
        """``_stretch``, kept relative to the anchor (the same stretch in the same
        surroundings may sit elsewhere in the block)."""
        end = anchor + 1 + self.params.max_run + MEMO_RIGHT
        key = (scorer.script, text[max(0, anchor - MEMO_LEFT) : end])
        if key not in memo:
            decision = self._stretch(text, anchor, scorer)
            memo[key] = None if decision is None else (decision[0] - anchor, *decision[1:])
        return memo[key]

    def _stretch(self, text: str, anchor: int, scorer: Scorer) -> Decision | None:
        """Search the stretch after ``anchor`` and decide on it (None: no reading).
        A stretch whose bytes cannot reach an ending is not searched (the same None,
        after the budget counted it: the output never depends on the screen)."""
        stop = self._visible_end(text, anchor)
        if stop <= anchor + 1:
            return None
        if self.screen_stretches and not self.search.may_end(text[anchor + 1 : stop]):
            return None
        ends = self.search.run(text, anchor, stop, scorer)
        if not ends:
            return None
        return decide(text, anchor, ends, scorer, self.params)


def search_budget(params: GbkShift.Params, length: int) -> int:
    """How many anchors a run of lines of ``length`` characters may search."""
    return params.min_searches + int(length * params.searches_per_10k / 10_000)


def budget_windows(text: str, anchors: list[int]) -> Iterator[tuple[int, list[int]]]:
    """``anchors`` (in order) by run of BUDGET_LINES lines of ``text``, with the run's
    length; runs without an anchor are left out. A repair never adds or removes a
    line, so a second run counts over the same runs."""
    start, at = 0, 0
    while at < len(anchors):
        end = start
        for _ in range(BUDGET_LINES):
            end = text.find("\n", end) + 1
            if end == 0:
                end = len(text)
                break
        group = []
        while at < len(anchors) and anchors[at] < end:
            group.append(anchors[at])
            at += 1
        if group:
            yield end - start, group
        start = end


def _encode(ch: str, codec: str) -> bytes:
    try:
        return ch.encode(codec)
    except UnicodeEncodeError:
        return b""
