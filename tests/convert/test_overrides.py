"""Overrides win in every configuration, multi-step ones included, and are recorded
under their own rule id."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cleaner.core.pipeline import Pipeline
from cleaner.core.records import Change
from cleaner.stages.convert.backend import BackendError, available_configs, make_converter

# Candidate targets: for each configuration one of these is changed by the configuration
# itself, so an override target put in before conversion would be converted away.
CANDIDATES = [
    "软件",
    "軟件",
    "軟體",
    "头发",
    "頭髮",
    "裏面",
    "裡面",
    "説話",
    "說話",
    "舊字體",
    "旧字体",
    "着",
]


def _run(
    overrides: dict[str, Any], text: str, rules_dir: Path | None = None
) -> tuple[str, list[Change]]:
    pl = Pipeline(stages=["convert"], overrides={"convert": overrides}, rules_dir=rules_dir)
    changes: list[Change] = []
    return pl.clean_text(text, sink=changes.append), changes


@pytest.mark.parametrize("config", available_configs())
def test_override_wins_in_every_config(config: str) -> None:
    convert = make_converter(config)
    target = next(c for c in CANDIDATES if convert(c) != c)
    text = "开头「甲乙」结尾。開頭「甲乙」結尾。"
    out, changes = _run(
        {"opencc": {"config": config}, "overrides": {"phrases": {"甲乙": target}}}, text
    )
    head, tail = text.split("甲乙", 1)
    assert out.count(target) >= 1
    assert out.startswith(convert(head) + target)
    assert [c for c in changes if c.rule == "overrides"][0].after == target
    assert all(text[c.start : c.end] == c.before for c in changes)
    del tail


@pytest.mark.parametrize(
    ("config", "phrase", "target", "plain"),
    [
        ("s2twp", "软件", "軟件", "軟體"),  # step 2 (TW phrases) would undo a step-1 dictionary
        ("tw2sp", "軟體", "软体", "软件"),
        ("s2hkp", "鼠标", "鼠標", "滑鼠"),
        ("hk2sp", "滑鼠", "滑鼠", "鼠标"),
    ],
)
def test_override_survives_multi_step(config: str, phrase: str, target: str, plain: str) -> None:
    try:
        make_converter(config)
    except BackendError:
        pytest.xfail(f"{config} not shipped by this backend")
    text = f"这个{phrase}很好。"
    plain_out, _ = _run({"opencc": {"config": config}}, text)
    assert plain in plain_out
    out, changes = _run(
        {"opencc": {"config": config}, "overrides": {"phrases": {phrase: target}}}, text
    )
    assert target in out and plain not in out.replace(target, "")
    if target != phrase:
        assert any(c.rule == "overrides" and c.before == phrase for c in changes)


def test_override_limited_to_configs() -> None:
    ov = {"phrases": {"软件": "軟件"}, "configs": ["s2hk"]}
    out, _ = _run({"opencc": {"config": "s2twp"}, "overrides": ov}, "软件")
    assert out == "軟體"


def test_override_applies_in_lines_already_in_target_script() -> None:
    out, changes = _run(
        {"opencc": {"to": "taiwan"}, "corner_quotes": {"enabled": True}},
        "他说：“头发”。\n他說：“頭髮”。\n",
    )
    assert out == "他說：「頭髮」。\n他說：「頭髮」。\n"
    assert {c.rule for c in changes} == {"opencc", "corner_quotes"}


@pytest.mark.parametrize("to", ["taiwan", "hongkong"])
def test_corner_quotes_example(to: str) -> None:
    text = "他说：“我说‘好’。”"
    off, _ = _run({"opencc": {"to": to}}, text)
    assert "“" in off
    on, changes = _run({"opencc": {"to": to}, "corner_quotes": {"enabled": True}}, text)
    assert on.endswith("『好』。」") and "：「" in on
    assert sum(c.rule == "corner_quotes" for c in changes) == 4


@pytest.mark.parametrize("to", ["simplified", "traditional", "keep"])
def test_corner_quotes_not_for_other_targets(to: str) -> None:
    text = "他说：“好”。他說：“好”。"
    out, changes = _run({"opencc": {"to": to}, "corner_quotes": {"enabled": True}}, text)
    assert "“" in out and not any(c.rule == "corner_quotes" for c in changes)


def test_user_rules_folder(tmp_path: Path) -> None:
    (tmp_path / "convert.toml").write_text(
        '[overrides]\nphrases = { "软件" = "軟件" }\n[opencc]\nconfig = "s2twp"\n', encoding="utf-8"
    )
    out, changes = _run({}, "这个软件。", rules_dir=tmp_path)
    assert out == "這個軟件。"
    assert [c.rule for c in changes if c.before == "软件"] == ["overrides"]


def test_placeholder_collision() -> None:
    text = "\ue000软件\ue001"
    out, _ = _run({"opencc": {"config": "s2twp"}, "overrides": {"phrases": {"软件": "軟件"}}}, text)
    assert out == "\ue000軟件\ue001"


def test_stats_count_override_under_its_id() -> None:
    pl = Pipeline(
        stages=["convert"],
        overrides={
            "convert": {"opencc": {"config": "s2t"}, "overrides": {"phrases": {"发": "髮"}}}
        },
    )
    pl.clean_text("发展发展")
    assert pl.stats.changes[("convert", "overrides")] == 2


def test_without_conversion_only_unconfigured_sets_apply() -> None:
    text = "他说“软件”。"
    out, changes = _run(
        {
            "opencc": {"to": "keep"},
            "corner_quotes": {"enabled": True},
            "overrides": {"phrases": {"软件": "軟件"}},
        },
        text,
    )
    assert out == "他说“軟件”。"
    assert [c.rule for c in changes] == ["overrides"]


def test_pipelines_do_not_share_overrides() -> None:
    _run({"opencc": {"config": "s2t"}, "overrides": {"phrases": {"软件": "X"}}}, "软件")
    out, changes = _run({"opencc": {"config": "s2t"}}, "软件")
    assert out == "軟件" and all(c.rule == "opencc" for c in changes)
