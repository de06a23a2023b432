"""Blocks cover the input exactly, stay bounded, and cut only at paragraph ends."""

from __future__ import annotations

import io
import random

from cleaner.core.blocks import iter_blocks


def _blocks(text: str, soft: int = 2000, hard: int = 8000) -> list[str]:
    return [b.text for b in iter_blocks(io.StringIO(text).read, soft=soft, hard=hard)]


def test_blocks_concatenate_to_the_input_and_stay_bounded() -> None:
    rng = random.Random(3)
    pieces = []
    for _ in range(3000):
        line = "这是一行报纸上的文字" * rng.randint(1, 5)
        pieces.append(line + rng.choice(["。\n", "\n", "\n\n", "。\n\n", "，"]))
    pieces.append("长" * 30000)  # one huge line
    text = "".join(pieces)
    blocks = _blocks(text)
    assert "".join(blocks) == text
    assert max(len(b) for b in blocks) <= 8000
    assert len(blocks) > 10


def test_cut_prefers_blank_line_after_sentence_end() -> None:
    column = "在大陆找到了实现\n\n梦想的舞台，亲历了\n"  # blank line mid-sentence
    para = "祖国日新月异的发展。\n\n"
    text = (column * 150) + para + (column * 150)
    blocks = _blocks(text, soft=2000, hard=100_000)
    assert len(blocks) == 2
    assert blocks[0].endswith("发展。\n\n")


def test_empty_input_is_one_empty_block() -> None:
    blocks = list(iter_blocks(io.StringIO("").read))
    assert [(b.text, b.is_last) for b in blocks] == [("", True)]


def test_context_lines_come_from_neighbours() -> None:
    text = ("第一段文字。\n\n" * 400) + ("第二段文字。\n\n" * 400)
    blocks = list(iter_blocks(io.StringIO(text).read, soft=3000, hard=20000))
    assert blocks[1].before.strip().endswith("。")
    assert blocks[0].after and blocks[0].after in text
    assert blocks[-1].is_last and not blocks[0].is_last


def test_blocks_cut_inside_a_line_say_so() -> None:
    text = "短行。\n" + "长句子。" * 5000 + "\n尾。\n"
    blocks = list(iter_blocks(io.StringIO(text).read, soft=2000, hard=8000))
    assert "".join(b.text for b in blocks) == text
    inner = [b for b in blocks if not b.text.endswith("\n")]
    assert inner, "the long line was not cut"
    for b, nxt in zip(blocks, blocks[1:], strict=False):
        assert b.open_end == nxt.open_start == (not b.text.endswith("\n"))
    assert not blocks[0].open_start and not blocks[-1].open_end


def test_text_one_paragraph_per_line_is_cut_near_the_soft_limit() -> None:
    # scraped pages: no blank lines, each line a whole paragraph; the rest of the input
    # after the last cut was kept as one block up to the hard limit
    rng = random.Random(5)
    lines = ["这是网页上的一个段落" * rng.randint(21, 40) + "。\n" for _ in range(400)]
    text = "".join(lines)
    blocks = _blocks(text, soft=20_000, hard=200_000)
    assert "".join(blocks) == text
    assert len(blocks) >= len(text) // 21_000
    assert max(len(b) for b in blocks) <= 20_000 + 402


def test_short_sentence_lines_at_the_end_stay_one_block() -> None:
    # a column's lines may end a sentence inside a paragraph: no cut before the hard limit
    text = "记者今天从市里获悉。\n" * 3000
    assert _blocks(text, soft=2000, hard=100_000) == [text]
