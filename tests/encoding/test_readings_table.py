"""data/readings.bin holds what pypinyin answers for every character it knows, so that
cleaning never imports pypinyin (its import loads ~45 MB of phrases): the readings,
zhuyin readings and first readings the encoding stage asks for are pypinyin's own."""

from __future__ import annotations

import pytest

from cleaner.stages.encoding.models import pinyin_readings as pr

pypinyin = pytest.importorskip("pypinyin", reason="the test extra installs pypinyin")


def _pinyin(ch: str, **kw: object) -> list[str]:
    """pypinyin's readings; it echoes a character it does not know (with a 5 or ˙ for the
    neutral-tone spellings), which no annotation can match: left out."""
    return [r for r in pypinyin.pinyin(ch, heteronym=True, **kw)[0] if ch not in r]


def test_the_table_is_pypinyins_for_every_character() -> None:
    from pypinyin import Style
    from pypinyin.pinyin_dict import pinyin_dict

    chars = [chr(c) for c in pinyin_dict] + list("abc，。A1") + ["\U0002a6d7", "\uffff"]
    styles = [{"style": Style.TONE}, {"style": Style.TONE3},
              {"style": Style.TONE3, "neutral_tone_with_five": True}]  # fmt: skip
    wrong = []
    for ch in chars:
        found = [_pinyin(ch, **kw) for kw in styles]
        readings = frozenset(pr.normalize(r) for rs in found for r in rs)
        first = frozenset(pr.normalize(rs[0]) for rs in found if rs) | pr._SANDHI.get(ch, set())
        zhuyin = frozenset(pr._zhuyin_key(r) for r in _pinyin(ch, style=Style.BOPOMOFO))
        if (pr.readings(ch), pr.first_reading(ch), pr.zhuyin_readings(ch)) != (
            readings,
            first,
            zhuyin,
        ):
            wrong.append(ch)
    assert len(chars) > 40000
    assert not wrong, (
        f"{len(wrong)} characters differ, e.g. {wrong[:10]}: rebuild with scripts/build_readings.py"
    )


def test_the_compact_table_answers_as_the_stored_dict() -> None:
    """``_table()`` keeps the stored entries in arrays: the same entry for every
    character the file holds, none for any other (astral and two-character keys too)."""
    import marshal
    import zlib

    stored = marshal.loads(zlib.decompress(pr.READINGS_FILE.read_bytes()))["readings"]
    table = pr._table()
    assert all(table.get(ch) == entry for ch, entry in stored.items())
    for ch in ["a", "，", "\x00", "\uffff", "\U0002a6d7", "\U0010ffff", chr(0x3400 - 1)]:
        assert table.get(ch) == stored.get(ch)
    assert table.get("學習") is None and table.get("") is None
