"""pinyin: scraped ruby annotations such as ``學(xué)`` or ``鎮（zhen4）``.

A parenthesised syllable right after a Han character is removed only when it is
one of that character's readings (pypinyin) and only in a document whose
annotations are dense: enough of them, several characters annotated repeatedly,
and most occurrences of the annotated characters annotated. A lone textbook
gloss (``区(qū)别``) and ordinary parentheses (``組(指揮部)``, ``(apple)``) stay.

The decision is per document; blocks arrive in order, so it is taken from what
has been seen so far, the current block included.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

import regex

from cleaner.core.edits import Edit
from cleaner.core.rule import BaseParams, BlockContext, ParamError, Rule
from cleaner.stages.encoding.pinyin_readings import is_reading, normalize

# a Han character, an opening parenthesis (ASCII or full-width), one Latin
# syllable (tone marks, combining marks, ü/v/u:, an optional tone number)
# (the match starts at the parenthesis, so the scan is a fast search for "(")
_ANNOTATION = regex.compile(r"(?<=\p{Han})[(（](?P<py>[\p{Latin}\p{Mn}:]{1,8}[1-5]?)[)）]")


@dataclass
class _Density:
    """What one document has shown so far."""

    annotated: Counter[str] = field(default_factory=Counter)  # character -> annotations
    occurrences: Counter[str] = field(default_factory=Counter)  # character -> occurrences
    dense: bool = False


class PinyinAnnotation(Rule):
    """Remove pinyin annotations like 學(xué) in documents dense with them."""

    id = "pinyin"
    stage = "encoding"

    @dataclass
    class Params(BaseParams):
        # fewest valid annotations seen in the document before any is removed
        min_annotations: int = 5
        # fewest distinct characters annotated at least twice
        min_repeated_chars: int = 2
        # fewest share of the annotated characters' occurrences that carry an annotation
        min_coverage: float = 0.5
        # accept tone numbers (xue2) as well as tone marks (xué)
        tone_numbers: bool = True

    params: Params

    def setup(self) -> None:
        p = self.params
        if p.min_annotations < 1:
            raise ParamError("min_annotations", "must be at least 1", "use 1 or more")
        if p.min_repeated_chars < 0:
            raise ParamError("min_repeated_chars", "must not be negative", "use 0 or more")
        if not 0.0 <= p.min_coverage <= 1.0:
            raise ParamError("min_coverage", "must be between 0 and 1", "use e.g. 0.5")

    def new_state(self, path: str) -> _Density:
        return _Density()

    def _valid(self, ch: str, py: str) -> bool:
        if not self.params.tone_numbers and py[-1].isdigit():
            return False
        return is_reading(ch, py)

    def _update(self, doc: _Density, text: str, found: list[regex.Match[str]]) -> None:
        """Add this block to the document's counts and decide density."""
        doc.annotated.update(text[m.start() - 1] for m in found)
        if doc.dense:  # once dense, the document stays so
            return
        if len(doc.annotated) > 32:  # one pass over the block beats many str.count
            counts = Counter(text)
            for ch in doc.annotated:
                doc.occurrences[ch] += counts[ch]
        else:
            for ch in doc.annotated:
                doc.occurrences[ch] += text.count(ch)
        p = self.params
        total = sum(doc.annotated.values())
        repeated = sum(1 for n in doc.annotated.values() if n >= 2)
        seen = sum(doc.occurrences[ch] for ch in doc.annotated)
        coverage = total / seen if seen else 0.0
        doc.dense = (
            total >= p.min_annotations
            and repeated >= p.min_repeated_chars
            and coverage >= p.min_coverage
        )

    def find(self, text: str, ctx: BlockContext) -> Iterator[Edit]:
        found = []
        if "(" in text or "（" in text:
            found = [
                m for m in _ANNOTATION.finditer(text) if self._valid(text[m.start() - 1], m["py"])
            ]
        doc: _Density = ctx.state
        if not found and (doc.dense or not doc.annotated):
            return
        self._update(doc, text, found)
        if not doc.dense:
            return
        for m in found:
            yield Edit(m.start(), m.end(), "", note={"reading": normalize(m["py"])})
