"""``holds`` reads with the set test until it has read ``SCREEN_AFTER`` characters,
then with the compiled screens: they must find a character exactly where the set
holds it."""

from __future__ import annotations

from pytest import MonkeyPatch

from cleaner.stages.convert import detect
from cleaner.stages.convert.configs import SIMPLIFIED, TRADITIONAL


def test_the_screens_match_exactly_the_screen_characters() -> None:
    every = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000)
    for script in (SIMPLIFIED, TRADITIONAL):
        found = detect.screens()[script].findall(every)
        assert found == sorted(detect.screen_chars()[script]), script


def test_holds_answers_the_same_before_and_after_the_switch(monkeypatch: MonkeyPatch) -> None:
    filler = "的一是了，。abc \n" * 1000
    texts = [filler, "", "这", "這"]
    texts += [
        filler[:500] + c + filler for s in detect.screen_chars().values() for c in sorted(s)[::97]
    ]
    for tested in (0, detect.SCREEN_AFTER):  # the set test, the screens
        monkeypatch.setattr(detect, "_tested", [tested])
        monkeypatch.setattr(detect.screens, "cache_info", lambda: _Info(0))
        for script in (SIMPLIFIED, TRADITIONAL):
            for text in texts:
                expected = not set(text).isdisjoint(detect.screen_chars()[script])
                assert detect.holds(script, text) == expected


class _Info:
    def __init__(self, currsize: int) -> None:
        self.currsize = currsize
