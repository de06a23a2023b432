"""Hypothesis settings profiles for the property tests, and the example counts.

``CLEANER_HYPOTHESIS`` picks the profile: ``ci`` (the default: 2,000 examples
per property), ``slow`` (20,000, and the tests marked ``slow`` here run), ``dev``
(200, for iterating). Every profile is derandomized and keeps no example database,
so a run is the same on every machine. Each property counts the examples it
checked; the counts are printed at the end of the session, also with ``-q``.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

from tests.properties.counts import COUNTS

COMMON = {
    "deadline": None,
    "derandomize": True,
    "database": None,
    "print_blob": False,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}
EXAMPLES = {"dev": 200, "ci": 2000, "slow": 20000}
for _name, _n in EXAMPLES.items():
    settings.register_profile(_name, max_examples=_n, **COMMON)  # type: ignore[arg-type]

PROFILE = os.environ.get("CLEANER_HYPOTHESIS", "ci")
if PROFILE not in EXAMPLES:
    raise pytest.UsageError(f"CLEANER_HYPOTHESIS={PROFILE!r}: use one of {', '.join(EXAMPLES)}")
settings.load_profile(PROFILE)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The ``slow`` properties here run only under the slow profile (CI runs ``slow``
    tests elsewhere in the suite, but not 20,000-example ones)."""
    if PROFILE == "slow":
        return
    skip = pytest.mark.skip(reason="slow here: run with CLEANER_HYPOTHESIS=slow")
    here = os.path.dirname(__file__)
    for item in items:
        if item.get_closest_marker("slow") and str(item.path).startswith(here):
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not COUNTS:
        return
    terminalreporter.write_sep("-", f"hypothesis properties (profile {PROFILE})")
    for prop, n in sorted(COUNTS.items()):
        terminalreporter.write_line(f"property {prop}: {n} examples")
