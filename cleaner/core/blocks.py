"""Cut a text stream into blocks (paragraph groups) so memory stays bounded.

A block ends where a paragraph surely ends: preferably after a blank-line run
that follows sentence-final punctuation (a column break never does), else after
a line ending in such punctuation, else after any line break; a single line
longer than the hard limit is cut after a sentence-final mark. Each block keeps a
few raw lines of its neighbours as context.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import regex

SOFT_LIMIT = 256 * 1024  # characters: start looking for a cut
HARD_LIMIT = 1024 * 1024  # characters: cut at a weaker boundary
CONTEXT_LINES = 8
READ_SIZE = 1024 * 1024

_END = r"[。！？!?…」』”）)]"
_CUTS = [
    regex.compile(_END + r"[ \t\u3000]*\n(?:[ \t\u3000]*\n)+"),  # paragraph after a sentence
    regex.compile(_END + r"[ \t\u3000]*\n"),  # line ending a sentence
    regex.compile(r"\n"),  # any line
    regex.compile(_END),  # inside a huge line
]


@dataclass(slots=True)
class Block:
    text: str
    start: int  # character offset of the block in the document
    index: int
    is_last: bool = False
    before: str = ""
    after: str = ""


def _find_cut(buf: str, soft: int, hard: int, at_eof: bool) -> int | None:
    """Position just after the best boundary past ``soft``; None to read more."""
    # keep two characters back so that a blank-line run is never split
    limit = len(buf) if at_eof else len(buf) - 2
    m = _CUTS[0].search(buf, soft, limit)
    if m:
        return m.end()
    if len(buf) < hard:
        return None  # read more (or, at the end, keep the rest as one block)
    for pat in _CUTS[1:3]:
        if m := pat.search(buf, soft, limit):
            return m.end()
    if m := _CUTS[3].search(buf, soft, min(hard, limit)):
        return m.end()
    return hard if len(buf) > hard else None


def _head(text: str, n: int) -> str:
    return "".join(text.splitlines(keepends=True)[:n])


def _tail(text: str, n: int) -> str:
    return "".join(text[-4096:].splitlines(keepends=True)[-n:])


def _raw_blocks(read: Callable[[int], str], soft: int, hard: int) -> Iterator[tuple[str, int]]:
    buf = ""
    offset = 0
    at_eof = False
    while True:
        while not at_eof and len(buf) < hard + READ_SIZE:
            chunk = read(READ_SIZE)
            at_eof = not chunk
            buf += chunk
        while len(buf) > soft:
            cut = _find_cut(buf, soft, hard, at_eof)
            if cut is None:
                break
            yield buf[:cut], offset
            offset += cut
            buf = buf[cut:]
        if at_eof:
            if buf or offset == 0:
                yield buf, offset
            return


def iter_blocks(
    read: Callable[[int], str], soft: int = SOFT_LIMIT, hard: int = HARD_LIMIT
) -> Iterator[Block]:
    """Blocks of the stream read by ``read(n)``; exactly one for empty input."""
    prev: Block | None = None
    before = ""
    for index, (text, start) in enumerate(_raw_blocks(read, soft, hard)):
        block = Block(text, start, index)
        if prev is not None:
            prev.after = _head(text, CONTEXT_LINES)
            yield prev
            before = _tail(prev.text, CONTEXT_LINES)
        block.before = before
        prev = block
    if prev is not None:
        prev.is_last = True
        yield prev
