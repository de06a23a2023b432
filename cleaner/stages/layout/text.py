"""Shared character classes and the em-width measure used by the layout rules."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import regex

# Han = 1 em; ASCII, curly quotes and the ASCII space about half an em.
_HALF = regex.compile(r"[\x00-\x7f“”‘’]")
_CURLY = (("“", '"'), ("”", '"'), ("‘", "'"), ("’", "'"))  # the non-ASCII of _HALF
# sentence-final marks, optionally followed by closing quotes/brackets
FINAL_MARKS = "。！？!?…"
CLOSING = "”’」』）)"
# horizontal whitespace that may pad a line
HSPACE = " \t\u3000\u00a0"
HAN = r"\p{Han}"
# CJK punctuation that may sit next to a Han character inside a letter-spaced run
CJK_PUNCT = r"，。、；：？！“”‘’（）《》〈〉「」『』【】—…·"


def em_width(line: str) -> float:
    """Width of ``line`` in ems: full-width characters 1, half-width ones 0.5; ASCII
    spaces count 0 (in OCR output they are mostly noise around digits)."""
    return len(line) - 0.5 * len(_HALF.findall(line)) - 0.5 * line.count(" ")


def line_widths(text: str) -> list[float]:
    """``em_width`` of every line of ``text`` (as ``text.split("\\n")`` cuts it), from one
    pass over the whole text rather than a regex per line."""
    for quote, ascii in _CURLY:  # half-width too: made ASCII, then only ASCII is kept
        text = text.replace(quote, ascii)
    halves = text.encode("ascii", "ignore").split(b"\n")  # each line's half-width characters
    return [
        len(line) - 0.5 * len(half) - 0.5 * half.count(b" ")
        for line, half in zip(text.split("\n"), halves, strict=True)
    ]


def ends_sentence(line: str) -> bool:
    """True if the line ends with sentence-final punctuation (closing quotes allowed;
    a newline at the very end aside)."""
    body = line[:-1] if line.endswith("\n") else line
    body = body.rstrip(CLOSING)
    return body != "" and body[-1] in FINAL_MARKS


def median(data: Iterable[float]) -> float:
    """``statistics.median`` (the same steps): the statistics module takes some 4 ms to
    import (fractions, decimal, random), more than a one-line run's layout stage."""
    values = sorted(data)
    n = len(values)
    if n == 0:
        from statistics import StatisticsError

        raise StatisticsError("no median for empty data")
    if n % 2 == 1:
        return values[n // 2]
    i = n // 2
    return (values[i - 1] + values[i]) / 2


def offsets_of(text: str, chars: str) -> list[int] | None:
    """Sorted offsets of the characters ``chars`` in ``text`` (``str.find``, at memchr's
    speed), or None where they stand one in a hundred characters or more densely (a
    regex scan is then as quick)."""
    if sum(map(text.count, chars)) * 100 > len(text):
        return None
    out: list[int] = []
    find = text.find
    for ch in chars:
        i = find(ch)
        while i >= 0:
            out.append(i)
            i = find(ch, i + 1)
    if len(chars) > 1:
        out.sort()
    return out


def finditer_at(pattern: regex.Pattern[str], text: str, chars: str) -> Iterator[regex.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose every match is not empty and opens
    on one of ``chars`` (its lookbehinds aside): tried only where one of them stands
    (``offsets_of``), as ``finditer`` would (from where the last match ended)."""
    starts = offsets_of(text, chars)
    if starts is None:
        yield from pattern.finditer(text)
        return
    end = 0
    match = pattern.match
    for p in starts:
        if p >= end and (m := match(text, p)) is not None:
            yield m
            end = m.end()
