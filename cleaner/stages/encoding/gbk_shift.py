"""gbk_shift: repair GBK (or Big5) text that a decoder read one byte out of step.

The mechanism is in gbk_damage.py. A stretch starts at an anchor: a ``?`` (the
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
  to pairs that really are unassigned (gbk_candidates.py);
* the last one when it ends at ``?``: its trail byte is lost, and the ASCII byte
  the ``?`` ate with it.

A character trigram model (gbk_lm.py) ranks the paths through these candidates
against the text as it stands; a repair is made only when the best path beats
the text as it is by ``min_gain`` and the runner-up (including the best path with
any one hidden character swapped) by ``margin``. A stretch that looks damaged but
is not repaired confidently stays as it is and is reported (``reports()``): the
summary counts it and ``--explain`` lists it with ``before == after``.
"""

from __future__ import annotations

import codecs
import math
import operator
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import Any

import regex

from cleaner.core.edits import Edit
from cleaner.core.lazy_pattern import LazyPattern
from cleaner.core.rule import BaseParams, BlockContext, ParamError, Rule, param
from cleaner.stages.encoding.gbk_candidates import Candidates
from cleaner.stages.encoding.gbk_lm import EOS, CharLM, char_lm, left_context
from cleaner.stages.encoding.gbk_tables import (
    FULLWIDTH_OFFSET,
    CodecTable,
    codec_table,
    fold_width,
)

TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
ANNOTATION = LazyPattern(rf"\(([a-z{TONED}]{{1,7}})\)")
# what follows a '?' that ate the '(' of an annotation
ANNOTATION_TAIL = LazyPattern(rf"([a-z{TONED}]{{1,7}})\)")
# a '?' before these ate a stray comma (the tool put one before marks)
AFTER_STRAY = "，、。；！？,;!?：:“”"
STRAY = LazyPattern(r",(?=[，、。；！？,;!?])")  # the tool's commas: noise to the model
CONTEXT = 4  # characters of context on each side when readings are compared
ANNOTATED = LazyPattern(rf"(\p{{Han}})\(([a-z{TONED}]{{1,7}})\)")
NOT_TEXT = LazyPattern(r"[\x00-\x20\x7f]")


@dataclass(slots=True)
class _Hyp:
    score: float  # model score plus priors (bonus, gap penalties)
    prior: float  # the priors alone, carried into the final scoring
    path: str
    ctx: str  # the last two characters, for the model
    gaps: int
    # characters read through a lost byte: (position in path, what else fits there)
    slots: tuple[tuple[int, Sequence[str]], ...] = ()
    reading: str | None = None  # the annotation after the last character, if any


# a step of the search before it becomes a hypothesis: score, model state (last two
# characters, pending byte), the hypothesis it extends and by what (a character read
# in step, or the characters a vanished pair hid and what else fits each)
_Step = tuple[float, str, int, _Hyp, str | tuple[str, ...], tuple[Sequence[str], ...]]


# a finished reading: score, visible characters consumed, what to put back for an
# eaten byte (None: unknown), and the hypothesis (or how to build it)
_End = tuple[float, int, str | None, _Hyp | Callable[[], _Hyp]]


