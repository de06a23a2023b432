"""Cut a text stream into blocks (paragraph groups) so memory stays bounded.

A block ends where a paragraph surely ends: preferably after a blank-line run
that follows sentence-final punctuation (a column break never does), or after a line
longer than any column that ends a sentence (one paragraph per line), else after
a line ending in such punctuation, else after any line break; a single line
longer than the hard limit is cut after a sentence-final mark, and the blocks on
either side of such a cut say so (``open_end``, ``open_start``: their piece of the
line is no whole line). Each block keeps a few raw lines of its neighbours as context.

Live input (a pipe or a terminal, ``paused`` given) also ends a block at its last
complete line when the input pauses, and that block is handed on at once: its rules
see no line after it and do not treat it as the document's end.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

SOFT_LIMIT = 256 * 1024  # characters: start looking for a cut
HARD_LIMIT = 1024 * 1024  # characters: cut at a weaker boundary
PARAGRAPH_LINE = 200  # characters: a line this long is no column or wrapped line
CONTEXT_LINES = 8
READ_SIZE = 1024 * 1024

_END_CHARS = "。！？!?…」』”）)"
_END = "[" + _END_CHARS + "]"
_BLANK_RUN = re.compile(r"\n(?:[ \t\r\u3000]*\n)+")  # rare in most text: a fast first scan
_SENTENCE_LINE = re.compile(_END + r"[ \t\r\u3000]*\n")  # the end of a line ending a sentence
_WEAK_CUTS = [
    _SENTENCE_LINE,
    re.compile(r"\n"),  # any line
    re.compile(_END),  # inside a huge line
]


@dataclass(slots=True)
class Block:
    text: str
    start: int  # character offset of the block in the document
    index: int
    is_last: bool = False
    before: str = ""
    after: str = ""
    open_start: bool = False  # starts inside a line (the one before was cut)
    open_end: bool = False  # ends inside a line


def _find_cut(buf: str, soft: int, hard: int, at_eof: bool) -> int | None:
    """Position just after the best boundary in buf[soft:hard]; None to read more."""
    # keep two characters back so that a blank-line run is never split
    limit = min(hard, len(buf) if at_eof else len(buf) - 2)
    pos = soft
    strong = None
    while m := _BLANK_RUN.search(buf, pos, limit):
        tail = buf[max(0, m.start() - 64) : m.start()].rstrip(" \t\r\u3000")
        if tail and tail[-1] in _END_CHARS:  # a paragraph that ends a sentence
            strong = m.end()
            break
        pos = m.end()
    if cut := _long_line_end(buf, soft, strong or limit):
        return cut
    if strong:
        return strong
    if len(buf) < hard:
        return None  # read more (or, at the end, keep the rest as one block)
    for pat in _WEAK_CUTS:
        if m := pat.search(buf, soft, limit):
            return m.end()
    return hard


def _long_line_end(buf: str, start: int, limit: int) -> int | None:
    """Just after the first line in buf[start:limit] that ends a sentence and is longer
    than any column line: a whole paragraph (text one paragraph per line has no blank
    lines; without this cut the rest of such a file was one block of up to the hard
    limit, and a block's memory in the mojibake search grows with its size)."""
    for m in _SENTENCE_LINE.finditer(buf, start, limit):
        nl = m.end() - 1
        if nl - buf.rfind("\n", 0, nl) > PARAGRAPH_LINE:
            return m.end()
    return None


def _head(text: str, n: int) -> str:
    return "".join(text.splitlines(keepends=True)[:n])


def _tail(text: str, n: int) -> str:
    return "".join(text[-4096:].splitlines(keepends=True)[-n:])


def _raw_blocks(
    read: Callable[[int], str], soft: int, hard: int, paused: Callable[[], bool] | None
) -> Iterator[tuple[str, int, bool]]:
    """(text, offset, flush): ``flush`` marks a block cut where live input paused."""
    buf = ""
    offset = 0
    at_eof = False
    while True:
        pause = False
        while not at_eof and len(buf) < hard + READ_SIZE and not pause:
            chunk = read(READ_SIZE)
            at_eof = not chunk
            buf += chunk
            pause = paused is not None and paused() and "\n" in buf
        while len(buf) > soft:
            cut = _find_cut(buf, soft, hard, at_eof)
            if cut is None:
                break
            yield buf[:cut], offset, False
            offset += cut
            buf = buf[cut:]
        if at_eof:
            if buf or offset == 0:
                yield buf, offset, False
            return
        if pause and (cut := buf.rfind("\n") + 1):
            yield buf[:cut], offset, True
            offset += cut
            buf = buf[cut:]


def iter_blocks(
    read: Callable[[int], str],
    soft: int = SOFT_LIMIT,
    hard: int = HARD_LIMIT,
    paused: Callable[[], bool] | None = None,
) -> Iterator[Block]:
    """Blocks of the stream read by ``read(n)``; exactly one for empty input.
    ``paused()`` tells that live input has paused after the last read."""
    prev: Block | None = None
    before = ""
    for index, (text, start, flush) in enumerate(_raw_blocks(read, soft, hard, paused)):
        block = Block(text, start, index)
        if prev is not None:
            prev.after = _head(text, CONTEXT_LINES)
            prev.open_end = block.open_start = not prev.text.endswith("\n")
            yield prev
            before = _tail(prev.text, CONTEXT_LINES)
        block.before = before
        prev = block
        if flush:  # the input paused: this block cannot wait for the next one
            yield block
            before = _tail(block.text, CONTEXT_LINES)
            prev = None
    if prev is not None:
        prev.is_last = True
        yield prev
