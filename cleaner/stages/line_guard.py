"""The guard of every rule that deletes whole lines: a line holding a sentence stays.

A line holds a sentence (is prose) when it has sentence punctuation (``。！？；``, or
``!?;`` right after a Han character, as the encoding stage sees them before
``fold_punct``) and more than ``max_han`` Han characters (``prose_han`` in each such
rule's table). Such a line is never deleted whole. Boilerplate glued onto it (a mojibake
stretch swallowed the line break before a related-articles list:
``…致富路,?!?- 標題 1998-01-15``) is cut off at its marker, and only that tail goes.
"""

from __future__ import annotations

from bisect import bisect_left

import regex

from cleaner.core.lazy_pattern import LazyPattern

SENTENCE_MARK = LazyPattern(r"[。！？；]|(?<=\p{Han})[!?;]")
HAN = regex.compile(r"\p{Han}")
# a marker inside a word or number ("北京-上海", "3.5") opens no item
_WORD_BEFORE = regex.compile(r"[\p{Han}\p{L}\p{N}]")


def holds_prose(text: str, max_han: int) -> bool:
    """True if ``text`` has sentence punctuation and more than ``max_han`` Han characters.

    >>> holds_prose("會議強調，要堅持人民至上。", 5), holds_prose("- 標題 1998-01-15", 5)
    (True, False)
    """
    if SENTENCE_MARK.search(text) is None:
        return False
    return any(n > max_han for n, _ in enumerate(HAN.finditer(text), 1))


def cut_point(line: str, marker: regex.Pattern[str], item: regex.Pattern[str], max_han: int) -> int:
    """Where boilerplate glued onto the end of a prose ``line`` starts, or -1.

    That is the first ``marker`` (not inside a word or number) from which the rest of
    the line is one ``item`` that holds no sentence; spaces before the marker go with it.

    >>> bullet, item = regex.compile(r"- "), regex.compile(r"- \\S+ \\d{4}-\\d\\d-\\d\\d")
    >>> line = "正文的最後一句說得很長很長很長,?!?- 標題 1998-01-15"
    >>> line[cut_point(line, bullet, item, 5) :]
    '- 標題 1998-01-15'
    """
    # a tail holding a sentence mark and more than max_han Han characters holds prose:
    # such markers are passed over without reading their tail (reading each tail made a
    # long line with many markers quadratic)
    last_mark = max((m.start() for m in SENTENCE_MARK.finditer(line)), default=-1)
    hans = [m.start() for m in HAN.finditer(line)] if last_mark > 0 else []
    for m in marker.finditer(line, 1):
        p = m.start()
        if _WORD_BEFORE.match(line, p - 1):
            continue
        if p < last_mark and len(hans) - bisect_left(hans, p) > max_han:
            continue  # line[p:] holds that mark (and the Han before it, if it needs one)
        tail = line[p:]
        if item.fullmatch(tail) and not holds_prose(tail, max_han):
            while p > 0 and line[p - 1] in " \t":
                p -= 1
            return p
    return -1
