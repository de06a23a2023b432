"""Offsets in change records point into the input, through any stack of edits."""

from __future__ import annotations

import random

from cleaner.core.edits import Edit, OffsetMap, apply_edits

ALPHABET = "天地玄黄宇宙洪荒,。 \nab"


def _random_edits(text: str, rng: random.Random, allowed: list[bool]) -> list[Edit]:
    """Non-overlapping edits touching only positions whose ``allowed`` flag is set."""
    edits, pos = [], 0
    while pos < len(text):
        pos += rng.randint(0, 6)
        length = rng.choice([0, 1, 1, 2, 3])
        end = pos + length
        # an insertion must sit between two input characters, not inside a replacement
        edge = all(allowed[max(pos - 1, 0) : pos + 1]) if length == 0 else True
        if end > len(text) or not all(allowed[pos:end]) or not edge:
            pos += 1
            continue
        edits.append(Edit(pos, end, "".join(rng.choices(ALPHABET, k=rng.choice([0, 1, 2, 4])))))
        pos = end + 1
    return edits


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def test_records_map_back_to_input_spans() -> None:
    rng = random.Random(7)
    checked = exact = 0
    for _ in range(300):
        original = "".join(rng.choices(ALPHABET, k=rng.randint(0, 60)))
        text = original
        from_input = [True] * len(text)  # character still the input's own
        offsets = OffsetMap()
        for depth in range(4):
            edits = _random_edits(text, rng, from_input)
            for e in edits:
                start = offsets.to_input(e.start, depth=depth)
                end = offsets.to_input(e.end, depth=depth, is_end=True)
                span, before = original[start:end], text[e.start : e.end]
                # exact, except that text deleted earlier inside the span is included
                assert _is_subsequence(before, span) and span[:1] == before[:1]
                assert span[-1:] == before[-1:]
                exact += span == before
                checked += 1
            offsets.push(edits)
            flags: list[bool] = []
            pos = 0
            for e in edits:
                flags += from_input[pos : e.start] + [False] * len(e.after)
                pos = e.end
            from_input = flags + from_input[pos:]
            text = apply_edits(text, edits)
    assert checked > 1000 and exact > checked * 0.9


def test_overlapping_edits_are_refused() -> None:
    try:
        apply_edits("abcdef", [Edit(1, 3, "x"), Edit(2, 4, "y")])
    except ValueError:
        return
    raise AssertionError("overlapping edits were applied")
