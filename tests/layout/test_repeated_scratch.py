"""repeated_paragraph keeps each line's key in the block's scratch over the pipeline's
passes: a pass that meets lines again must decide as one with nothing kept."""

from __future__ import annotations

from pytest import MonkeyPatch

from cleaner.core.pipeline import Pipeline
from cleaner.core.rule import BlockContext
from cleaner.stages.layout.repeated import RepeatedParagraph

RULE = next(r for r in Pipeline(stages=["layout"]).rules if isinstance(r, RepeatedParagraph))
TEXT = (
    "".join(f"第{n % 5}段：这是一个足够长的段落，用来检验重复段落的判断。\n" for n in range(12))
    + "短行\n短行\n（二）这是一个足够长的段落，用来检验重复段落的判断呀。\n"
)


def _edits(text: str, ctx: BlockContext) -> list[tuple[int, int, str]]:
    ctx.state = RULE.new_state("-")  # each pass meets the text afresh
    return [(e.start, e.end, e.after) for e in RULE.find(text, ctx)]


def test_a_later_pass_with_the_keys_kept_decides_the_same() -> None:
    ctx = BlockContext()
    first = _edits(TEXT, ctx)
    assert first and ctx.scratch[RULE.id]
    changed = TEXT.replace("（二）", "(二)").replace("第1段：", "第1段:")
    assert _edits(TEXT, ctx) == first
    assert _edits(changed, ctx) == _edits(changed, BlockContext())


def test_the_keys_are_the_same_before_and_after_the_switch(monkeypatch: MonkeyPatch) -> None:
    from cleaner.stages.layout import repeated

    bmp = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000)
    assert repeated._bmp_noise().findall(bmp) == repeated._NOISE.findall(bmp)
    astral = "𠀀😀𝄞𐄀\U000e0001🄰"  # a Han character, symbols, a mark, a tag
    lines = [bmp[i : i + 300] + "\n" for i in range(0, len(bmp), 300)]
    with_astral = [*lines, "第一段：" + astral + "，这是一个足够长的段落。\n\n", astral, "甲乙丙"]
    for some in (lines, with_astral):
        for keyed in (0, repeated.BULK_AFTER):  # before the switch, after it
            monkeypatch.setattr(repeated, "_keyed", [keyed])
            key_of = repeated.keyer("".join(some))
            assert [key_of(x) for x in some] == [repeated._NOISE.sub("", x) for x in some]
