"""gbk_shift's beam search over the readings of one shifted stretch.

A stretch is the run of visible characters after an anchor ``?``. Each visible
character is a byte pair (trail byte of one original character, lead byte of the
next), so the search walks the run keeping, per hypothesis, the lead byte still
waiting for its trail (``lead``). At each visible character it may

* read one original character: the pending lead byte plus the character's first byte;
* read the characters hidden by one or two vanished (unassigned) pairs (``_gap_steps``);
* end the stretch (``_end_at``): at a lone ASCII trail byte, at a ``?`` that ate a
  trail byte, or where a pair's second byte is ASCII (the decoder is back in step).

The search yields the endings (``Ending``); decide.py picks one, if any is clearly best.

It scores only what could still be kept, and never keeps anything else: a step below
the floor of the beam (``Steps``) or an ending below the endings decide.py scores
(``Endings``) is dropped unbuilt, and a gap fill or an ending through a vanished pair
is not scored when even its ceiling (``StretchSearch.ceilings``: the best the model
can give its candidates, plus the largest bonus) stays below that floor. The
tests/encoding/test_gbk_steps.py and test_gbk_endings.py run the search both ways.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property, partial
from operator import itemgetter
from typing import Any

from cleaner.stages.encoding.gbk.candidates import Candidates
from cleaner.stages.encoding.gbk.scorer import (
    ANNOTATION,
    ANNOTATION_TAIL,
    LP_SLACK,
    ROUNDING,
    Scorer,
)
from cleaner.stages.encoding.gbk.tables import CodecTable
from cleaner.stages.encoding.models.char_model import CharLM, left_context

# a '?' before these ate a stray comma (the tool put one before marks)
AFTER_STRAY = "，、。；！？,;!?：:“”"

# how wide the search looks
PER_STATE = 2  # hypotheses kept per model state (last two characters, pending lead byte)
ABANDON = 15.0  # nats: the best reading this far behind the text as it stands is no repair
GAP_FIRSTS = 4
GAP_SECONDS = 8
GAP_BEAM = 12  # only the best hypotheses try vanished pairs
DOUBLE_GAP_BEAM = 4  # only the best few hypotheses try two vanished pairs in a row
DOUBLE_FIRSTS = 2
DOUBLE_MIDDLES = 4
DOUBLE_LASTS = 4
LAST_CANDIDATES = 12
END_GAP_FIRSTS = 6
END_GAP_LASTS = 8
KEPT_ENDINGS = 120  # decide.py scores this many endings, best first by search score
CEILINGS = 16_384  # entries kept by StretchSearch.ceilings; cleared when full


@dataclass(slots=True)
class Hypothesis:
    score: float  # model score plus priors (bonus, gap penalties)
    prior: float  # the priors alone, carried into the final scoring
    path: str
    ctx: str  # the last two characters, for the model
    gaps: int
    # characters read through a lost byte: (position in path, what else fits there)
    slots: tuple[tuple[int, Sequence[str]], ...] = ()
    reading: str | None = None  # the annotation after the last character, if any


# a step of the search before it becomes a hypothesis: score, model state (last two
# characters, pending lead byte), the hypothesis it extends and by what (a character
# read in step, or the characters a vanished pair hid and what else fits each)
Step = tuple[float, str, int, Hypothesis, str | tuple[str, ...], tuple[Sequence[str], ...]]


# a finished reading: score, visible characters consumed, what to put back for an
# eaten byte (None: unknown), and the hypothesis (or how to build it)
Ending = tuple[float, int, str | None, Hypothesis | Callable[[], Hypothesis]]


@dataclass(slots=True)
class _Gap:
    """Where vanished pairs may sit: between the pending ``lead`` byte of ``hyp`` and
    the ``trail`` byte read next (``next_lead`` pending after it, ``nextc`` the
    character the run reads next if nothing vanishes there)."""

    hyp: Hypothesis
    lead: int
    trail: int
    next_lead: int
    nextc: str | None


class Endings:
    """The endings a search records, only those that can still be among the best
    ``keep`` (decide.py scores no others), and how far any ending reached.

    An ending scoring no more than the ``keep`` best recorded before it is dropped:
    each of those comes before it in decide's stable sort, so it could never be
    scored. An ending that reaches further than any before it counts for ``reach``
    (the window decide scores over) even when dropped, so the search looks at such
    an ending in full: ``floor`` lets it prune only what the best ``keep`` exclude."""

    def __init__(self, keep: int = KEPT_ENDINGS, prune: bool = True) -> None:
        self.items: list[Ending] = []
        self.keep = keep
        self.prune = prune
        self.reach = 0  # the most visible characters any ending consumed
        self._top: list[float] = []  # the best ``keep`` scores so far: a min-heap

    def __len__(self) -> int:
        return len(self.items)

    def floor(self, consumed: int) -> float:
        """An ending consuming ``consumed`` characters that scores no more than this
        (with room for rounding) is dropped; -inf when every ending would be kept."""
        if not self.prune or consumed > self.reach or len(self._top) < self.keep:
            return -math.inf
        return self._top[0] - ROUNDING

    def drops(self, score: float, consumed: int) -> bool:
        """``add`` would drop such an ending and change nothing (not even ``reach``):
        no need to build it."""
        return score <= self.floor(consumed)

    def add(self, ending: Ending) -> None:
        score, consumed = ending[0], ending[1]
        self.reach = max(self.reach, consumed)
        if not self.prune:
            pass
        elif len(self._top) < self.keep:
            heapq.heappush(self._top, score)
        elif score > self._top[0]:
            heapq.heapreplace(self._top, score)
        else:
            return  # ``keep`` endings recorded earlier score at least as high
        self.items.append(ending)


class Steps:
    """The steps of one round of the search, only those that ``_prune`` could keep.

    ``_prune`` keeps the best ``beam`` steps, at most PER_STATE per model state, in a
    stable sort by score. Once ``beam`` different states each have a step scoring at
    least ``floor``, a step scoring less comes after all of them, and by then the beam
    is full: it is dropped (and the search need not build it: ``floor`` bounds what
    is worth scoring). ``floor`` counts each state at the score of its first step, so
    it never exceeds the true cut."""

    def __init__(self, beam: int, prune: bool = True) -> None:
        self.items: list[Step] = []
        self.beam = beam
        self.prune = prune
        self.floor = -math.inf  # a step scoring less than this is dropped
        self._states: set[tuple[str, int]] = set()
        self._firsts: list[float] = []  # first scores of up to ``beam`` states: a min-heap

    def add(self, step: Step) -> None:
        score = step[0]
        if score < self.floor:
            return
        self.items.append(step)
        state = (step[1], step[2])
        if not self.prune or state in self._states:
            return
        self._states.add(state)
        firsts = self._firsts
        if len(firsts) < self.beam:
            heapq.heappush(firsts, score)
            if len(firsts) == self.beam:
                self.floor = firsts[0]
        elif score > firsts[0]:
            heapq.heapreplace(firsts, score)
            self.floor = firsts[0]


def after_stray(left: str, ch: str, marks: set[str]) -> bool:
    """The tool put commas before marks: ``ch``, a mark, may follow one of them."""
    return left == "," and ch in marks


class StretchSearch:
    """The readings of a stretch, for one codec and one set of parameters."""

    # drop endings decide would never score (``Endings``); off only to show that this
    # changes nothing (tests/encoding/test_gbk_endings.py)
    prune_endings: bool = True
    # drop steps _prune would never keep (``Steps``); off only to show that this
    # changes nothing (tests/encoding/test_gbk_steps.py)
    prune_steps: bool = True

    def __init__(self, params: Any, table: CodecTable, cands: Candidates) -> None:
        self.params = params
        self.table = table
        self.cands = cands
        self.marks = set(params.marks)
        # the candidate lists in the model's lower-order order (Scorer._backoff_order),
        # by list and last history key: shared by every block's scorer
        self.orders: dict[tuple[Any, ...], tuple[tuple[int, str, str], ...]] = {}
        # per candidate list and history key: the ceilings, the best, the list's keys
        self._ceilings: dict[tuple[Any, ...], tuple[tuple[float, ...], float, dict[str, None]]] = {}
        # per candidate list and context: what ``ceilings`` answered
        self._ceilings_after: dict[tuple[Any, ...], tuple[tuple[float, ...], float] | None] = {}

    def ceilings(
        self, lm: CharLM, ctx: str, cands: Sequence[str], name: tuple[Any, ...]
    ) -> tuple[tuple[float, ...], float] | None:
        """For each of ``cands``, at least the model's log-probability after ``ctx``,
        and the best of these (``name`` names the list, as for ``Scorer.best``); None
        when a trigram seen after ctx's history may score higher."""
        key = (*name, ctx)
        kept = self._ceilings_after
        if key in kept:
            return kept[key]
        if len(kept) >= CEILINGS:
            kept.clear()
        found = kept[key] = self._find_ceilings(lm, ctx, cands, name)
        return found

    def _find_ceilings(
        self, lm: CharLM, ctx: str, cands: Sequence[str], name: tuple[Any, ...]
    ) -> tuple[tuple[float, ...], float] | None:
        """``ceilings``, from those of the history's last key: outside the trigrams
        seen after a history, a log-probability is at most the log of ``backoff_p``
        (the history's weight is <= 1), which depends on its last key alone."""
        h = lm.history(ctx)
        key = (*name, h[-1:])
        hit = self._ceilings.get(key)
        if hit is None:
            keys = [lm.key(c) for c in cands]
            each = [math.log(lm.backoff_p(h, k)) for k in keys]
            if len(self._ceilings) >= CEILINGS:
                self._ceilings.clear()
            # tuples and a dict of strings: the garbage collector leaves them alone
            best = max(each, default=-math.inf)
            hit = self._ceilings[key] = (tuple(each), best, dict.fromkeys(keys))
        seen = lm.seen_after(h)
        if seen and not seen.keys().isdisjoint(hit[2]):
            return None
        return hit[0], hit[1]

    @cached_property
    def max_char_gain(self) -> float:
        """The most one character read can add to a score (``Scorer.lp``): every
        log-probability is <= 0, so only the block's bonuses."""
        p = self.params
        per_char = max(0.0, p.cache_bonus) + max(0.0, p.pair_cache_bonus)
        return per_char + max(0.0, -p.script_penalty) + LP_SLACK

    @cached_property
    def max_step_gain(self) -> float:
        """The most one step of the search can add to a hypothesis's score: one to
        three characters, a gap penalty between each."""
        p = self.params
        return max(k * self.max_char_gain - (k - 1) * p.gap_penalty for k in (1, 2, 3))

    def is_end(self, shown: str) -> bool:
        """A visible character a stretch can end at: an anchor or a lone ASCII trail byte."""
        return shown in self.params.anchors or (shown.isascii() and ord(shown) in self.table.trails)

    # ------------------------------------------------------------- the screen
    def may_end(self, visible: str) -> bool:
        """False only when ``run`` would find no ending for the run ``visible``.

        The bytes alone, no model: which pending lead bytes the search can hold at
        each step, every one of them (the search keeps a pruned subset, and drops
        more when it abandons), through every reading in step and every vanished
        pair or two that the byte tables allow (the search tries fewer). When no
        lead byte survives to a place where an ending can be recorded (a pair whose
        second byte is ASCII, an anchor, a lone ASCII trail byte), neither can any
        hypothesis of the search. tests/encoding/test_gbk_screen.py runs both."""
        if not visible:
            return False
        leads: set[int] = set()
        for pair in self.cands.readings(visible[0]):
            if self.cands.by_trail(pair >> 8):
                leads.add(pair & 0xFF)
        for step in range(1, len(visible) + 1):
            if not leads:
                return False
            if min(leads) < 0x80:
                return True  # back in step: an ending
            if step == len(visible):
                return False
            shown = visible[step]
            if self.is_end(shown):
                return True  # _end_at may record one here
            leads = {nxt for lead in leads for nxt in self._next_leads(lead, shown)}
        return False

    def _next_leads(self, lead: int, shown: str) -> frozenset[int]:
        """The pending lead bytes after reading ``shown`` with ``lead`` pending, in
        step or through vanished pairs (a superset of what ``run`` can reach)."""
        key = (lead, shown)
        hit = self._next_cache.get(key)
        if hit is None:
            found = set()
            for pair in self.cands.readings(shown):
                trail, next_lead = pair >> 8, pair & 0xFF
                if (lead << 8 | trail) in self.table.dec or self._gap_possible(lead, trail):
                    found.add(next_lead)
            hit = self._next_cache[key] = frozenset(found)
        return hit

    def _gap_possible(self, lead: int, trail: int) -> bool:
        """Some vanished pair (or two) fits between ``lead`` and ``trail`` (``_gap_fills``
        would offer a fill, given the room)."""
        cands = self.cands
        for block in range(len(self.table.gap_blocks)):
            if not cands.firsts(lead, block):
                continue
            if cands.seconds(block, trail, None):
                return True
            if block in cands.double_blocks:
                for block2 in cands.double_blocks:
                    if len(cands.middles(block, block2)) and cands.seconds(block2, trail, None):
                        return True
        return False

    @cached_property
    def _next_cache(self) -> dict[tuple[int, str], frozenset[int]]:
        return {}

    # -------------------------------------------------------------- the search
    def run(self, text: str, anchor: int, stop: int, scorer: Scorer) -> Endings:
        """Every ending found for the stretch of text[anchor + 1:stop]."""
        params, table, cands = self.params, self.table, self.cands
        visible = text[anchor + 1 : stop]
        left = text[anchor - 1] if anchor else ""
        left_ctx = left_context(text, anchor)
        scorer.look_away(text[max(0, anchor - 1) : anchor + 2 + len(visible)])
        ends = Endings(prune=self.prune_endings)

        # the first character: lead byte lost, trail = first byte of the mark's pair
        first: list[Step] = []
        bare = left_ctx[:-1] if left == "," else left_ctx
        for pair in cands.readings(visible[0]):
            trail, lead = pair >> 8, pair & 0xFF
            alts = cands.by_trail(trail)
            for ch in alts:
                stray = after_stray(left, ch, self.marks)
                bonus = params.stray_comma_bonus if stray else 0.0
                before = bare if stray else left_ctx  # a stray comma is no context
                score = scorer.lp(before, ch) + bonus
                hyp = Hypothesis(score, bonus, ch, (before + ch)[-2:], 0, ((0, alts),))
                first.append((score, hyp.ctx, lead, hyp, "", ()))
        beam = self._prune(first, scorer)

        # the text as it stands, scored alongside: a '?' before ordinary text is no
        # anchor, and once every reading trails it far behind the search stops
        as_is, ctx_is = scorer.lm.lp(left_ctx, visible[0]), (left_ctx + visible[0])[-2:]
        step = 1  # index in ``visible`` of the character read next
        while beam and step <= len(visible):
            if beam[0][0].score + ABANDON < as_is:
                break  # what ended already is still weighed
            shown = visible[step] if step < len(visible) else ""
            as_next = as_is + scorer.lm.lp(ctx_is, shown) if shown else as_is
            # no extension can gain more than max_step_gain: if even that would trail
            # the text by ABANDON, the next step stops, so extending is wasted work
            doomed = beam[0][0].score + self.max_step_gain + ABANDON < as_next
            after = anchor + 2 + step  # text offset just past ``shown``
            steps = Steps(params.beam, self.prune_steps)
            for rank, (hyp, lead) in enumerate(beam):
                if lead < 0x80:  # the pair's second byte was an ASCII character: back in step
                    done = extend(hyp, chr(lead), scorer)
                    ends.add((done.score, step, "", done))
                    continue
                if not shown or doomed:
                    if shown and self.is_end(shown):
                        self._end_at(hyp, lead, shown, text, after, scorer, ends, step + 1)
                    continue
                for pair in cands.readings(shown):
                    trail, next_lead = pair >> 8, pair & 0xFF
                    in_step = table.dec.get(lead << 8 | trail)
                    if in_step is not None:  # read in step: pending lead + this trail
                        score = hyp.score + scorer.lp(hyp.ctx, in_step)
                        state = (hyp.ctx + in_step)[-2:]
                        steps.add((score, state, next_lead, hyp, in_step, ()))
                    if hyp.gaps < params.max_gaps and rank < GAP_BEAM:
                        nextc = cands.next_char(next_lead, visible, step + 1)
                        gap = _Gap(hyp, lead, trail, next_lead, nextc)
                        self._gap_steps(gap, scorer, steps, double=rank < DOUBLE_GAP_BEAM)
                if self.is_end(shown):
                    self._end_at(hyp, lead, shown, text, after, scorer, ends, step + 1)
            beam = self._prune(steps.items, scorer)
            if shown:
                as_is = as_next
                ctx_is = (ctx_is + shown)[-2:]
            step += 1
        return ends

    def _prune(self, steps: list[Step], scorer: Scorer) -> list[tuple[Hypothesis, int]]:
        """The best ``beam`` steps, a few per model state; only these become hypotheses."""
        # best first, ties in the order found (reverse keeps a sort stable): as a key
        # of -score, without a call per step
        steps.sort(key=itemgetter(0), reverse=True)
        seen: Counter[tuple[str, int]] = Counter()
        out = []
        for _score, ctx, lead, hyp, chars, others in steps:
            state = (ctx, lead)
            if seen[state] >= PER_STATE:  # a few per model state: runners-up stay in view
                continue
            seen[state] += 1
            if isinstance(chars, tuple):
                hyp = fill(hyp, chars, others, scorer, self.params.gap_penalty)
            elif chars:
                hyp = extend(hyp, chars, scorer)
            out.append((hyp, lead))
            if len(out) >= self.params.beam:
                break
        return out

    def _gap_steps(self, gap: _Gap, scorer: Scorer, steps: Steps, double: bool) -> None:
        """Steps reading the characters hidden by vanished pairs between ``gap.lead``
        and ``gap.trail``. One vanished pair (lead,t)(l,trail) with (t,l) unassigned
        hides two characters; two in a row, (lead,t1)(l1,t2)(l2,trail), hide three.
        The best few of each, by the model; scored as ``fill`` scores them, and only
        those that may beat ``steps.floor``."""
        cands, hyp = self.cands, gap.hyp
        lead, trail, nextc = gap.lead, gap.trail, gap.nextc
        score0, ctx0, lp = hyp.score, hyp.ctx, scorer.lp
        double = double and hyp.gaps + 1 < self.params.max_gaps
        # the most the last character can add, less the gap penalty (as _add_fills)
        reach = self.max_char_gain - self.params.gap_penalty * 1
        for block in range(len(self.table.gap_blocks)):
            firsts = cands.firsts(lead, block)
            if not firsts:
                continue
            best_firsts = scorer.best(firsts, ctx0, GAP_FIRSTS, key=("firsts", lead, block))
            lasts = ("seconds", block, trail, nextc, GAP_SECONDS)
            # the second characters, ranked by the next one: only once a first one may
            # reach the floor (most blocks have none that can)
            alts: tuple[Sequence[str], ...] = ()
            head_lasts: Sequence[str] = ()
            # best first by ``scorer.lp`` when ranked (more than GAP_FIRSTS): once one
            # cannot reach the floor, neither can those after it (the floor only rises)
            ranked = len(firsts) > GAP_FIRSTS
            for c1 in best_firsts:
                score = score0 + lp(ctx0, c1) + 0.0  # as fill adds them up
                if score + reach < steps.floor:
                    if ranked:
                        break
                    continue
                if not alts:
                    seconds = cands.seconds(block, trail, nextc)
                    alts, head_lasts = (firsts, seconds), seconds[:GAP_SECONDS]
                ctx = (ctx0 + c1)[-2:]
                self._add_fills(gap, (c1,), score, ctx, head_lasts, lasts, alts, scorer, steps)
            if double and block in cands.double_blocks:
                self._double_gap_steps(gap, block, firsts, best_firsts, scorer, steps)

    def _double_gap_steps(
        self,
        gap: _Gap,
        block: int,
        firsts: Sequence[str],
        best_firsts: Sequence[str],
        scorer: Scorer,
        steps: Steps,
    ) -> None:
        """The steps through two vanished pairs in a row from gap block ``block``."""
        cands, hyp = self.cands, gap.hyp
        # three characters read, two gap penalties: the most such a step can score
        # over its first character's
        reach = 2 * self.max_char_gain - 2 * self.params.gap_penalty
        # the most the last character can add, less the penalties (as _add_fills)
        last_reach = self.max_char_gain - self.params.gap_penalty * 2
        lp = scorer.lp
        for block2 in cands.double_blocks:
            mids = cands.middles(block, block2)
            if not len(mids):
                continue
            if not cands.has_seconds(block2, gap.trail):
                continue
            # the third characters, ranked by the next one: only once a step may reach
            # the floor
            thirds: tuple[str, ...] | None = None
            for c1 in best_firsts[:DOUBLE_FIRSTS]:
                score1 = hyp.score + lp(hyp.ctx, c1) + 0.0  # as fill adds them up
                if score1 + reach < steps.floor:
                    continue  # no reading through c1 can be kept
                ctx = (hyp.ctx + c1)[-2:]
                likely = mids.likely(c1)
                mid_key = ("mid", block, block2, c1)
                lasts = ("seconds", block2, gap.trail, gap.nextc, DOUBLE_LASTS)
                ranked = len(likely) > DOUBLE_MIDDLES  # then best first (see _gap_steps)
                for c2 in scorer.best(likely, ctx, DOUBLE_MIDDLES, key=mid_key):
                    score = score1 + lp(ctx, c2) + 0.0
                    if score + last_reach < steps.floor:
                        if ranked:
                            break
                        continue
                    if thirds is None:
                        thirds = cands.seconds(block2, gap.trail, gap.nextc)
                    alts = (firsts, likely, thirds)
                    head_lasts = thirds[:DOUBLE_LASTS]
                    ctx2 = (ctx + c2)[-2:]
                    head = (c1, c2)
                    self._add_fills(gap, head, score, ctx2, head_lasts, lasts, alts, scorer, steps)

    def _add_fills(
        self,
        gap: _Gap,
        head: tuple[str, ...],
        score: float,
        ctx: str,
        lasts: Sequence[str],
        name: tuple[Any, ...],
        alts: tuple[Sequence[str], ...],
        scorer: Scorer,
        steps: Steps,
    ) -> None:
        """The steps reading ``head`` (``score`` and model state ``ctx`` after it, as
        ``fill`` adds them up) then one of ``lasts`` (a head of the list that ``name``
        names), less a gap penalty per character of ``head``; none when even the best
        last character could not lift them to ``steps.floor``. The callers drop a
        head that could not reach it whatever followed."""
        reach = self.max_char_gain - self.params.gap_penalty * len(head)
        found = self.ceilings(scorer.lm, ctx, lasts, name)
        if found is not None and score + found[1] + reach < steps.floor:
            return
        ceilings = (0.0,) * len(lasts) if found is None else found[0]
        cost = self.params.gap_penalty * len(head)
        hyp, next_lead, lp = gap.hyp, gap.next_lead, scorer.lp
        for last, ceiling in zip(lasts, ceilings, strict=True):
            if score + ceiling + reach < steps.floor:
                continue  # this one cannot reach the floor
            total = score + lp(ctx, last) + 0.0 - cost
            if total >= steps.floor:  # else Steps.add drops it
                steps.add((total, (ctx + last)[-2:], next_lead, hyp, (*head, last), alts))

    def _end_at(
        self,
        hyp: Hypothesis,
        lead: int,
        shown: str,
        text: str,
        after: int,
        scorer: Scorer,
        ends: Endings,
        consumed: int,
    ) -> None:
        """Close the stretch at visible character ``shown``: a lone ASCII trail byte, or
        a '?' standing for a trail byte the decoder could not pair."""
        params = self.params
        lost = shown in params.anchors
        tail: str | None = ""
        reading = None
        if lost:  # the '?' ate the next byte too: an annotation's '(' or a stray comma
            m = ANNOTATION_TAIL.match(text, after) if params.annotations else None
            if m:
                reading, tail = m.group(1), "("
            elif after < len(text) and text[after] not in AFTER_STRAY:
                tail = None
        elif params.annotations and (m := ANNOTATION.match(text, after)):
            reading = m.group(1)
        # the most a character read here can score over ``hyp``: endings that could
        # not beat the floor are not scored (``Endings``)
        gain = self.max_char_gain + (params.annotation_bonus if reading is not None else 0.0)
        if hyp.score + gain > ends.floor(consumed):
            self._end_reading(hyp, lead, shown, reading, lost, tail, scorer, ends, consumed)
        if hyp.gaps < params.max_gaps:
            self._end_after_gap(hyp, lead, shown, reading, lost, tail, scorer, ends, consumed)

    def _end_reading(
        self,
        hyp: Hypothesis,
        lead: int,
        shown: str,
        reading: str | None,
        lost: bool,
        tail: str | None,
        scorer: Scorer,
        ends: Endings,
        consumed: int,
    ) -> None:
        """The endings that read one last character: the pending lead byte with the
        trail byte shown (or, for a '?', any trail byte it may have eaten)."""
        if lost:
            every = self.cands.lost_trail(lead, reading)
            lasts = scorer.best(every, hyp.ctx, LAST_CANDIDATES, key=("lost", lead, reading))
        else:
            ch = self.table.dec.get(lead << 8 | ord(shown))
            every = lasts = self.cands.by_reading((ch,) if ch else (), reading)
        for ch in lasts:  # scored as extend scores them, built only if decide looks
            score = hyp.score + scorer.lp(hyp.ctx, ch) + scorer.annotation_bonus(ch, reading)
            if ends.drops(score, consumed):
                continue
            make = partial(extend, hyp, ch, scorer, reading, every if lost else None)
            ends.add((score, consumed, tail, make))

    def _end_after_gap(
        self,
        hyp: Hypothesis,
        lead: int,
        shown: str,
        reading: str | None,
        lost: bool,
        tail: str | None,
        scorer: Scorer,
        ends: Endings,
        consumed: int,
    ) -> None:
        """The endings with a vanished pair just before the end: (lead, t') and
        (l, trail); the best few. Skipped where even the bonuses could not lift an
        ending above the floor."""
        params = self.params
        gain = self.max_char_gain + (params.annotation_bonus if reading is not None else 0.0)
        gain -= params.gap_penalty
        if hyp.score + self.max_char_gain + gain <= ends.floor(consumed):
            return
        lp, penalty = scorer.lp, params.gap_penalty * 1
        for block in range(len(self.table.gap_blocks)):
            firsts = self.cands.firsts(lead, block)
            gap_lasts = self.cands.lasts_after_gap(block, None if lost else ord(shown), reading)
            if not firsts or not len(gap_lasts):
                continue
            lasts_key = ("last", block, None if lost else shown, reading)
            first_key = ("firsts", lead, block)
            # ranked best first by ``scorer.lp`` (more than END_GAP_FIRSTS), and the
            # floor only rises: once one first character cannot reach it, no later one can
            ranked = len(firsts) > END_GAP_FIRSTS
            for c1 in scorer.best(firsts, hyp.ctx, END_GAP_FIRSTS, key=first_key):
                score1 = hyp.score + lp(hyp.ctx, c1) + 0.0  # as fill adds them up
                floor = ends.floor(consumed)  # it changes only when an ending is added
                if score1 + gain <= floor:
                    if ranked:
                        break
                    continue
                ctx = (hyp.ctx + c1)[-2:]
                likely = gap_lasts.likely(c1)
                found = self.ceilings(scorer.lm, ctx, likely, (*lasts_key, c1))
                if found is not None and score1 + found[1] + gain <= floor:
                    continue
                # the same for the last characters when no annotation bonus varies them
                last_ranked = reading is None and len(likely) > END_GAP_LASTS
                for c2 in scorer.best(likely, ctx, END_GAP_LASTS, key=(*lasts_key, c1)):
                    bonus = 0.0 if reading is None else scorer.annotation_bonus(c2, reading)
                    score = score1 + lp(ctx, c2) + bonus
                    score -= penalty
                    if score <= floor:  # ends.drops: add would drop it
                        if last_ranked:
                            break
                        continue
                    chars, alts = (c1, c2), (firsts, likely)
                    make = partial(fill, hyp, chars, alts, scorer, params.gap_penalty, reading)
                    ends.add((score, consumed, tail, make))
                    floor = ends.floor(consumed)


