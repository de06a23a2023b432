"""Characters of the other script inside a run of lines converted for one script,
where both scripts are converted (``--to taiwan``, ``--to hongkong``): a Traditional
line holding 乐 or 软件, a Simplified line holding 後.

A line goes by the script most of its marked characters are in (detect.py), so the
minority's characters were left as they were: ``--to hongkong`` kept 乐 in 亞乐涗乐涗,
and the next run, seeing 涚 (t2hk's form of 涗, marked as neither script), counted the
line as Simplified and converted it again. Each minority character is converted with
the configuration for its own script, together with the characters around it that
neither script marks (its phrase: 软件很好 -> 軟件很好), up to a character of the line's
own script or any character that is not Han.
"""

from __future__ import annotations

from cleaner.stages.convert.detect import screen_chars, screens
from cleaner.stages.han import is_han


def stray_runs(text: str, start: int, end: int, stray: str, own: str) -> list[tuple[int, int]]:
    """Spans of text[start:end] around the characters only ``stray`` has, extended over
    Han characters that ``own`` does not mark; sorted, not overlapping."""
    mine = screen_chars()[own]
    runs: list[tuple[int, int]] = []
    for m in screens()[stray].finditer(text, start, end):
        a, b = m.start(), m.end()
        if runs and a < runs[-1][1]:
            continue  # inside the run before
        while a > start and is_han(text[a - 1]) and text[a - 1] not in mine:
            a -= 1
        while b < end and is_han(text[b]) and text[b] not in mine:
            b += 1
        if runs and a <= runs[-1][1]:
            a = runs.pop()[0]
        runs.append((a, b))
    return runs
