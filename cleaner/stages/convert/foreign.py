"""Lines in Japanese or Korean: Han characters there are kanji and hanja, not Chinese.

OpenCC would turn ``東京都の髪型が話題`` into ``东京都の髪型が话题``: half converted, no
longer Japanese. A line counts as Japanese or Korean when kana or Hangul make up at
least ``share`` of its kana, Hangul and Han characters, and there are two or more of
them (one ``の`` in a Chinese line, ``我の日记``, leaves it Chinese).
"""

from __future__ import annotations

import re

KANA_HANGUL = re.compile("[\u3041-\u3096\u30a1-\u30fa\u1100-\u11ff\u3131-\u318e\uac00-\ud7a3]")
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def foreign_lines(text: str, share: float) -> list[tuple[int, int]]:
    """Spans (start, end without the break) of the lines of ``text`` in Japanese or
    Korean, sorted; one search settles a text without kana and Hangul."""
    m = KANA_HANGUL.search(text)
    spans: list[tuple[int, int]] = []
    while m is not None:
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.start())
        end = len(text) if end < 0 else end
        line = text[start:end]
        foreign = len(KANA_HANGUL.findall(line))
        if foreign >= 2 and foreign >= share * (foreign + len(HAN.findall(line))):
            spans.append((start, end))
        m = KANA_HANGUL.search(text, end)
    return spans


Segment = tuple[int, int, str | None]  # start, end, the configuration (None: kept)


def kept_in(segments: list[Segment], spans: list[tuple[int, int]]) -> list[Segment]:
    """``segments`` (sorted, covering the text) with ``spans`` (sorted, apart) kept:
    the parts of converted segments inside them get no configuration.

    >>> kept_in([(0, 10, "t2s"), (10, 12, None)], [(3, 5), (9, 11)])
    [(0, 3, 't2s'), (3, 5, None), (5, 9, 't2s'), (9, 10, None), (10, 12, None)]
    """
    out: list[Segment] = []
    j = 0
    for a, b, cfg in segments:
        if cfg is None:
            out.append((a, b, cfg))
            continue
        while j < len(spans) and spans[j][1] <= a:
            j += 1
        pos, k = a, j
        while k < len(spans) and spans[k][0] < b:
            x, y = max(a, spans[k][0]), min(b, spans[k][1])
            if x > pos:
                out.append((pos, x, cfg))
            out.append((x, y, None))
            pos = y
            k += 1
        if pos < b:
            out.append((pos, b, cfg))
    return out