def extend(
    hyp: Hypothesis,
    ch: str,
    scorer: Scorer,
    reading: str | None = None,
    alts: Sequence[str] | None = None,
) -> Hypothesis:
    """Extend ``hyp`` by ``ch``; a character that the block annotates elsewhere with
    the same reading as the annotation after it gets a bonus. ``alts``: what
    else fits there, when ``ch`` was read through a lost byte."""
    bonus = scorer.annotation_bonus(ch, reading)
    slots = hyp.slots if alts is None else (*hyp.slots, (len(hyp.path), alts))
    return Hypothesis(
        hyp.score + scorer.lp(hyp.ctx, ch) + bonus,
        hyp.prior + bonus,
        hyp.path + ch,
        (hyp.ctx + ch)[-2:],
        hyp.gaps,
        slots,
        reading,
    )


def fill(
    hyp: Hypothesis,
    chars: tuple[str, ...],
    alts: tuple[Sequence[str], ...],
    scorer: Scorer,
    penalty: float,
    reading: str | None = None,
) -> Hypothesis:
    """Extend ``hyp`` by the characters hidden by vanished pairs (the last one may
    carry an annotation's reading): ``extend`` once per character, the same sums,
    without the hypotheses in between."""
    score, prior, path, ctx, slots = hyp.score, hyp.prior, hyp.path, hyp.ctx, hyp.slots
    steps = [*zip(chars[:-1], alts, strict=False), (chars[-1], alts[-1])]
    last = len(steps) - 1
    for n, (ch, other) in enumerate(steps):
        bonus = scorer.annotation_bonus(ch, reading if n == last else None)
        if other is not None:
            slots = (*slots, (len(path), other))
        score = score + scorer.lp(ctx, ch) + bonus
        prior = prior + bonus
        path = path + ch
        ctx = (ctx + ch)[-2:]
    cost = penalty * (len(chars) - 1)
    gaps = hyp.gaps + len(chars) - 1
    return Hypothesis(score - cost, prior - cost, path, ctx, gaps, slots, reading)