class _Scorer:
    """The character model plus what the block says: its script, the characters
    it uses elsewhere, and the annotations it carries elsewhere."""

    def __init__(self, lm: CharLM, text: str, p: Any) -> None:
        self.lm = lm
        self.p = p
        self.text = text
        self.script = lm.script_of(text)
        self.exclude: Counter[str] = Counter()
        self.exclude_pairs: Counter[str] = Counter()
        self._own: dict[str, float] = {}  # script and cache bonus, per character
        self._lp: dict[str, float] = {}  # lp with bonus, within one stretch
        # what _best found for a candidate list in a context, within one stretch
        self.best_memo: dict[tuple[Any, ...], list[str]] = {}

    # counted only when a stretch is searched (a memo hit needs none of it)
    @cached_property
    def counts(self) -> Counter[str]:
        return Counter(self.text)

    @cached_property
    def pairs(self) -> Counter[str]:
        return Counter(map(operator.add, self.text, self.text[1:]))

    @cached_property
    def annotated(self) -> set[tuple[str, str]]:
        if not self.p.annotations:
            return set()
        return {(m.group(1), m.group(2)) for m in ANNOTATED.finditer(self.text)}

    def look_away(self, stretch: str) -> None:
        """Count only what the block has outside ``stretch`` (its own garbage is no evidence)."""
        self.exclude = Counter(stretch)
        self.exclude_pairs = Counter(map(operator.add, stretch, stretch[1:]))
        self._own = {}
        self._lp = {}
        self.best_memo = {}

    def bonus(self, ch: str, prev: str = "") -> float:
        b = self._own.get(ch)
        if b is None:
            b = 0.0
            lm = self.lm
            if (self.script, ch in lm.simp_only, ch in lm.trad_only) in BAD_SCRIPT:
                b -= self.p.script_penalty
            if self.counts[ch] - self.exclude[ch] > 0:
                b += self.p.cache_bonus
            self._own[ch] = b
        if prev and self.pairs.get(prev + ch, 0) > self.exclude_pairs.get(prev + ch, 0):
            b += self.p.pair_cache_bonus
        return b

    def lp(self, ctx: str, ch: str) -> float:
        k = ctx[-2:] + ch
        hit = self._lp.get(k)
        if hit is None:
            hit = self._lp[k] = self.lm.lp(ctx, ch) + self.bonus(ch, ctx[-1:])
        return hit

    def annotation_bonus(self, ch: str, reading: str | None) -> float:
        """For a character the block annotates elsewhere with the reading after it."""
        if reading is not None and (ch, reading) in self.annotated:
            return float(self.p.annotation_bonus)
        return 0.0


