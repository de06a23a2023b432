"""legacy_mojibake: GBK or Big5 text that was decoded as latin-1/cp1252 (``ÖÐ¹ú`` -> ``中国``).

Every Chinese character of a two-byte codec shows up as two Latin-1 characters: a
lead byte (0x81-0xFE) and a trail byte (0x80-0xFE, or an ASCII letter or symbol
0x40-0x7E for many Traditional characters, ``學`` = ``\\x8cW``). A compiled regex
finds runs of at least ``min_pairs`` such pairs (digits, spaces and ASCII marks may
stand between them: ``2022Äê7ÔÂ``); each run is turned back into bytes
and decoded strictly with each codec in turn. A decoding is taken when it is Chinese
text that reads like Chinese: the character model (char_model.py, gbk_shift's) must
give it at least ``min_logp`` nats per character (held-out news: 99% of stretches
score above -9.3; GBK decodings of UTF-8 or Big5 bytes score below -11); a run of
fewer than four pairs must not touch a Latin letter (``Delfín``), unless they finish
an annotation scraped with the text (``(l`` + ``¨ª)`` -> ``(lí)``). Runs whose
bytes are valid UTF-8 of CJK are left to utf8_mojibake, which runs after this rule;
UTF-8 of letters only (Greek, Cyrillic, Armenian) must read as Chinese above
``letters_min_logp``: ftfy would otherwise read pairs of these runs as UTF-8 (``Ð»`` ->
``л``, ``ÕˆÖ®`` -> ``Ո֮`` for 請之); so are runs inside
a stretch that utf8_mojibake decodes as UTF-8 Chinese through another code page
(MacRoman's ``ÈÖç`` is part of ``ÈÖçÂ§á``, ``配备``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from cleaner.core.edits import Edit
from cleaner.core.lazy_pattern import LazyPattern
from cleaner.core.rule import BaseParams, BlockContext, ParamError, Rule, param
from cleaner.stages.encoding.legacy_runs import LEAD, decode_run, run_pattern
from cleaner.stages.encoding.models.char_model import char_lm
from cleaner.stages.encoding.punct_classes import ANNOTATION_DECODED
from cleaner.stages.encoding.utf8_mojibake import Utf8Mojibake

SHORT = 4  # pairs: a shorter run may not touch a Latin letter
_LATIN = LazyPattern(r"[A-Za-z\u00c0-\u00ff]")
# an annotation whose tone letter a short run decodes, next to the Latin letters it
# touches: ``(l`` + ``¨ª)¡¢`` -> ``(lí)、``, ``¶þ(¨¨`` + ``r)`` -> ``二(èr)``
_ANNOTATION = LazyPattern(f"\\([a-z]{{0,5}}[{ANNOTATION_DECODED}][a-z]{{0,5}}\\)")
AROUND = 6  # characters of the text on each side where such an annotation is looked for


def _in_a_word(text: str, start: int, end: int) -> bool:
    return bool(
        (start and _LATIN.match(text, start - 1)) or (end < len(text) and _LATIN.match(text, end))
    )


def _annotated(text: str, start: int, end: int, decoded: str) -> bool:
    """The Latin letters that ``text[start:end]`` touches are an annotation's, with the
    tone letter the run decodes to: ``(l`` + ``í)、``."""
    left = text[max(0, start - AROUND) : start]
    joined = left + decoded + text[end : end + AROUND]
    a, b = len(left), len(left) + len(decoded)
    return any(m.start() < b and a < m.end() for m in _ANNOTATION.finditer(joined))


class LegacyMojibake(Rule):
    """GBK or Big5 read as latin-1/cp1252 (ÖÐ¹ú -> 中国), decoded back when it reads as Chinese."""

    id = "legacy_mojibake"
    stage = "encoding"

    @dataclass
    class Params(BaseParams):
        # the codecs tried, in order; the decoding the character model likes best wins
        codecs: list[str] = param(["gbk", "big5"], nonempty=True)
        # the fewest characters (byte pairs) in a run
        min_pairs: int = param(2, ge=1)
        # the decoding must score at least this many nats per character
        min_logp: float = param(-10.0, le=0)
        # ... and this many when the bytes are also UTF-8 of letters only (Greek,
        # Cyrillic, Armenian: ``ÕˆÖ®`` is 請之 in GBK and Ո֮ in UTF-8); UTF-8 of CJK
        # is always utf8_mojibake's
        letters_min_logp: float = param(-8.0, le=0)

    params: Params

    def setup(self) -> None:
        p = self.params
        for codec in p.codecs:
            try:
                "".encode(codec)
            except LookupError as e:
                raise ParamError("codecs", f"unknown codec {codec!r}", 'use "gbk", "big5"') from e
        self.first = re.compile(f"[{LEAD}]")
        self.run = LazyPattern(run_pattern(p.min_pairs), engine=re)

    utf8: Utf8Mojibake | None = None

    def link(self, siblings: list[Rule]) -> None:
        found = [r for r in siblings if isinstance(r, Utf8Mojibake)]
        if found and found[0].params.enabled and found[0].params.cjk_runs:
            self.utf8 = found[0]

    def warm_up(self) -> None:
        char_lm()

    def find(self, text: str, ctx: BlockContext) -> Iterator[Edit]:
        if not self.first.search(text):
            return
        utf8_spans: dict[int, list[tuple[int, int]]] = {}  # per line start
        for m in self.run.finditer(text):
            if self._in_utf8(text, m.start(), m.end(), utf8_spans):
                continue
            fixed = self._decode(m.group())
            if fixed is None:
                continue
            short = m.end() - m.start() < 2 * SHORT
            touches = short and _in_a_word(text, m.start(), m.end())
            if touches and not _annotated(text, m.start(), m.end(), fixed[0]):
                continue  # ífín in Delfín, égée in Égée
            yield Edit(m.start(), m.end(), fixed[0], note={"codec": fixed[1]})

    def _in_utf8(self, text: str, a: int, b: int, cache: dict[int, list[tuple[int, int]]]) -> bool:
        """Whether text[a:b] overlaps a run utf8_mojibake decodes as UTF-8 Chinese."""
        if self.utf8 is None:
            return False
        start = text.rfind("\n", 0, a) + 1
        if start not in cache:
            end = text.find("\n", b)
            line = text[start : len(text) if end < 0 else end]
            cache[start] = [(start + x, start + y) for x, y in self.utf8.cjk_spans(line)]
        return any(x < b and a < y for x, y in cache[start])

    def _decode(self, run: str) -> tuple[str, str] | None:
        p = self.params
        return decode_run(run, p.codecs, p.min_logp, p.letters_min_logp)
