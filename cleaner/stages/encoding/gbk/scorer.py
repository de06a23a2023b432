"""How gbk_shift scores a reading: the character model plus what the block says.

A block's own evidence counts: a character it uses elsewhere, a pair of characters it
writes elsewhere, and an annotation it carries elsewhere all earn a bonus; a
character of the other script (Simplified in Traditional text, or the reverse) a
penalty. What the damaged stretch itself holds is no evidence (``look_away``).
"""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Callable
from functools import cached_property
from typing import Any

from cleaner.core.lazy_pattern import LazyPattern
from cleaner.stages.encoding.char_model import EOS, CharLM, left_context

TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
ANNOTATION = LazyPattern(rf"\(([a-z{TONED}]{{1,7}})\)")
# what follows a '?' that ate the '(' of an annotation
ANNOTATION_TAIL = LazyPattern(rf"([a-z{TONED}]{{1,7}})\)")
ANNOTATED = LazyPattern(rf"(\p{{Han}})\(([a-z{TONED}]{{1,7}})\)")
STRAY = LazyPattern(r",(?=[，、。；！？,;!?])")  # the tool's commas: noise to the model
CONTEXT = 4  # characters of context on each side when readings are compared
MAX_ANNOTATION = 9  # "(" + seven letters + ")"
RIGHT_SLICE = 64  # characters read after a stretch for its right context
LP_SLACK = 1e-6  # rounding: a log-probability may come out a hair above 0
# (block script, character only Simplified, character only Traditional) that is penalised
BAD_SCRIPT = {("trad", True, False), ("simp", False, True)}


class Scorer:
    """The character model plus what the block says: its script, the characters
    it uses elsewhere, and the annotations it carries elsewhere."""

    def __init__(self, lm: CharLM, text: str, params: Any) -> None:
        self.lm = lm
        self.params = params
        self.text = text
        self.script = lm.script_of(text)
        self.exclude: Counter[str] = Counter()
        self.exclude_pairs: Counter[str] = Counter()
        self._own: dict[str, float] = {}  # script and cache bonus, per character
        self._lp: dict[str, float] = {}  # lp with bonus, within one stretch
        # what best() found for a candidate list in a context, within one stretch
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
        bonus = self._own.get(ch)
        if bonus is None:
            bonus = 0.0
            lm = self.lm
            if (self.script, ch in lm.simp_only, ch in lm.trad_only) in BAD_SCRIPT:
                bonus -= self.params.script_penalty
            if self.counts[ch] - self.exclude[ch] > 0:
                bonus += self.params.cache_bonus
            self._own[ch] = bonus
        pair = prev + ch
        if prev and self.pairs.get(pair, 0) > self.exclude_pairs.get(pair, 0):
            bonus += self.params.pair_cache_bonus
        return bonus

    def lp(self, ctx: str, ch: str) -> float:
        """Model log-probability of ``ch`` after ``ctx``, plus the block's bonus."""
        key = ctx[-2:] + ch
        hit = self._lp.get(key)
        if hit is None:
            hit = self._lp[key] = self.lm.lp(ctx, ch) + self.bonus(ch, ctx[-1:])
        return hit

    def annotation_bonus(self, ch: str, reading: str | None) -> float:
        """For a character the block annotates elsewhere with the reading after it."""
        if reading is not None and (ch, reading) in self.annotated:
            return float(self.params.annotation_bonus)
        return 0.0

    def best(
        self,
        cands: list[str],
        ctx: str,
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
            hit = self.best_memo.get(key)
            if hit is not None:
                return hit
        if nextc:
            best = sorted(cands, key=lambda c: -self.lp(ctx, c) - self.lm.lp(c, nextc))[:k]
        else:
            best = sorted(cands, key=lambda c: -self.lp(ctx, c))[:k]
        if key is not None:
            self.best_memo[key] = best
        return best

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

        def window_score(reading: str) -> float:
            body = STRAY.sub("", ANNOTATION.sub("", reading) + right)
            prev = left[-1:]
            total = self.lm.score(body, left)
            for ch in body:
                total += self.bonus(ch, prev)
                prev = ch
            return total

        return window_score


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
