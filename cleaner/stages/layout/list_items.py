"""List items: lines opening with an enumeration marker (``一、``, ``（二）``, ``一是``,
``3.``, ``④``)
whose neighbouring number (one less or one more, of the same kind) opens another line
of the stretch. Such a line starts an item of its own: never joined to the line before,
and not a column line (a list of short items is not the column's width)."""

from __future__ import annotations

from collections.abc import Sequence

import regex

_HAN_DIGITS = "一二三四五六七八九"
# the characters a marker may open with: other lines skip the regex
_FIRST = frozenset("一二三四五六七八九十（(0123456789①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳")
# an enumeration (一是…，二是…) that runs inline in a paragraph as often as it opens lines
INLINE = "han_is"
# one kind of marker per group: its numbering is its own
_MARKER = regex.compile(
    r"^(?:(?P<han>[一二三四五六七八九十]{1,3})、"
    r"|[（(](?P<han_paren>[一二三四五六七八九十]{1,3})[）)]"
    r"|(?P<han_is>[一二三四五六七八九十]{1,3})是"  # INLINE
    r"|(?P<digit>[0-9]{1,2})[.、．](?![0-9])"
    r"|[（(](?P<digit_paren>[0-9]{1,2})[）)]"
    r"|(?P<circled>[①-⑳]))"
)


def _han_number(s: str) -> int | None:
    """1-99 written in Han numerals (三, 十二, 二十, 二十三), None if malformed."""
    tens, _, units = s.partition("十")
    if "十" not in s:
        return _HAN_DIGITS.index(s) + 1 if len(s) == 1 else None
    t = 1 if not tens else (_HAN_DIGITS.index(tens) + 1 if len(tens) == 1 else None)
    u = 0 if not units else (_HAN_DIGITS.index(units) + 1 if len(units) == 1 else None)
    return None if t is None or u is None else 10 * t + u


def marker(text: str) -> tuple[str, int] | None:
    """(kind, number) of the enumeration marker opening ``text``, or None."""
    m = _MARKER.match(text)
    if m is None:
        return None
    kind = m.lastgroup or ""
    value = m.group(kind)
    if kind == "circled":
        return kind, ord(value) - ord("①") + 1
    if kind.startswith("digit"):
        return kind, int(value)
    number = _han_number(value)
    return None if number is None else (kind, number)


def list_items(texts: Sequence[str]) -> list[str]:
    """For each line: the kind of marker opening it if it opens a list item (a marker
    whose neighbour number, of the same kind, opens another line), else ""."""
    found = [marker(t) if t and t[0] in _FIRST else None for t in texts]
    present = {m for m in found if m is not None}
    return [
        m[0]
        if m is not None and ((m[0], m[1] - 1) in present or (m[0], m[1] + 1) in present)
        else ""
        for m in found
    ]
