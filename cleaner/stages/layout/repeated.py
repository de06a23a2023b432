"""repeated_paragraph: a paragraph repeated within a document is dropped, the first kept."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache, partial

import regex

from cleaner.core.edits import Edit
from cleaner.core.rule import BlockContext, Rule, param
from cleaner.core.rule import Params as BaseParams
from cleaner.stages.convert.tables import char_class

_LINE = regex.compile(r"[^\n]+\n*")
_NOISE = regex.compile(r"[\s\p{P}\p{S}]+")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# once the process has keyed this many characters with ``_NOISE`` (about what building
# ``_bmp_noise`` costs), it keys with that: a short run builds nothing
BULK_AFTER = 1_000_000
_keyed = [0]  # characters keyed with _NOISE so far (a race only delays the switch)


@lru_cache(maxsize=1)
def _bmp_noise() -> re.Pattern[str]:
    """``_NOISE``'s characters in the BMP as one ``re`` class, which ``re`` tests by
    table, some times as fast as ``regex`` tests the properties (built with ``_NOISE``
    itself, so that both read one Unicode version; some ms, once)."""
    bmp = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x10000)))
    return re.compile(char_class("".join(_NOISE.findall(bmp))) + "+")


def keyer(text: str) -> Callable[[str], str]:
    """``_NOISE.sub("", line)`` for the lines of ``text``."""
    if _keyed[0] < BULK_AFTER:
        _keyed[0] += len(text)
        return partial(_NOISE.sub, "")
    bmp = partial(_bmp_noise().sub, "")
    if _ASTRAL.search(text) is None:
        return bmp
    return lambda line: _NOISE.sub("", k) if _ASTRAL.search(k := bmp(line)) else k


class RecentParagraphs:
    """The hashes of a document's last ``size`` distinct paragraphs, the oldest
    forgotten first: memory stays bounded on a document of any length."""

    __slots__ = ("size", "order", "members")

    def __init__(self, size: int) -> None:
        self.size = size
        self.order: deque[int] = deque()
        self.members: set[int] = set()

    def add(self, h: int) -> bool:
        """Remember ``h``; False if it is remembered already."""
        if h in self.members:
            return False
        self.members.add(h)
        self.order.append(h)
        if len(self.order) > self.size:
            self.members.discard(self.order.popleft())
        return True


class RepeatedParagraph(Rule):
    """Drop a paragraph whose text (spaces and punctuation ignored) appeared before."""

    id = "repeated_paragraph"
    stage = "layout"

    @dataclass
    class Params(BaseParams):
        # shorter paragraphs (headlines, bylines, ……) may legitimately repeat
        min_chars: int = param(20, ge=1)
        # a repeat is looked for among this many earlier paragraphs (about 80 bytes
        # each): a paragraph repeated further back is kept
        window: int = param(200_000, ge=1)

    params: Params

    def new_state(self, path: str) -> RecentParagraphs:
        return RecentParagraphs(self.params.window)

    def find(self, text: str, ctx: BlockContext) -> Iterator[Edit]:
        seen: RecentParagraphs = ctx.state
        # the key of each line this block has shown the rule, kept over the pipeline's
        # passes: a later pass meets most lines again unchanged
        keys: dict[str, str] = ctx.scratch.setdefault(self.id, {})
        edits: list[Edit] = []
        key_of = keyer(text)
        for m in _LINE.finditer(text):
            if (ctx.open_start and m.start() == 0) or (ctx.open_end and m.end() == len(text)):
                continue  # a piece of a line longer than a block is no paragraph
            line = m.group()
            key = keys.get(line)
            if key is None:
                key = keys[line] = key_of(line)
            if len(key) < self.params.min_chars:
                continue
            if seen.add(hash(key)):
                continue
            edits.append(Edit(m.start(), m.end(), "", note={"chars": len(key)}))
        if edits and ctx.is_last and edits[-1].end == len(text) and edits[-1].start > 0:
            # the document ends with dropped paragraphs: drop the separator before them
            # and end with one newline
            g = len(edits) - 1
            while g > 0 and edits[g - 1].end == edits[g].start:
                g -= 1
            floor = edits[g - 1].end if g > 0 else 0
            j = edits[g].start
            while j > floor and text[j - 1] == "\n":
                j -= 1
            if j > 0:
                edits[g] = Edit(j, edits[g].end, "", note=edits[g].note)
                last = edits[-1]
                edits[-1] = Edit(last.start, len(text), "\n", note=last.note)
        yield from edits
