"""A small character bigram model for ranking gbk_shift candidates.

Built lazily (about a second, once per process) from wordfreq's Chinese word
frequencies (``wordfreq.get_frequency_dict('zh')``, no jieba needed): unigram
counts of characters and bigram counts of characters adjacent inside a word.
Traditional characters are looked up through wordfreq's own
Traditional-to-Simplified character map. Log-probabilities are natural logs.
"""

from __future__ import annotations

import gzip
import math
import unicodedata
from functools import lru_cache

import msgpack
import regex
import wordfreq
from wordfreq.util import data_path

LAMBDA = 0.8
MAX_WORD = 6
OOV_COST = math.log(0.1)  # weight of the in-word bigram against the unigram
P_PUNCT = 0.12  # share of marks among the characters of Chinese prose
# Relative frequency of marks in Chinese news prose (rounded; anything else 1e-5).
# ASCII marks count as their full-width forms (the damaged pages fold them).
PUNCT_SHARE = {
    "，": 0.40,
    "。": 0.20,
    "、": 0.08,
    "“": 0.045,
    "”": 0.045,
    "：": 0.02,
    "；": 0.015,
    "（": 0.012,
    "）": 0.012,
    "《": 0.01,
    "》": 0.01,
    "！": 0.008,
    "？": 0.008,
    "…": 0.004,
    "—": 0.004,
    "·": 0.003,
    "‘": 0.002,
    "’": 0.002,
    "【": 0.002,
    "】": 0.002,
    "「": 0.002,
    "」": 0.002,
    "％": 0.002,
    "■": 0.002,
    "□": 0.001,
    "●": 0.001,
    "◆": 0.001,
    "～": 0.001,
    "『": 0.0005,
    "』": 0.0005,
    "▲": 0.0005,
    "★": 0.0005,
    "／": 0.0005,
    "－": 0.0005,
}
LP_PUNCT = math.log(P_PUNCT * 1e-5)
LP_PUNCT_PAIR = math.log(1e-4)  # two marks in a row, neither a quote or bracket
REPEATABLE = frozenset("…—.?!？！")  # marks that come in runs in ordinary text
BRACKETS = frozenset("“”‘’《》〈〉（）()「」『』【】\"'")
LP_DIGIT = math.log(1e-4)
LP_LATIN = math.log(1e-6)
LP_UNKNOWN_HAN = math.log(1e-8)
LP_OTHER = math.log(1e-9)
HAN = regex.compile(r"\p{Han}")


def _simplify_map() -> dict[int, str]:
    with gzip.open(data_path("_chinese_mapping.msgpack.gz")) as f:
        return dict(msgpack.load(f, raw=False, strict_map_key=False))


class CharLM:
    def __init__(self) -> None:
        self.simp = _simplify_map()
        self.trad_only = frozenset(chr(k) for k, v in self.simp.items() if chr(k) != v)
        self.simp_only = frozenset(v for v in self.simp.values() if len(v) == 1) - self.trad_only
        uni: dict[str, float] = {}
        bi: dict[str, float] = {}
        self.words = wordfreq.get_frequency_dict("zh")
        for word, f in self.words.items():
            if not HAN.match(word):
                continue
            for i, ch in enumerate(word):
                uni[ch] = uni.get(ch, 0.0) + f
                if i:
                    pair = word[i - 1 : i + 1]
                    bi[pair] = bi.get(pair, 0.0) + f
        total = sum(uni.values())
        self.uni = {c: v / total for c, v in uni.items()}
        self.uni_raw = uni
        self.bi = bi
        self._cache: dict[str, float] = {}

    def key(self, ch: str) -> str:
        return self.simp.get(ord(ch), ch)

    def unigram(self, ch: str) -> float:
        k = self.key(ch)
        p = self.uni.get(k)
        if p is not None:
            return math.log(p)
        if HAN.match(ch):
            return LP_UNKNOWN_HAN
        wide = chr(ord(ch) + 0xFEE0) if " " < ch < "\x7f" and not ch.isalnum() else ch
        share = PUNCT_SHARE.get(wide)
        if share is not None:
            return math.log(P_PUNCT * share)
        cat = unicodedata.category(ch)
        if cat[0] in "PS":
            return LP_PUNCT
        if ch.isdigit():
            return LP_DIGIT
        if ch.isascii() and ch.isalpha():
            return LP_LATIN
        return LP_OTHER

    def is_mark(self, ch: str) -> bool:
        return unicodedata.category(ch)[0] in "PS"

    def bigram(self, a: str, b: str) -> float:
        """log P(b | a)."""
        pair = a + b
        hit = self._cache.get(pair)
        if hit is not None:
            return hit
        pb = self.unigram(b)
        ka, kb = self.key(a), self.key(b)
        ca = self.uni_raw.get(ka)
        if (
            self.is_mark(a)
            and self.is_mark(b)
            and a not in BRACKETS
            and b not in BRACKETS
            and not (a in REPEATABLE and b in REPEATABLE)
        ):
            lp = LP_PUNCT_PAIR
        elif ca:
            c = self.bi.get(ka + kb, 0.0)
            lp = math.log(LAMBDA * c / ca + (1 - LAMBDA) * math.exp(pb))
        else:
            lp = pb
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[pair] = lp
        return lp

    def score(self, text: str, left: str = "") -> float:
        """log P(text | left), left being the character before it (or '')."""
        total = 0.0
        prev = left
        for ch in text:
            total += self.bigram(prev, ch) if prev else self.unigram(ch)
            prev = ch
        return total

    def word_score(self, text: str) -> float:
        """log P(text) under a word unigram model: the best segmentation into
        wordfreq words (up to 6 characters); a character that is no word on its own
        costs its character probability plus OOV_COST."""
        key = text.translate(self.simp)
        n = len(key)
        best = [0.0] + [-math.inf] * n
        words = self.words
        for i in range(1, n + 1):
            ch = text[i - 1]
            f = words.get(key[i - 1])
            b = best[i - 1] + (math.log(f) if f else self.unigram(ch) + OOV_COST)
            for j in range(max(0, i - MAX_WORD), i - 1):
                f = words.get(key[j:i])
                if f and best[j] + math.log(f) > b:
                    b = best[j] + math.log(f)
            best[i] = b
        return best[n]

    def script_of(self, text: str) -> str:
        """'trad', 'simp' or 'mixed' by the characters only one script has."""
        t = sum(1 for c in text if c in self.trad_only)
        s = sum(1 for c in text if c in self.simp_only)
        if t > 2 * s + 2:
            return "trad"
        if s > 2 * t + 2:
            return "simp"
        return "mixed"


@lru_cache(maxsize=1)
def char_lm() -> CharLM:
    return CharLM()
