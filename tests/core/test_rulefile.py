"""The rule-file loader: allowed values declared on Params fields, blame for values that
do not fit together, stray files, collected problems, and user regexes that run under
a time limit."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path
from typing import Any

import pytest

from cleaner.core import patterns
from cleaner.core.errors import RuleFileError
from cleaner.core.patterns import PatternTimeout, UserPattern, check_pattern
from cleaner.core.pipeline import Pipeline
from cleaner.core.rule import Allowed
from cleaner.core.rulefile import DEFAULT_RULES_DIR, check_rules_dir, load_stage
from cleaner.stages import STAGES, rule_classes

ALL = [cls for stage in STAGES for cls in rule_classes(stage)]


def _load(stage: str, rules: Path | None = None, **over: dict[str, Any]) -> list[Any]:
    return load_stage(stage, rule_classes(stage), rules, over)


def test_every_default_is_allowed() -> None:
    for cls in ALL:
        cls.Params().check()
    assert check_rules_dir(DEFAULT_RULES_DIR)[0] == []


def test_shipped_patterns_have_no_catastrophic_shape() -> None:
    """They run without the time limit (Params.regex), so they must pass the check."""
    for cls in ALL:
        params = cls.Params()
        for f in dataclasses.fields(params):
            if f.metadata.get("allowed", Allowed()).regex:
                value = getattr(params, f.name)
                for pattern in value if isinstance(value, list) else [value]:
                    assert check_pattern(pattern) == [], f"{cls.id}.{f.name}"


def test_numeric_parameters_declare_a_range() -> None:
    """Every int/float parameter says what it accepts (not only its type)."""
    bare = []
    for cls in ALL:
        for f in dataclasses.fields(cls.Params):
            allowed = f.metadata.get("allowed", Allowed())
            if f.type in ("int", "float") and allowed == Allowed():
                bare.append(f"{cls.id}.{f.name}")
    assert bare == []


@pytest.mark.parametrize(
    "stage,rule,key,value,says",
    [
        ("encoding", "gbk_shift", "beam", 0, "must be at least 1"),
        ("encoding", "related_links", "min_lines", -5, "must be at least 1"),
        ("encoding", "utf8_as_gbk", "codecs", [], "must not be empty"),
        ("encoding", "gbk_shift", "min_gain", float("nan"), "must be a finite number"),
        ("layout", "unwrap", "min_width", float("nan"), "must be a finite number"),
        ("layout", "letter_spacing", "min_run", 2, "must be at least 3"),
        ("layout", "separator", "separator", "\t", "unknown separator"),
        ("convert", "opencc", "config", "/etc/passwd", "unknown OpenCC configuration"),
        ("convert", "opencc", "to", "klingon", "unknown target"),
    ],
)
def test_out_of_range_value_names_file_line_and_key(
    tmp_path: Path, stage: str, rule: str, key: str, value: Any, says: str
) -> None:
    shown = "nan" if value != value else repr(value).replace("'", '"')
    (tmp_path / f"{stage}.toml").write_text(f"# mine\n[{rule}]\n{key} = {shown}\n", "utf-8")
    with pytest.raises(RuleFileError) as e:
        _load(stage, tmp_path)
    assert (e.value.path, e.value.line) == (str(tmp_path / f"{stage}.toml"), 3)
    assert f"[{rule}] {key}" in e.value.message and says in e.value.message
    with pytest.raises(RuleFileError, match=f"<command-line options>: \\[{rule}\\] {key}"):
        _load(stage, **{rule: {key: value}})


def test_values_that_do_not_fit_together_blame_the_key_set_last(tmp_path: Path) -> None:
    (tmp_path / "layout.toml").write_text("[unwrap]\nmax_width = 8.0\n", "utf-8")
    with pytest.raises(RuleFileError) as e:
        _load("layout", tmp_path)
    assert e.value.line == 2 and "[unwrap] max_width" in e.value.message
    with pytest.raises(RuleFileError) as e:
        _load("layout", unwrap={"min_width": 40.0})
    assert e.value.path == "<command-line options>" and "[unwrap] min_width" in str(e.value)
    # checked on the merged values only: the option makes the file's value fit
    assert _load("layout", tmp_path, unwrap={"min_width": 5.0})


def test_stray_file_is_an_error_and_hidden_files_are_not(tmp_path: Path) -> None:
    (tmp_path / ".swp").write_text("", "utf-8")
    assert _load("layout", tmp_path)
    (tmp_path / "Encoding.toml").write_text("", "utf-8")
    with pytest.raises(RuleFileError, match="Encoding.toml: no stage reads this file"):
        Pipeline(rules_dir=tmp_path, stages="layout")


def test_check_collects_every_problem(tmp_path: Path) -> None:
    (tmp_path / "encoding.toml").write_text(
        "[gbk_shift]\nbeam = 0\nmax_run = -1\n[nope]\n[page_jump]\n", "utf-8"
    )
    (tmp_path / "layout.toml").write_text("[unwrap]\nmin_width = 50.0\nwindow = 0\n", "utf-8")
    (tmp_path / "extra").mkdir()
    problems, _ = check_rules_dir(tmp_path)
    said = [(Path(p.path).name, p.line, p.message.split(":")[0]) for p in problems]
    assert said == [
        ("extra", None, "no stage reads this file"),
        ("encoding.toml", 4, "unknown rule [nope] for stage 'encoding'"),
        ("encoding.toml", 5, "unknown rule [page_jump] for stage 'encoding'"),
        ("encoding.toml", 2, "[gbk_shift] beam = 0"),
        ("encoding.toml", 3, "[gbk_shift] max_run = -1"),
        ("layout.toml", 3, "[unwrap] window = 0"),
        ("layout.toml", 2, "[unwrap] min_width"),
    ]


def test_errors_survive_worker_processes() -> None:
    err = RuleFileError("a.toml", 3, "bad", "fix it")
    assert str(pickle.loads(pickle.dumps(err))) == str(err)
    where = patterns.Where("b.toml", 2, "page_jump", "patterns")
    slow = PatternTimeout(where, "(a|a)+$")
    back = pickle.loads(pickle.dumps(slow))
    assert isinstance(back, PatternTimeout) and str(back) == str(slow)


# --- user regexes ----------------------------------------------------------------------


def _user_patterns(obj: Any, seen: set[int] | None = None) -> Any:
    """Every compiled pattern reachable from a rule's attributes, as (attr, pattern)."""
    seen = seen if seen is not None else set()
    if id(obj) in seen or not hasattr(obj, "__dict__"):
        return
    seen.add(id(obj))
    for name, value in vars(obj).items():
        if (
            isinstance(value, UserPattern)
            or hasattr(value, "pattern")
            and hasattr(value, "finditer")
        ):
            yield name, value
        elif type(value).__module__.startswith("cleaner.stages") and name != "params":
            yield from _user_patterns(value, seen)


