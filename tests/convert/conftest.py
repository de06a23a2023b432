"""Print how many of OpenCC's own test cases passed, for either backend.

The line also goes to the file named by $CLEANER_SUITE_REPORT (scripts/test-reimpl)."""

from __future__ import annotations

import os
from collections import Counter
from typing import Any

_outcomes: Counter[str] = Counter()
_xfail_kinds: Counter[str] = Counter()


def pytest_runtest_logreport(report: Any) -> None:
    if "test_opencc_suite.py::test_opencc_case" not in report.nodeid:
        return
    if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
        key = "xfailed" if hasattr(report, "wasxfail") and report.skipped else report.outcome
        if key == "xfailed":
            missing = "ships no" in report.wasxfail
            _xfail_kinds["missing configuration" if missing else "old dictionaries"] += 1
        if hasattr(report, "wasxfail") and report.passed:
            key = "xpassed"
        _outcomes[key] += 1


def pytest_terminal_summary(terminalreporter: Any) -> None:
    total = sum(_outcomes.values())
    if not total:
        return
    from cleaner.stages.convert.backend import REIMPL, backend_info

    label = "reimplemented" if backend_info()["name"] == REIMPL else "official"
    line = (
        f"{label} backend: {_outcomes['passed']}/{total} OpenCC cases passed "
        f"({_outcomes['xfailed']} expected failures"
        + (": " if _xfail_kinds else "")
        + ", ".join(f"{n} {kind}" for kind, n in sorted(_xfail_kinds.items(), reverse=True))
        + (f", {_outcomes['failed']} unexpected failures" if _outcomes["failed"] else "")
        + (f", {_outcomes['xpassed']} unexpected passes" if _outcomes["xpassed"] else "")
        + ")"
    )
    terminalreporter.write_line(line)
    path = os.environ.get("CLEANER_SUITE_REPORT")
    if path:
        with open(path, "w", encoding="utf-8") as f:
            f.write(line + "\n")