@dataclass
class ShiftState:
    """What gbk_shift keeps per document: the stretches it found but left as they were."""

    unrepaired: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class _BlockSearch:
    """What one block's searches leave for the next pass over it."""

    memo: dict[str, Any]
    budget: int  # searches left


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
        beam: int = param(24, ge=1)
        annotations: bool = True
        alternatives: int = param(3, ge=0)
        # searches a block may run: this many, plus so many per 10,000 characters; an
        # anchor past the budget is reported ("unsearched"), never searched, so that
        # text dense with '?' before marks cannot stall a run
        min_searches: int = param(16, ge=0)
        searches_per_10k: float = param(20.0, ge=0)

    params: Params

    def setup(self) -> None:
        p = self.params
        try:
            codecs.lookup(p.codec)
        except LookupError as e:
            raise ParamError("codec", f"unknown codec {p.codec!r}", "use gbk or big5") from e
        shown = {fold_width(m) for m in p.marks if len(_encode(m, p.codec)) == 2}
        if not shown:
            raise ParamError(
                "marks", f"none of {p.marks!r} is a two-byte {p.codec} character", "use gbk or big5"
            )
        self.mark_set = set(p.marks)
        self.screen = regex.compile(
            r"(?<=[^\x00-\x2b\x2d-\x7f])["
            + regex.escape(p.anchors)
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

    def warm_up(self) -> None:
        char_lm()
        _ = self.cands

    @cached_property
    def max_step_gain(self) -> float:
        """The most one step of the search can add to a hypothesis's score: every
        log-probability is <= 0, so only the block's bonuses (one to three characters,
        a gap penalty between each)."""
        p = self.params
        per_char = max(0.0, p.cache_bonus) + max(0.0, p.pair_cache_bonus)
        per_char += max(0.0, -p.script_penalty) + LP_SLACK
        return max(k * per_char - (k - 1) * p.gap_penalty for k in (1, 2, 3))

    @cached_property
    def can_end(self) -> tuple[regex.Pattern[str], regex.Pattern[str]]:
        """What a stretch needs to end anywhere (the screen in ``find``): a visible
        character with a reading whose trail byte is ASCII (the next pair is back in
        step), or after the first, an anchor or an ASCII trail byte standing alone.
        ``_stretch`` records an ending only at one of these, so a run without any
        has no reading to offer: the search would return None."""
        t = self.table
        low = {ch for ch, pairs in t.enc.items() if any(pr & 0xFF < 0x80 for pr in pairs)}
        low |= {chr(o) for o in range(0x21, 0x7F) if chr(o + FULLWIDTH_OFFSET) in low}
        lone = {chr(o) for o in range(0x21, 0x7F) if o in t.trails} | set(self.params.anchors)
        first = regex.compile("[" + "".join(map(regex.escape, sorted(low))) + "]")
        later = regex.compile("[" + "".join(map(regex.escape, sorted(low | lone))) + "]")
        return first, later

    def _visible_end(self, text: str, a: int) -> int:
        """End of the visible run after the anchor at ``a``: ``max_run`` characters
        at most, up to a space or control character."""
        stop = a + 1 + self.params.max_run
        cut = NOT_TEXT.search(text, a + 1, stop)
        return cut.start() if cut else min(stop, len(text))

    def may_repair(self, text: str, a: int) -> bool:
        """False for an anchor the search would return None for: no ending can be
        read anywhere in its run (tests/encoding/test_gbk_screen.py runs both)."""
        end = self._visible_end(text, a)
        if end <= a + 1:
            return False
        first, later = self.can_end
        return bool(first.match(text, a + 1, a + 2) or later.search(text, a + 2, end))

    def _after_stray(self, left: str, ch: str) -> bool:
        """The tool put commas before marks: ``ch``, a mark, may follow one of them."""
        return left == "," and ch in self.mark_set

    def new_state(self, path: str) -> ShiftState:
        return ShiftState()

    def reports(self, state: ShiftState) -> list[dict[str, Any]]:
        return state.unrepaired

    # ---------------------------------------------------------------- find
    def find(self, text: str, ctx: BlockContext) -> Iterator[Edit]:
        pos = 0
        sc: _Scorer | None = None
        p = self.params
        # the same stretch in the same surroundings (repeated pages) is decided once per
        # block: the block's own evidence (its characters, pairs, annotations) takes part
        # in every decision, so a decision never travels to another block or document.
        # The memo and the search budget last over the pipeline's passes of the block.
        search = ctx.scratch.get(self.id)
        if search is None:
            budget = p.min_searches + int(len(text) * p.searches_per_10k / 10_000)
            search = ctx.scratch[self.id] = _BlockSearch({}, budget)
        memo = search.memo
        for m in self.screen.finditer(text):
            a = m.start()
            if a < pos or not self.may_repair(text, a):
                continue
            if sc is None:
                sc = _Scorer(char_lm(), text, self.params)
            key = text[max(0, a - 8) : a + 1 + self.params.max_run + 16]
            if key in memo:
                found = memo[key]
            elif search.budget <= 0:
                seen = text[a : self._visible_end(text, a)]
                ctx.state.unrepaired.append(
                    {"path": ctx.path, "offset": ctx.start + a, "text": seen, "unsearched": True}
                )
                continue
            else:
                search.budget -= 1
                res = self._stretch(text, a, sc)
                found = memo[key] = None if res is None else (res[0] - a, *res[1:])
            if found is None:
                continue
            end, after, note, ok = a + found[0], found[1], found[2], found[3]
            if ok:
                pos = end
                yield Edit(a, end, after, note=note)
            else:
                ctx.state.unrepaired.append(
                    {"path": ctx.path, "offset": ctx.start + a, "text": text[a:end], **note}
                )

    # ------------------------------------------------------------ one stretch
    def _stretch(
        self, text: str, a: int, sc: _Scorer
    ) -> tuple[int, str, dict[str, Any], bool] | None:
        p = self.params
        t = self.table
        vis = text[a + 1 : self._visible_end(text, a)]
        if not vis:
            return None
        left = text[a - 1] if a else ""
        lctx = left_context(text, a)
        sc.look_away(text[max(0, a - 1) : a + 2 + len(vis)])
        # finished hypothesis, visible chars consumed, what to put back for an eaten byte
        ends: list[_End] = []

        # the first character: lead byte lost, trail = first byte of the mark's pair
        first: list[_Step] = []  # first characters, pending lead byte
        bare = lctx[:-1] if left == "," else lctx
        for pair in self.cands.readings(vis[0]):
            x1, y1 = pair >> 8, pair & 0xFF
            alts = self.cands.by_trail(x1)
            for ch in alts:
                stray = self._after_stray(left, ch)
                bonus = p.stray_comma_bonus if stray else 0.0
                before = bare if stray else lctx  # a stray comma is no context
                s0 = sc.lp(before, ch) + bonus
                h0 = _Hyp(s0, bonus, ch, (before + ch)[-2:], 0, ((0, alts),))
                first.append((s0, h0.ctx, y1, h0, "", ()))
        beam = self._prune(first, sc)
        # the text as it stands, scored alongside: a '?' before ordinary text is no
        # anchor, and once every reading trails it far behind the search stops
        as_is, ctx_is = sc.lm.lp(lctx, vis[0]), (lctx + vis[0])[-2:]
        i = 1
        while beam and i <= len(vis):
            if beam[0][0].score + ABANDON < as_is:
                break  # what ended already is still weighed
            v = vis[i] if i < len(vis) else ""
            as_next = as_is + sc.lm.lp(ctx_is, v) if v else as_is
            # no extension can gain more than max_step_gain: if even that would trail
            # the text by ABANDON, the next step stops, so extending is wasted work
            doomed = beam[0][0].score + self.max_step_gain + ABANDON < as_next
            nxt: list[_Step] = []
            for rank, (h, y) in enumerate(beam):
                if y < 0x80:  # the pair's second byte was an ASCII character: back in step
                    g = _ext(h, chr(y), sc)
                    ends.append((g.score, i, "", g))
                    continue
                if not v or doomed:
                    if v and (v in p.anchors or (v.isascii() and ord(v) in t.trails)):
                        self._end_at(h, y, v, text, a + 2 + i, sc, ends, i + 1)
                    continue
                for pair in self.cands.readings(v):
                    x, y2 = pair >> 8, pair & 0xFF
                    nc = t.dec.get(y << 8 | x)
                    if nc is not None:
                        nxt.append((h.score + sc.lp(h.ctx, nc), (h.ctx + nc)[-2:], y2, h, nc, ()))
                    if h.gaps < p.max_gaps and rank < GAP_BEAM:
                        nextc = self.cands.next_char(y2, vis, i + 1)
                        fills = self._gap_fills(y, x, h, nextc, sc, rank < DOUBLE_GAP_BEAM)
                        cost = p.gap_penalty
                        heads: dict[tuple[str, ...], tuple[float, str]] = {}
                        for chars, others in fills:
                            head = heads.get(chars[:-1])
                            if head is None:  # fills share their first characters
                                score, ctx = h.score, h.ctx
                                for ch in chars[:-1]:  # as _fill adds them up
                                    score = score + sc.lp(ctx, ch) + 0.0
                                    ctx = (ctx + ch)[-2:]
                                head = heads[chars[:-1]] = (score, ctx)
                            score, ctx = head
                            last = chars[-1]
                            score = score + sc.lp(ctx, last) + 0.0 - cost * (len(chars) - 1)
                            nxt.append((score, (ctx + last)[-2:], y2, h, chars, others))
                if v in p.anchors or (v.isascii() and ord(v) in t.trails):
                    self._end_at(h, y, v, text, a + 2 + i, sc, ends, i + 1)
            beam = self._prune(nxt, sc)
            if v:
                as_is = as_next
                ctx_is = (ctx_is + v)[-2:]
            i += 1
        if not ends:
            return None
        return self._decide(text, a, ends, sc)

    def _prune(self, items: list[_Step], sc: _Scorer) -> list[tuple[_Hyp, int]]:
        """The best ``beam`` steps, a few per model state; only these become hypotheses."""
        items.sort(key=lambda it: -it[0])
        seen: Counter[tuple[str, int]] = Counter()
        out = []
        for _score, ctx, y, h, chars, others in items:
            k = (ctx, y)
            if seen[k] >= PER_STATE:  # a few per model state: runners-up stay in view
                continue
            seen[k] += 1
            if isinstance(chars, tuple):
                h = _fill(h, chars, others, sc, self.params.gap_penalty)
            elif chars:
                h = _ext(h, chars, sc)
            out.append((h, y))
            if len(out) >= self.params.beam:
                break
        return out

    def _gap_fills(
        self, y: int, x: int, h: _Hyp, nextc: str | None, sc: _Scorer, double: bool
    ) -> list[tuple[tuple[str, ...], tuple[Sequence[str], ...]]]:
        """Characters hidden by vanished pairs between lead byte ``y`` and trail ``x``.
        One vanished pair (y,t)(l,x) with (t,l) unassigned hides two characters; two in
        a row, (y,t1)(l1,t2)(l2,x), hide three. The best few of each, by the model."""
        t = self.table
        out: list[tuple[tuple[str, ...], tuple[Sequence[str], ...]]] = []
        for bi in range(len(t.gap_blocks)):
            firsts = self.cands.firsts(y, bi)
            c1s = self._best(firsts, h.ctx, sc, GAP_FIRSTS, key=("firsts", y, bi))
            if not c1s:
                continue
            seconds = self.cands.seconds(bi, x, nextc)
            for c1 in c1s:
                for c2 in seconds[:GAP_SECONDS]:
                    out.append(((c1, c2), (firsts, seconds)))
            if not double or h.gaps + 1 >= self.params.max_gaps:
                continue
            if bi not in self.cands.double_blocks:
                continue
            for bj in self.cands.double_blocks:
                mids = self.cands.middles(bi, bj)
                if not len(mids):
                    continue
                thirds = self.cands.seconds(bj, x, nextc)
                if not thirds:
                    continue
                for c1 in c1s[:DOUBLE_FIRSTS]:
                    ctx = (h.ctx + c1)[-2:]
                    likely = mids.likely(c1)
                    for c2 in self._best(likely, ctx, sc, DOUBLE_MIDDLES, key=("mid", bi, bj, c1)):
                        alts = (firsts, likely, thirds)
                        out += [((c1, c2, c3), alts) for c3 in thirds[:DOUBLE_LASTS]]
        return out

    def _best(
        self,
        cands: list[str],
        ctx: str,
        sc: _Scorer,
        k: int,
        nextc: str | None = None,
        key: tuple[Any, ...] | None = None,
    ) -> list[str]:
        """The ``k`` candidates the model likes best after ``ctx`` (and before ``nextc``).
        ``key`` names ``cands`` (how it was made) so that the answer is kept for the
        rest of the stretch."""
        if len(cands) <= k:
            return cands
        if key is not None:
            key = (*key, ctx, k, nextc)
            hit = sc.best_memo.get(key)
            if hit is not None:
                return hit
        if nextc:
            best = sorted(cands, key=lambda c: -sc.lp(ctx, c) - sc.lm.lp(c, nextc))[:k]
        else:
            best = sorted(cands, key=lambda c: -sc.lp(ctx, c))[:k]
        if key is not None:
            sc.best_memo[key] = best
        return best

    def _end_at(
        self,
        h: _Hyp,
        y: int,
        v: str,
        text: str,
        after: int,
        sc: _Scorer,
        ends: list[_End],
        consumed: int,
    ) -> None:
        """Close the stretch at visible character ``v``: a lone ASCII trail byte, or
        a '?' standing for a trail byte the decoder could not pair."""
        p = self.params
        t = self.table
        lost = v in p.anchors
        tail: str | None = ""
        reading = None
        if lost:  # the '?' ate the next byte too: an annotation's '(' or a stray comma
            m = ANNOTATION_TAIL.match(text, after) if p.annotations else None
            if m:
                reading, tail = m.group(1), "("
            elif after < len(text) and text[after] not in AFTER_STRAY:
                tail = None
        elif p.annotations and (m := ANNOTATION.match(text, after)):
            reading = m.group(1)
        if lost:
            every = self.cands.lost_trail(y, reading)
            cands = self._best(every, h.ctx, sc, LAST_CANDIDATES, key=("lost", y, reading))
        else:
            c = t.dec.get(y << 8 | ord(v))
            every = cands = self.cands.by_reading([c] if c else [], reading)
        for c in cands:  # scored as _ext scores them, built only if _decide looks
            score = h.score + sc.lp(h.ctx, c) + sc.annotation_bonus(c, reading)
            make = partial(_ext, h, c, sc, reading, every if lost else None)
            ends.append((score, consumed, tail, make))
        if h.gaps >= p.max_gaps:
            return
        # a vanished pair just before the end: (y, t') and (l, trail); the best few
        for bi, (_trails, lds) in enumerate(t.gap_blocks):
            firsts = self.cands.firsts(y, bi)
            lasts = self.cands.lasts_after_gap(lds, None if lost else ord(v), reading)
            if not firsts or not len(lasts):
                continue
            lasts_key = ("last", bi, None if lost else v, reading)
            for c1 in self._best(firsts, h.ctx, sc, END_GAP_FIRSTS, key=("firsts", y, bi)):
                ctx = (h.ctx + c1)[-2:]
                likely = lasts.likely(c1)
                s1 = h.score + sc.lp(h.ctx, c1) + 0.0  # as _fill adds them up
                for c2 in self._best(likely, ctx, sc, END_GAP_LASTS, key=(*lasts_key, c1)):
                    score = s1 + sc.lp(ctx, c2) + sc.annotation_bonus(c2, reading)
                    score -= p.gap_penalty * 1
                    make = partial(_fill, h, (c1, c2), (firsts, likely), sc, p.gap_penalty, reading)
                    ends.append((score, consumed, tail, make))

    def _window(self, text: str, a: int, stop: int, sc: _Scorer) -> Callable[[str], float]:
        """How well a reading of text[a:stop] fits between what comes before and after."""
        note_m = (
            (ANNOTATION.match(text, stop) or ANNOTATION_TAIL.match(text, stop))
            if self.params.annotations
            else None
        )
        right_at = note_m.end() if note_m else stop
        lctx = left_context(text, a, CONTEXT)
        rctx = _right_context(text, right_at)

        def window_score(s: str) -> float:
            body = STRAY.sub("", ANNOTATION.sub("", s) + rctx)
            prev = lctx[-1:]
            total = sc.lm.score(body, lctx)
            for ch in body:
                total += sc.bonus(ch, prev)
                prev = ch
            return total

        return window_score

    def _decide(
        self, text: str, a: int, ends: list[_End], sc: _Scorer
    ) -> tuple[int, str, dict[str, Any], bool] | None:
        """Score every ending over the same window and pick one, if clearly best."""
        p = self.params
        stop = a + 1 + max(e[1] for e in ends)
        window_score = self._window(text, a, stop, sc)

        best: dict[str, tuple[float, int, str | None]] = {}
        hyps: dict[str, _Hyp] = {}
        ends.sort(key=lambda e: -e[0])
        for _score, consumed, tail, make in ends[:DECIDE_ENDS]:
            h = make if isinstance(make, _Hyp) else make()
            s = window_score(h.path + text[a + 1 + consumed : stop]) + h.prior
            if h.path not in best or s > best[h.path][0]:
                best[h.path] = (s, consumed, tail)
                hyps[h.path] = h
        top = max(best, key=lambda k: best[k][0])
        # the runner-up must include the best reading with any one lost-byte character
        # swapped for another that fits there (the search may have pruned those)
        h, (_, consumed, tail) = hyps[top], best[top]
        rest = text[a + 1 + consumed : stop]
        left = text[a - 1] if a else ""

        def own_prior(path: str) -> float:
            """The priors that depend on which character stands in a slot."""
            stray = p.stray_comma_bonus if self._after_stray(left, path[0]) else 0.0
            return stray + sc.annotation_bonus(path[-1], h.reading)

        shared = h.prior - own_prior(top)
        for pos, alts in h.slots:
            before = (left_context(text, a) + top[:pos])[-2:]
            after = top[pos + 1] if pos + 1 < len(top) else None
            for alt in self._best(list(alts), before, sc, NEIGHBOURS + 1, after):
                other = top[:pos] + alt + top[pos + 1 :]
                if other not in best:
                    s = window_score(other + rest) + shared + own_prior(other)
                    best[other] = (s, consumed, tail)
        ranked = sorted(best.items(), key=lambda kv: -kv[1][0])
        path, (s1, consumed, tail) = ranked[0]
        s2 = ranked[1][1][0] if len(ranked) > 1 else -math.inf
        s0 = window_score(text[a:stop])
        end = a + 1 + consumed
        gain, margin = s1 - s0, s1 - s2
        if gain <= 0:
            return None  # the text as it stands reads better: not damage
        note: dict[str, Any] = {
            "codec": p.codec,
            "gain": round(gain, 2),
            "margin": round(margin, 2) if margin != math.inf else None,
            "alternatives": [
                [alt, round(sc_ - s1, 2)] for alt, (sc_, _, _) in ranked[1 : 1 + p.alternatives]
            ],
        }
        need = p.margin
        if tail is None:  # the '?' ate an ASCII byte that nothing here can tell
            note["lost_byte"] = True
            need += p.lost_byte_margin  # and the text after it may not follow directly
        ok = gain >= p.min_gain and margin >= need
        if not ok:
            note["best"] = path
        return end, path + (tail or ""), note, ok


PER_STATE = 2
LP_SLACK = 1e-6  # rounding: a log-probability may come out a hair above 0
ABANDON = 15.0  # nats: the best reading this far behind the text as it stands is no repair
NEIGHBOURS = 8
GAP_FIRSTS = 4
GAP_SECONDS = 8
GAP_BEAM = 12  # only the best hypotheses try vanished pairs
DOUBLE_GAP_BEAM = 4  # only the best few hypotheses try two vanished pairs in a row
DOUBLE_FIRSTS = 2
DOUBLE_MIDDLES = 4
DOUBLE_LASTS = 4
BAD_SCRIPT = {("trad", True, False), ("simp", False, True)}
LAST_CANDIDATES = 12
END_GAP_FIRSTS = 6
END_GAP_LASTS = 8
DECIDE_ENDS = 120
MAX_ANNOTATION = 9  # "(" + seven letters + ")"
RIGHT_SLICE = 64  # characters read after a stretch for its right context


def _right_context(text: str, at: int) -> str:
    """``CONTEXT`` characters from ``at`` on the same line with annotations left out,
    EOS if the line ends first. Reads a bounded slice, the whole line only when the
    slice is mostly annotations."""
    line_end = text.find("\n", at, at + RIGHT_SLICE)
    if line_end < 0:
        line_end = min(len(text), at + RIGHT_SLICE)
        rest = ANNOTATION.sub("", text[at:line_end])
        # an annotation cut by the slice's end lies past the first CONTEXT characters
        if line_end < len(text) and len(rest) < CONTEXT + MAX_ANNOTATION:
            line_end = text.find("\n", at)
            rest = ANNOTATION.sub("", text[at : len(text) if line_end < 0 else line_end])
    else:
        rest = ANNOTATION.sub("", text[at:line_end])
    return rest[:CONTEXT] + (EOS if len(rest) < CONTEXT else "")


def _encode(ch: str, codec: str) -> bytes:
    try:
        return ch.encode(codec)
    except UnicodeEncodeError:
        return b""


def _ext(
    h: _Hyp,
    ch: str,
    sc: _Scorer,
    reading: str | None = None,
    alts: Sequence[str] | None = None,
) -> _Hyp:
    """Extend ``h`` by ``ch``; a character that the block annotates elsewhere with
    the same reading as the annotation after it gets a bonus. ``alts``: what
    else fits there, when ``ch`` was read through a lost byte."""
    bonus = sc.annotation_bonus(ch, reading)
    slots = h.slots if alts is None else (*h.slots, (len(h.path), alts))
    return _Hyp(
        h.score + sc.lp(h.ctx, ch) + bonus,
        h.prior + bonus,
        h.path + ch,
        (h.ctx + ch)[-2:],
        h.gaps,
        slots,
        reading,
    )


def _fill(
    h: _Hyp,
    chars: tuple[str, ...],
    alts: tuple[Sequence[str], ...],
    sc: _Scorer,
    penalty: float,
    reading: str | None = None,
) -> _Hyp:
    """Extend ``h`` by the characters hidden by vanished pairs (the last one may
    carry an annotation's reading)."""
    g = h
    for ch, other in zip(chars[:-1], alts, strict=False):
        g = _ext(g, ch, sc, alts=other)
    g = _ext(g, chars[-1], sc, reading, alts[-1])
    cost = penalty * (len(chars) - 1)
    gaps = g.gaps + len(chars) - 1
    return _Hyp(g.score - cost, g.prior - cost, g.path, g.ctx, gaps, g.slots, g.reading)
