"""Spaces an OCR engine put between two Han characters inside the body lines of a column
block (`…支付價間 十倍的賠償金。`, `不違背立程 序 中法精神。`): ``unwrap`` removes them
once it has decided the block's paragraphs.

A justified column line is set with no space between Han characters; tesseract reads a
wide gap between two glyphs as one. Only a single ASCII space between two Han characters
goes, in a line of a body paragraph (one that holds a sentence mark) that is no headline
line joined to another with a space.
It stays inside brackets and quotes (`（记者 赵敏）`, `“书香满城 悦读未来”`, a caption's
names: at most ``quoted`` characters after the opening mark), after a dateline or byline
word (``keep_after``: `新华社北京3月5日电 船舶`,
`记者 王明`), and in a line of phrases (every piece two Han characters or more, no mark:
a deck glued to its lead). A line that keeps one of its spaces keeps them all (a
letter-spaced line partly quoted is left whole to ``letter_spacing``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import regex

from cleaner.stages.layout.columns import Line

_HAN_SPACE = regex.compile(r"(?<=\p{Han}) (?=\p{Han})")
_SENTENCE_MARK = regex.compile(r"[。！？；]")
_PHRASES = regex.compile(r"^\p{Han}{2,}(?: \p{Han}{2,})+$")
# a space at most this many characters after an unclosed bracket or quote is inside a
# bracketed name or quoted phrase (`（记者 赵敏）`, `“书香满城 悦读未来”`) and stays; one
# further on, in a long quotation whose end OCR lost, is a gap read as a space
QUOTED = 20  # the default of unwrap's body_quoted
_OPENERS = frozenset("（(《〈「『【“‘")
_CLOSERS = frozenset("）)》〉」』】”’")
# what the scan of a line stops at: an opening or closing mark, a space
_EVENTS = regex.compile(r"[（(《〈「『【“‘）)》〉」』】”’ ]")


def _paragraphs(decisions: list[str], n: int) -> Iterator[range]:
    """Line indices of each paragraph, given the decision after every line but the last."""
    start = 0
    for k, d in enumerate(decisions):
        if d == "B":
            yield range(start, k + 1)
            start = k + 1
    if n:
        yield range(start, n)


def _display(k: int, para: range, decisions: list[str], headline: list[bool]) -> bool:
    """Line ``k`` is display type: a headline line joined to another with a space (a
    title of two phrases, a deck glued to its lead). A fragment of a headline's shape
    joined into the text without one is body text."""
    if not headline[k]:
        return False
    return (k > para.start and decisions[k - 1] == "S") or (
        k + 1 < para.stop and decisions[k] == "S"
    )


def body_spaces(
    lines: list[Line],
    decisions: list[str],
    headline: list[bool],
    keep_after: Callable[[str], object] | None,
    quoted: int = QUOTED,
) -> Iterator[int]:
    """Offsets in the block of the spaces to remove; ``keep_after`` finds a dateline
    or byline word at the end of the text before a space; a space at most ``quoted``
    characters after an unclosed bracket or quote stays."""
    spaced = [" " in ln.text and _HAN_SPACE.search(ln.text) is not None for ln in lines]
    for para in _paragraphs(decisions, len(lines)):
        last = max((k for k in para if spaced[k]), default=None)
        if last is None or not any(_SENTENCE_MARK.search(lines[k].text) for k in para):
            continue
        opened: list[int] = []  # where the brackets and quotes open here were opened
        pos = 0  # characters of the paragraph before the current one
        for k in range(para.start, last + 1):
            text = lines[k].text
            spaces = {m.start() for m in _HAN_SPACE.finditer(text)}
            if spaces and (_PHRASES.match(text) or _display(k, para, decisions, headline)):
                spaces = set()
            gone: list[int] = []
            for m in _EVENTS.finditer(text):  # brackets, quotes and spaces, in order
                i, ch = m.start(), m.group()
                if ch in _OPENERS:
                    opened.append(pos + i)
                elif ch in _CLOSERS:
                    if opened:
                        opened.pop()
                elif i in spaces:
                    inside = bool(opened) and pos + i - opened[-1] <= quoted
                    if inside or (keep_after is not None and keep_after(text[:i]) is not None):
                        spaces = set()  # a line keeps all its spaces or none
                        gone = []
                    else:
                        gone.append(lines[k].start + i)
            pos += len(text)
            yield from gone
