"""The Python API: clean a string, or clean it and get the change records; ``Cleaner``
holds the options for worker processes and other tools."""

from __future__ import annotations

import json
import math
import threading
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleaner.core.pipeline import Pipeline
from cleaner.core.records import Change, Stats

_pipelines: dict[Any, Pipeline] = {}
_building = threading.Lock()


@dataclass
class Result:
    text: str
    changes: list[Change] = field(default_factory=list)

    @property
    def stats(self) -> dict[str, int]:
        """Changes per ``stage.rule``."""
        return dict(Counter(f"{c.stage}.{c.rule}" for c in self.changes))


# When records are wanted, conversion reports each changed character or phrase, with
# the alternatives of one-to-many characters; without them it counts converted
# stretches, which keeps it within 1.3x of OpenCC itself (docs/convert.md).
EXPLAIN_CONVERT = {"unit": "char", "ambiguity": True}


def convert_overrides(
    to: str | None, config: str | None, explain: bool = False
) -> dict[str, dict[str, dict[str, Any]]]:
    opencc: dict[str, Any] = dict(EXPLAIN_CONVERT) if explain else {}
    if to is not None:
        opencc["to"] = to
    if config is not None:
        opencc["config"] = config
    return {"convert": {"opencc": opencc}} if opencc else {}


Settings = Mapping[str, Any]  # {"stage.rule.key": value}, as --set gives them


def settings_overrides(settings: Settings | None) -> dict[str, dict[str, dict[str, Any]]]:
    """``{"layout.unwrap.enabled": False}`` as the pipeline's nested overrides."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for name, value in (settings or {}).items():
        parts = name.split(".")
        if len(parts) != 3 or not all(parts):
            raise ValueError(f"set: {name!r}: write stage.rule.key (e.g. layout.unwrap.enabled)")
        stage, rule, key = parts
        out.setdefault(stage, {}).setdefault(rule, {})[key] = value
    return out


def pipeline_overrides(
    to: str | None, config: str | None, settings: Settings | None, explain: bool = False
) -> dict[str, dict[str, dict[str, Any]]]:
    """The overrides for these options; a setting wins over ``to``/``config``."""
    out = settings_overrides(settings)
    for stage, rules in convert_overrides(to, config, explain).items():
        for rule, params in rules.items():
            given = out.setdefault(stage, {}).setdefault(rule, {})
            given.update({k: v for k, v in params.items() if k not in given})
    return out


def get_pipeline(
    *,
    to: str | None = None,
    config: str | None = None,
    rules: str | Path | None = None,
    stages: str | tuple[str, ...] | list[str] | None = None,
    set: Settings | None = None,
    explain: bool = False,
) -> Pipeline:
    """A pipeline for these options, built once per process and reused (pipelines
    may be shared by threads).

    ``set`` sets rule parameters as ``--set`` does (``{"layout.unwrap.enabled": False}``);
    ``explain`` makes conversion records fine-grained (see EXPLAIN_CONVERT)."""
    stage_key = stages if isinstance(stages, str) or stages is None else tuple(stages)
    settings_key = json.dumps(dict(set or {}), sort_keys=True, default=repr)
    key = (to, config, str(rules) if rules else None, stage_key, settings_key, explain)
    with _building:
        if key not in _pipelines:
            _pipelines[key] = Pipeline(
                rules_dir=rules,
                stages=stages,
                overrides=pipeline_overrides(to, config, set, explain),
            )
        return _pipelines[key]


def clean(
    text: str,
    *,
    to: str | None = None,
    config: str | None = None,
    rules: str | Path | None = None,
    stages: str | tuple[str, ...] | list[str] | None = None,
    set: Settings | None = None,
) -> str:
    """Clean ``text`` with the default rules (or those in ``rules``).

    ``to`` is simplified, traditional, taiwan, hongkong or keep; ``config`` any
    OpenCC configuration name; ``stages`` a subset of encoding, layout, convert;
    ``set`` rule parameters by ``stage.rule.key``.
    """
    pipeline = get_pipeline(to=to, config=config, rules=rules, stages=stages, set=set)
    return pipeline.clean_text(text)


def clean_with_changes(
    text: str,
    *,
    to: str | None = None,
    config: str | None = None,
    rules: str | Path | None = None,
    stages: str | tuple[str, ...] | list[str] | None = None,
    set: Settings | None = None,
    path: str = "-",
) -> Result:
    """Like :func:`clean`, also returning every change the pipeline made."""
    options = Cleaner(to=to, config=config, rules=rules, stages=stages, set=set)
    return options.clean_with_changes(text, path)


def is_missing(value: Any) -> bool:
    """None, a float NaN, or pandas' NA: a value with no text to clean."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in ("NAType", "NaTType")


class Cleaner:
    """The cleaning options, small and picklable; the pipeline is built lazily, once
    per process, and shared by the threads of that process.

    Hand one to worker processes, Ray actors or ``datasets.map``: only the options
    travel; each process builds (or reuses) its own pipeline on first use.

    >>> Cleaner(to="simplified").clean("後面的頭髮,,很長")
    '后面的头发，很长'
    """

    def __init__(
        self,
        *,
        to: str | None = None,
        config: str | None = None,
        rules: str | Path | None = None,
        stages: str | tuple[str, ...] | list[str] | None = None,
        set: Settings | None = None,
    ) -> None:
        self.to = to
        self.config = config
        self.rules = str(rules) if rules is not None else None
        self.stages = stages if isinstance(stages, str) or stages is None else tuple(stages)
        self.settings = dict(set or {})

    def _options(self) -> dict[str, Any]:
        return {
            "to": self.to,
            "config": self.config,
            "rules": self.rules,
            "stages": self.stages,
            "set": self.settings,
        }

    def __repr__(self) -> str:
        given = ", ".join(f"{k}={v!r}" for k, v in self._options().items() if v)
        return f"Cleaner({given})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Cleaner) and self._options() == other._options()

    __hash__ = None  # type: ignore[assignment]

    def pipeline(self, explain: bool = False) -> Pipeline:
        return get_pipeline(**self._options(), explain=explain)

    def warm_up(self) -> Cleaner:
        """Build the pipeline and load every model its rules may need, now (before
        forking workers, or before timing)."""
        self.pipeline().warm_up()
        return self

    def clean(self, text: Any, stats: Stats | None = None) -> Any:
        """Clean one text; a missing value (None, NaN, NA) is returned as it is and
        counted in ``stats`` (or the pipeline's)."""
        pipeline = self.pipeline()
        if is_missing(text):
            target = stats if stats is not None else pipeline.stats
            target.files["missing values passed through"] += 1
            return text
        return pipeline.clean_text(text, stats=stats)

    def clean_with_changes(self, text: str, path: str = "-") -> Result:
        changes: list[Change] = []
        out = self.pipeline(explain=True).clean_text(text, path=path, sink=changes.append)
        return Result(out, changes)

    def clean_batch(self, texts: Iterable[Any]) -> tuple[list[Any], Stats]:
        """Clean many texts; returns the cleaned texts and this batch's counts."""
        stats = Stats()
        out = [self.clean(t, stats) for t in texts]
        return out, stats
