"""The same properties over whole seed documents, mutated (thousands of characters,
many blocks' worth of rule interactions): ``slow``, run with CLEANER_HYPOTHESIS=slow."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from tests.properties.checks import TARGETS, check_idempotent, check_no_han_lost, check_replay
from tests.properties.strategies import whole_seed_mutated

pytestmark = [pytest.mark.slow, pytest.mark.parametrize("to", TARGETS)]
AT_LENGTH = settings(max_examples=200)  # ~0.5 s per example and property


@AT_LENGTH
@given(text=whole_seed_mutated())
def test_idempotent_at_length(to: str, text: str) -> None:
    check_idempotent(text, to, f"idempotent_at_length[to={to}]")


@AT_LENGTH
@given(text=whole_seed_mutated())
def test_no_han_lost_at_length(to: str, text: str) -> None:
    check_no_han_lost(text, to, f"no_han_lost_at_length[to={to}]")


@AT_LENGTH
@given(text=whole_seed_mutated())
def test_records_replay_at_length(to: str, text: str) -> None:
    check_replay(text, to, f"replay_at_length[to={to}]")
