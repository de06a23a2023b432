"""How gbk_shift scores a reading: the character model plus what the block says.

A block's own evidence counts: a character it uses elsewhere, a pair of characters it
writes elsewhere, and an annotation it carries elsewhere all earn a bonus; a
character of the other script (Simplified in Traditional text, or the reverse) a
penalty. What the damaged stretch itself holds is no evidence (``look_away``).
"""

from __future__ import annotations

import heapq
import operator
from collections import Counter
from collections.abc import Callable, Sequence
from functools import cached_property
from typing import Any

from cleaner.core.lazy_pattern import LazyPattern
from cleaner.stages.encoding.models.char_model import EOS, CharLM, left_context
from cleaner.stages.encoding.models.word_model import word_lm

TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
ANNOTATION = LazyPattern(rf"\(([a-z{TONED}]{{1,7}})\)")
# what follows a '?' that ate the '(' of an annotation
ANNOTATION_TAIL = LazyPattern(rf"([a-z{TONED}]{{1,7}})\)")
ANNOTATED = LazyPattern(rf"(\p{{Han}})\(([a-z{TONED}]{{1,7}})\)")
STRAY = LazyPattern(r",(?=[，、。；！？,;!?])")  # the tool's commas: noise to the model
CONTEXT = 4  # characters of context on each side when readings are compared
MAX_ANNOTATION = 9  # "(" + seven letters + ")"
RIGHT_SLICE = 64  # characters read after a stretch for its right context
SPARE = 2  # candidates kept past the best k in a block's ranking (for the lowered ones)
BLOCK_CACHE = 262_144  # entries per block-wide cache; cleared when full
# candidate lists' orders kept (shared by every block, each a tuple as long as its list:
# at 262,144 they grew past 100 MB on unique web text)
ORDERS_CACHE = 16_384
LP_SLACK = 1e-6  # rounding: a log-probability may come out a hair above 0
ROUNDING = 1e-9  # nats: more than any rounding between scores that fall in theory
# (block script, character only Simplified, character only Traditional) that is penalised
BAD_SCRIPT = {("trad", True, False), ("simp", False, True)}
NOTHING: Counter[str] = Counter()  # looked away from nothing
# the head of a candidate list's ranking: (place in the list, candidate), best first
Ranking = list[tuple[int, str]]


