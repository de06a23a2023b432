"""A word lexicon beside the character model: how much of a string joins into words.

gbk_shift can check a repair with it (decide.py, ``word_weight``): the character
trigrams know 1998 news and some law text, the lexicon (jieba's dictionary, MIT
licence; scripts/build_word_lexicon.py builds ``data/word_lexicon.bin``) knows words of
any register. A string's ``bonus`` is the most characters its best segmentation joins
to the one before within lexicon words (``len(word) - 1`` per word of two to four
characters; single characters earn 0). Text is looked up as the character model keys
it (Traditional as Simplified). The file loads on first use (milliseconds): each word
is stored as its characters' indices packed into one 64-bit integer, in one sorted array
per length (about 3 MB in memory; a set of the words as strings took 58 MB).
"""

from __future__ import annotations

import marshal
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from cleaner.stages.encoding.models.char_model import CharLM, char_lm

DATA = Path(__file__).parent / "data" / "word_lexicon.bin"
MIN_LEN, MAX_LEN = 2, 4  # word lengths kept (longer ones are rare and cover little)
CACHE_SIZE = 16_384  # strings kept; cleared when full
BITS = 16  # per character index: a word of MAX_LEN characters packs into 64 bits


def dump_lexicon(words: Iterable[str], source: str) -> bytes:
    """The file ``WordLM`` reads: ``words`` (keyed as the character model keys text)
    as sorted arrays of packed character indices, one per length."""
    words = sorted(set(words))
    chars = "".join(sorted({c for w in words for c in w}))
    if len(chars) >= 1 << BITS:
        raise ValueError(f"{len(chars)} characters: more than {BITS}-bit indices hold")
    index = {c: i + 1 for i, c in enumerate(chars)}
    codes = {
        n: array("Q", sorted(_pack(index[c] for c in w) for w in words if len(w) == n)).tobytes()
        for n in range(MIN_LEN, MAX_LEN + 1)
    }
    return zlib.compress(marshal.dumps({"source": source, "chars": chars, "codes": codes}), 9)


def _pack(indices: Iterable[int]) -> int:
    """Character indices as one integer, BITS each."""
    code = 0
    for i in indices:
        code = code << BITS | i
    return code


class WordLM:
    """Lexicon words, and how much of a string they can cover."""

    def __init__(self, lm: CharLM, path: Path = DATA) -> None:
        m = marshal.loads(zlib.decompress(path.read_bytes()))
        self.lm = lm
        self.source: str = m["source"]
        self.index = {c: i + 1 for i, c in enumerate(m["chars"])}  # 0: not in any word
        self.codes: dict[int, array[int]] = {}
        for n, data in m["codes"].items():
            self.codes[n] = array("Q")
            self.codes[n].frombytes(data)
        self._bonus: dict[str, int] = {}

    def __contains__(self, word: str) -> bool:
        key = "".join(map(self.lm.key, word))
        return MIN_LEN <= len(key) <= MAX_LEN and self._has([self.index.get(c, 0) for c in key])

    def _has(self, indices: list[int]) -> bool:
        """Whether the characters of these indices (none 0) make a word."""
        code = _pack(indices)
        codes = self.codes[len(indices)]
        at = bisect_left(codes, code)
        return at < len(codes) and codes[at] == code

    def bonus(self, text: str) -> int:
        """The most characters of ``text`` that a segmentation joins into lexicon words,
        less one per word."""
        hit = self._bonus.get(text)
        if hit is not None:
            return hit
        index = self.index
        indices = [index.get(self.lm.key(c), 0) for c in text]
        n = len(indices)
        best = [0] * (n + 1)  # best[i]: the best over text[:i]
        for i in range(n):
            here = best[i]
            if best[i + 1] < here:
                best[i + 1] = here
            for j in range(i + MIN_LEN, min(n, i + MAX_LEN) + 1):
                piece = indices[i:j]
                if 0 in piece:
                    break  # a character no word holds: no longer word either
                if best[j] < here + j - i - 1 and self._has(piece):
                    best[j] = here + j - i - 1
        if len(self._bonus) >= CACHE_SIZE:
            self._bonus.clear()
        self._bonus[text] = best[n]
        return best[n]


@lru_cache(maxsize=1)
def word_lm() -> WordLM:
    return WordLM(char_lm())
