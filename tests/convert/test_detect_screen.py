"""``holds`` reads a long text with the compiled screen and a short one with the set
test: the screen must find a character exactly where the set holds it."""

from __future__ import annotations

from cleaner.stages.convert import detect
from cleaner.stages.convert.configs import SIMPLIFIED, TRADITIONAL


def test_the_screens_match_exactly_the_screen_characters() -> None:
    every = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000)
    for script in (SIMPLIFIED, TRADITIONAL):
        found = detect.screens()[script].findall(every)
        assert found == sorted(detect.screen_chars()[script]), script


def test_holds_reads_a_long_text_as_a_short_one() -> None:
    filler = "的一是了，。abc \n" * (detect.SCREEN_FROM // 8)
    assert len(filler) >= detect.SCREEN_FROM
    for script in (SIMPLIFIED, TRADITIONAL):
        assert not detect.holds(script, filler)
        for c in sorted(detect.screen_chars()[script])[::97] + ["这", "這"]:
            long = filler[:5000] + c + filler
            assert detect.holds(script, long) == (c in detect.screen_chars()[script])
            assert detect.holds(script, long) == detect.holds(script, c)
