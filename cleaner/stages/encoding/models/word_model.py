"""A word lexicon beside the character model: how much of a string joins into words.

gbk_shift can check a repair with it (decide.py, ``word_weight``): the character
trigrams know 1998 news and some law text, the lexicon (jieba's dictionary, MIT
licence; scripts/build_word_lexicon.py builds ``data/word_lexicon.bin``) knows words of
any register. A string's ``bonus`` is the most characters its best segmentation joins
to the one before within lexicon words (``len(word) - 1`` per word of two to four
characters; single characters earn 0). Text is looked up as the character model keys
it (Traditional as Simplified). The file loads on first use (about 0.1 s).
"""

from __future__ import annotations

import marshal
import zlib
from functools import lru_cache
from pathlib import Path

from cleaner.stages.encoding.models.char_model import CharLM, char_lm

DATA = Path(__file__).parent / "data" / "word_lexicon.bin"
MIN_LEN, MAX_LEN = 2, 4  # word lengths kept (longer ones are rare and cover little)
CACHE_SIZE = 65_536  # strings kept; cleared when full


class WordLM:
    """Lexicon words, and how much of a string they can cover."""

    def __init__(self, lm: CharLM, path: Path = DATA) -> None:
        m = marshal.loads(zlib.decompress(path.read_bytes()))
        self.lm = lm
        self.source: str = m["source"]
        self.words = frozenset(m["words"].split("\n"))
        self._bonus: dict[str, int] = {}

    def __contains__(self, word: str) -> bool:
        return "".join(map(self.lm.key, word)) in self.words

    def bonus(self, text: str) -> int:
        """The most characters of ``text`` that a segmentation joins into lexicon words,
        less one per word."""
        hit = self._bonus.get(text)
        if hit is not None:
            return hit
        key = "".join(map(self.lm.key, text))
        words, n = self.words, len(key)
        best = [0] * (n + 1)  # best[i]: the best over key[:i]
        for i in range(n):
            here = best[i]
            if best[i + 1] < here:
                best[i + 1] = here
            for j in range(i + MIN_LEN, min(n, i + MAX_LEN) + 1):
                if best[j] < here + j - i - 1 and key[i:j] in words:
                    best[j] = here + j - i - 1
        if len(self._bonus) >= CACHE_SIZE:
            self._bonus.clear()
        self._bonus[text] = best[n]
        return best[n]


@lru_cache(maxsize=1)
def word_lm() -> WordLM:
    return WordLM(char_lm())
