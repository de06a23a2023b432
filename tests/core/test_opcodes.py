"""cleaner.core.opcodes: SequenceMatcher's answer where it is cheap, a valid one in linear
time where a whole comparison would take cubic time."""

from __future__ import annotations

import time
from difflib import SequenceMatcher

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.core.opcodes import WORK, opcodes


def _apply(a: str, b: str, ops: list[tuple[str, int, int, int, int]]) -> str:
    """``a`` turned into ``b`` by ``ops``, checking they cover both strings in order."""
    out, i, j = [], 0, 0
    for tag, i1, i2, j1, j2 in ops:
        assert (i1, j1) == (i, j)
        if tag == "equal":
            assert a[i1:i2] == b[j1:j2]
        out.append(b[j1:j2])
        i, j = i2, j2
    assert (i, j) == (len(a), len(b))
    return "".join(out)


@given(st.text("ab说是Ã©x", max_size=400), st.text("ab说是éx", max_size=400))
def test_small_inputs_get_sequence_matchers_answer(a: str, b: str) -> None:
    assert sum(b.count(c) for c in a) <= WORK
    assert list(opcodes(a, b)) == SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


@settings(deadline=None, max_examples=30)
@given(st.integers(1, 40), st.lists(st.integers(0, 10_000), max_size=30))
def test_windowed_answer_turns_a_into_b(units: int, cuts: list[int]) -> None:
    a = "说cafÃ©是" * units * 100
    b = a.replace("Ã©", "é")
    for k in sorted(cuts, reverse=True):  # and some changes of other kinds
        b = b[:k] + "改" + b[k + 2 :]
    assert _apply(a, b, list(opcodes(a, b))) == b


def test_long_repetitive_line_is_fast() -> None:
    a = "说cafÃ©是" * 4000  # 28,000 characters: SequenceMatcher alone takes hours
    b = a.replace("Ã©", "é")
    started = time.process_time()
    ops = list(opcodes(a, b))
    assert time.process_time() - started < 10
    assert _apply(a, b, ops) == b
    assert sum(1 for op in ops if op[0] != "equal") == 4000  # each repair its own span