class Scorer:
    """The character model plus what the block says: its script, the characters
    it uses elsewhere, and the annotations it carries elsewhere."""

    def __init__(
        self,
        lm: CharLM,
        text: str,
        params: Any,
        orders: dict[tuple[Any, ...], tuple[tuple[int, str, str], ...]] | None = None,
    ) -> None:
        self.lm = lm
        # candidate lists in the order of the model's lower orders, by the list's name
        # and the history's last key: shared by the blocks of one codec
        self.orders = {} if orders is None else orders
        self.params = params
        self.text = text
        self.exclude: Counter[str] = Counter()
        self.exclude_pairs: Counter[str] = Counter()
        self._own: dict[str, float] = {}  # script and cache bonus, per character
        self._lp: dict[str, float] = {}  # lp of the stretch's own characters, within it
        # what best() found for a candidate list in a context, within one stretch
        self.best_memo: dict[tuple[Any, ...], Sequence[str]] = {}
        # the same with nothing looked away from, kept for the whole block: a stretch
        # only takes bonuses away, and only from its own characters and pairs
        self._block_own: dict[str, float] = {}
        # by context (the last two characters: a hypothesis's own ``ctx`` string, whose
        # hash Python keeps) then character: no key string made and hashed per call
        self._block_lp: dict[str, dict[str, float]] = {}
        self._block_lp_size = 0  # entries in all rows (cleared at BLOCK_CACHE)
        self._block_best: dict[tuple[Any, ...], Ranking] = {}
        # per candidate list: its (place, candidate) by model key (``_by_key``)
        self._block_keys: dict[tuple[Any, ...], dict[str, tuple[tuple[int, str], ...]]] = {}
        self._block_runs: dict[tuple[Any, ...], list[tuple[float, list[tuple[int, str, str]]]]] = {}

    # counted only when a stretch is searched (a memo hit needs none of it)
    @cached_property
    def script(self) -> str:
        return self.lm.script_of_counts(self.counts)

    @cached_property
    def counts(self) -> Counter[str]:
        return Counter(self.text)

    @cached_property
    def pairs(self) -> Counter[str]:
        return Counter(map(operator.add, self.text, self.text[1:]))

    @cached_property
    def annotated(self) -> set[tuple[str, str]]:
        if not self.params.annotations:
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
        """Script penalty, bonus for a character the block uses elsewhere and for a
        pair (``prev`` + ``ch``) it writes elsewhere."""
        return self._bonus(ch, prev, self._own, self.exclude, self.exclude_pairs)

    def block_bonus(self, ch: str, prev: str = "") -> float:
        """``bonus`` with nothing looked away from: the same for a character that is not
        the stretch's (``exclude``), and so for a pair ending in one."""
        return self._bonus(ch, prev, self._block_own, NOTHING, NOTHING)

    def _bonus(
        self,
        ch: str,
        prev: str,
        own: dict[str, float],
        exclude: Counter[str],
        exclude_pairs: Counter[str],
    ) -> float:
        bonus = own.get(ch)
        if bonus is None:
            bonus = 0.0
            lm = self.lm
            if (self.script, ch in lm.simp_only, ch in lm.trad_only) in BAD_SCRIPT:
                bonus -= self.params.script_penalty
            if self.counts[ch] - exclude[ch] > 0:
                bonus += self.params.cache_bonus
            own[ch] = bonus
        pair = prev + ch
        if prev and self.pairs.get(pair, 0) > exclude_pairs.get(pair, 0):
            bonus += self.params.pair_cache_bonus
        return bonus

    def lp(self, ctx: str, ch: str) -> float:
        """Model log-probability of ``ch`` after ``ctx``, plus the block's bonus."""
        if ch in self.exclude:  # the stretch's own: its bonus may be lower
            return self._stretch_lp(ctx, ch)
        row = self._block_lp.get(ctx)
        if row is not None:
            hit = row.get(ch)
            if hit is not None:
                return hit
        return self._block_lp_miss(ctx, ch)

    def _stretch_lp(self, ctx: str, ch: str) -> float:
        key = ctx[-2:] + ch
        hit = self._lp.get(key)
        if hit is None:
            hit = self._lp[key] = self.lm.lp(ctx, ch) + self.bonus(ch, ctx[-1:])
        return hit

    def block_lp(self, ctx: str, ch: str) -> float:
        """``lp`` with nothing looked away from, kept for the whole block."""
        row = self._block_lp.get(ctx)
        if row is not None:
            hit = row.get(ch)
            if hit is not None:
                return hit
        return self._block_lp_miss(ctx, ch)

    def _block_lp_miss(self, ctx: str, ch: str) -> float:
        """``block_lp`` for a (context, character) that ``lp`` did not find in the block
        cache; kept there."""
        if len(ctx) > 2:  # (no caller passes more) keyed as the model reads it
            ctx = ctx[-2:]
            row = self._block_lp.get(ctx)
            if row is not None and (hit := row.get(ch)) is not None:
                return hit
        # not from the model's cache: the block's holds every key that one would
        lp = self.lm.lp_uncached(ctx, ch)
        # block_bonus(ch, ctx[-1:]), inlined: nothing is looked away from
        bonus = self._block_own.get(ch)
        if bonus is None:
            bonus = self.block_bonus(ch)
        prev = ctx[-1:]
        if prev and self.pairs.get(prev + ch, 0) > 0:
            bonus += self.params.pair_cache_bonus
        if bonus:  # else the model's float itself: lp + 0.0 is lp
            lp += bonus
        self._block_keep(ctx, ch, lp)
        return lp

    def _block_keep(self, ctx: str, ch: str, value: float) -> None:
        """Keep ``value`` in the block cache, for ``ch`` after ``ctx`` (two characters at
        most, not yet kept); the cache is cleared first when full."""
        if self._block_lp_size >= BLOCK_CACHE:
            self._block_lp.clear()
            self._block_lp_size = 0
        row = self._block_lp.get(ctx)
        if row is None:
            row = self._block_lp[ctx] = {}
        row[ch] = value
        self._block_lp_size += 1

    def annotation_bonus(self, ch: str, reading: str | None) -> float:
        """For a character the block annotates elsewhere with the reading after it."""
        if reading is not None and (ch, reading) in self.annotated:
            return float(self.params.annotation_bonus)
        return 0.0

    def best(
        self,
        cands: Sequence[str],
        ctx: str,
        k: int,
        nextc: str | None = None,
        key: tuple[Any, ...] | None = None,
    ) -> Sequence[str]:
        """The ``k`` candidates the model likes best after ``ctx`` (and before ``nextc``),
        best first, ties in list order. ``key`` names ``cands`` (how it was made) so
        that the answer is kept for the rest of the stretch."""
        if len(cands) <= k:
            return cands
        if key is None:
            return self._ranked(cands, ctx, k, nextc)
        name, key = key, (*key, ctx, k, nextc)
        hit = self.best_memo.get(key)
        if hit is None:
            hit = self.best_memo[key] = self._best_in_stretch(cands, ctx, k, nextc, name)
        return hit

    def _best_in_stretch(
        self, cands: Sequence[str], ctx: str, k: int, nextc: str | None, name: tuple[Any, ...]
    ) -> Sequence[str]:
        """``best`` for this stretch, from the block's ranking when it can tell."""
        if nextc is None:
            key = (*name, ctx, k)
            ranking = self._block_best.get(key)
            if ranking is None:
                if len(self._block_best) >= BLOCK_CACHE:
                    self._block_best.clear()
                ranking = self._block_best[key] = self._block_ranked(cands, ctx, k + SPARE, name)
            found = self._rerank(ranking, len(cands), ctx, k)
            if found is not None:
                return found
        return self._ranked(cands, ctx, k, nextc)

    def _rerank(self, ranking: Ranking, size: int, ctx: str, k: int) -> list[str] | None:
        """The best ``k`` for this stretch from the head of the block's ranking of a
        list of ``size`` candidates; None if the head is too short to tell.

        Looking away from the stretch only lowers scores, and only of its own
        characters and pairs: the others keep their block order, and each lowered
        one goes back in where its new score puts it (ties in list order)."""
        out: list[str] = []
        lowered: list[tuple[float, int, str]] = []  # (-score, index, candidate): a heap
        for at, c in ranking:
            score = self.block_lp(ctx, c)
            if c in self.exclude and (own := self._stretch_lp(ctx, c)) != score:
                heapq.heappush(lowered, (-own, at, c))
                continue
            while lowered and lowered[0][:2] < (-score, at):
                out.append(heapq.heappop(lowered)[2])
                if len(out) == k:
                    return out
            out.append(c)
            if len(out) == k:
                return out
        if len(ranking) < size:
            return None  # a candidate past the head may come before the lowered ones
        while lowered and len(out) < k:
            out.append(heapq.heappop(lowered)[2])
        return out

    def _ranked(self, cands: Sequence[str], ctx: str, k: int, nextc: str | None) -> list[str]:
        """The best ``k`` of ``cands`` for this stretch, ranked in full."""
        if nextc:
            return sorted(cands, key=lambda c: -self.lp(ctx, c) - self.lm.lp(c, nextc))[:k]
        return sorted(cands, key=lambda c: -self.lp(ctx, c))[:k]

    def _block_ranked(
        self, cands: Sequence[str], ctx: str, k: int, name: tuple[Any, ...]
    ) -> Ranking:
        """The best ``k`` of ``cands`` by ``block_lp`` (ties in list order), with their
        places in the list: ``sorted(...)[:k]``, without scoring every candidate.

        Outside the trigrams the model has after ``ctx``, a candidate's log-probability
        grows with its lower-order probability (``CharLM.backoff_p``), so among those
        with the same bonus the scores fall along that order: each such run is read
        until its score drops below the k-th best found (with room for rounding)."""
        lm = self.lm
        h = lm.history(ctx)
        seen = lm.seen_after(h)
        prev = ctx[-1:]
        top: list[tuple[float, int]] = []  # the best k so far: (score, -place), a heap

        def score(at: int, c: str) -> float:
            s = self.block_lp(ctx, c)
            if len(top) < k:
                heapq.heappush(top, (s, -at))
            elif (s, -at) > top[0]:
                heapq.heapreplace(top, (s, -at))
            return s

        runs = self._bonus_runs(cands, prev, h[-1:], name)
        if seen:
            # the candidates whose key the model has after the history, found from the
            # smaller of the two (the heap keeps the best k whatever the order)
            by_key = self._by_key(cands, name)
            for kc in by_key.keys() & seen.keys():
                for at, c in by_key[kc]:
                    score(at, c)
        for bonus, run in runs:
            for at, c, kc in run:
                if kc in seen:
                    continue
                s = self._unseen_block_lp(ctx, c, h, kc, bonus)
                if len(top) < k:
                    heapq.heappush(top, (s, -at))
                elif (s, -at) > top[0]:
                    heapq.heapreplace(top, (s, -at))
                if s + ROUNDING < top[0][0] and len(top) == k:
                    break  # the rest of the run scores lower still
        best = sorted((-s, -neg_at) for s, neg_at in top)
        return [(at, cands[at]) for _, at in best]

    def _by_key(
        self, cands: Sequence[str], name: tuple[Any, ...]
    ) -> dict[str, tuple[tuple[int, str], ...]]:
        """(place, candidate) of ``cands`` (the list ``name`` names) by model key."""
        hit = self._block_keys.get(name)
        if hit is None:
            found: dict[str, tuple[tuple[int, str], ...]] = {}
            lm = self.lm
            for at, c in enumerate(cands):
                kc = lm.key(c)
                found[kc] = (*found.get(kc, ()), (at, c))
            if len(self._block_keys) >= BLOCK_CACHE:
                self._block_keys.clear()
            hit = self._block_keys[name] = found
        return hit

    def _unseen_block_lp(self, ctx: str, ch: str, h: str, kc: str, bonus: float) -> float:
        """``block_lp(ctx, ch)`` for ``ch`` (model key ``kc``) outside the trigrams seen
        after ctx's history ``h``, its ``block_bonus`` known: the same float, from the
        lower orders alone (``CharLM.backoff_lp``)."""
        ctx = ctx[-2:]
        row = self._block_lp.get(ctx)
        hit = None if row is None else row.get(ch)
        if hit is None:
            hit = self.lm.backoff_lp(h, kc)
            if bonus:  # as _block_lp_miss adds it
                hit += bonus
            self._block_keep(ctx, ch, hit)
        return hit

    def _bonus_runs(
        self, cands: Sequence[str], prev: str, kb: str, name: tuple[Any, ...]
    ) -> list[tuple[float, list[tuple[int, str, str]]]]:
        """``cands`` after ``prev`` (model key ``kb``) by ``block_bonus``, highest first,
        each run in ``_backoff_order``; kept for the block."""
        key = (*name, prev)
        hit = self._block_runs.get(key)
        if hit is None:
            runs: dict[float, list[tuple[int, str, str]]] = {}
            # block_bonus(c, prev), inlined
            own, pairs, pair_bonus = self._block_own, self.pairs, self.params.pair_cache_bonus
            for item in self._backoff_order(cands, kb, name):
                c = item[1]
                bonus = own.get(c)
                if bonus is None:
                    bonus = self.block_bonus(c)
                if prev and pairs.get(prev + c, 0) > 0:
                    bonus += pair_bonus
                runs.setdefault(bonus, []).append(item)
            hit = sorted(runs.items(), reverse=True)
            if len(self._block_runs) >= BLOCK_CACHE:
                self._block_runs.clear()
            self._block_runs[key] = hit
        return hit

    def _backoff_order(
        self, cands: Sequence[str], kb: str, name: tuple[Any, ...]
    ) -> tuple[tuple[int, str, str], ...]:
        """(place, candidate, model key) of ``cands``, by ``backoff_p`` after key ``kb``,
        highest first: the same for every history ending in ``kb``."""
        key = (*name, kb)
        hit = self.orders.get(key)
        if hit is None:
            lm = self.lm
            # the list's items in list order, kept under (*name, None): the orders of
            # every history share them (a tuple each, not one per order)
            in_list = (*name, None)
            keyed = self.orders.get(in_list)
            if keyed is None:
                keyed = self.orders[in_list] = tuple(
                    (at, c, lm.key(c)) for at, c in enumerate(cands)
                )
            # a tuple: the garbage collector stops looking into it (a list it walks)
            hit = tuple(sorted(keyed, key=lambda it: -lm.backoff_p(kb, it[2])))
            if len(self.orders) >= ORDERS_CACHE:
                self.orders.clear()
            self.orders[key] = hit
        return hit

    def window(self, text: str, start: int, stop: int) -> Callable[[str], float]:
        """How well a reading of text[start:stop] fits between what comes before and after."""
        note = (
            (ANNOTATION.match(text, stop) or ANNOTATION_TAIL.match(text, stop))
            if self.params.annotations
            else None
        )
        right_at = note.end() if note else stop
        left = left_context(text, start, CONTEXT)
        right = right_context(text, right_at)

        pairs, pair_bonus = self.pairs, self.params.pair_cache_bonus

        def window_score(reading: str) -> float:
            body = STRAY.sub("", ANNOTATION.sub("", reading) + right)
            prev = left[-1:]
            total = self.lm.score(body, left)
            # self.bonus(ch, prev) per character, inlined (the same sums)
            own, exclude, exclude_pairs = self._own, self.exclude, self.exclude_pairs
            for ch in body:
                bonus = own.get(ch)
                if bonus is None:
                    bonus = self._bonus(ch, "", own, exclude, exclude_pairs)
                if prev:
                    pair = prev + ch
                    if pairs.get(pair, 0) > exclude_pairs.get(pair, 0):
                        bonus += pair_bonus
                total += bonus
                prev = ch
            return total

        return window_score

    def word_window(self, text: str, start: int, stop: int) -> Callable[[str], int]:
        """The lexicon's bonus (``WordLM.bonus``) of a reading of text[start:stop]
        over the same window as ``window``."""
        return self.word_windows(text, start, stop)[0]

    def word_windows(
        self, text: str, start: int, stop: int
    ) -> tuple[Callable[[str], int], Callable[[str], int]]:
        """``word_window``, and for a reading an upper bound of its bonus without the
        lexicon: the characters of its window (each word of ``k`` characters earns
        ``k - 1``, and words do not overlap)."""
        note = (
            (ANNOTATION.match(text, stop) or ANNOTATION_TAIL.match(text, stop))
            if self.params.annotations
            else None
        )
        left = left_context(text, start, CONTEXT)
        right = right_context(text, note.end() if note else stop)
        words = word_lm()

        def word_score(reading: str) -> int:
            return words.bonus(left + STRAY.sub("", ANNOTATION.sub("", reading) + right))

        around = len(left) + len(right)

        def word_room(reading: str) -> int:
            return around + len(reading)  # what the two substitutions leave is no longer

        return word_score, word_room


def right_context(text: str, at: int) -> str:
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