MARK = "zq(?#user)"  # a regex that matches nothing in practice, recognisable in a pattern


@pytest.mark.parametrize(
    "cls,key",
    [
        (cls, f.name)
        for cls in ALL
        for f in dataclasses.fields(cls.Params)
        if f.metadata.get("allowed", Allowed()).regex
    ],
    ids=lambda x: getattr(x, "id", x),
)
def test_every_user_regex_runs_under_the_time_limit(cls: Any, key: str) -> None:
    value = [MARK] if isinstance(getattr(cls.Params(), key), list) else MARK
    rules = load_stage(cls.stage, rule_classes(cls.stage), None, {cls.id: {key: value}})
    rule = next(r for r in rules if r.id == cls.id)
    holding = [(n, p) for n, p in _user_patterns(rule) if MARK in p.pattern]
    assert holding, f"{cls.id}.{key} is not compiled from the rule file's value"
    for name, pattern in holding:
        assert isinstance(pattern, UserPattern), f"{cls.id}.{name} runs without a time limit"
        assert (pattern.where.rule, pattern.where.key) == (cls.id, key)


def test_slow_pattern_stops_with_its_origin(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr(patterns, "TIMEOUT", 0.01)
    (tmp_path / "encoding.toml").write_text("[markdown_image]\n\nline = '^(a|a)+$'\n", "utf-8")
    pl = Pipeline(rules_dir=tmp_path, stages="encoding")
    with pytest.raises(PatternTimeout) as e:  # 22: about a second without the limit
        pl.clean_text("](\n" + "a" * 22 + "!\n")
    assert e.value.path == str(tmp_path / "encoding.toml") and e.value.line == 3
    assert "[markdown_image] line" in e.value.message


@pytest.mark.parametrize(
    "pattern",
    ["(a+)+", "(a*)*", "(a|a)+", "(a|ab)*", r"(\s*\S+)+", r"(?:\d|\d\d)+$", r"(\p{Han}+)+$"],
)
def test_catastrophic_shapes_are_found(pattern: str) -> None:
    assert check_pattern(pattern)


@pytest.mark.parametrize(
    "pattern", [r"(a+,)+", r"(?:ab|cd)+", r"(?>a+)+", r"a+b+", r"\(a+\)+", r"(a|b)+", r"[(|]a+"]
)
def test_safe_shapes_pass(pattern: str) -> None:
    assert check_pattern(pattern) == []


def test_time_limit_costs_little() -> None:
    """The wrapper answers like the compiled pattern it holds."""
    where = patterns.Where("x", None, "r", "k")
    user = patterns.compile_user(r"(\d+)", 0, where)
    text = "a1b22c333"
    assert [m.group() for m in user.finditer(text)] == ["1", "22", "333"]
    assert user.search(text, 3).group() == "22"  # type: ignore[union-attr]
    assert user.fullmatch("42") is not None and user.match("x") is None
    assert user.sub("#", text) == "a#b#c#"
