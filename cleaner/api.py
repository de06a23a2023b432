"""The Python API: clean a string, or clean it and get the change records."""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleaner.core.pipeline import Pipeline
from cleaner.core.records import Change

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


def get_pipeline(
    *,
    to: str | None = None,
    config: str | None = None,
    rules: str | Path | None = None,
    stages: str | tuple[str, ...] | list[str] | None = None,
    explain: bool = False,
) -> Pipeline:
    """A pipeline for these options, built once per process and reused (pipelines
    may be shared by threads).

    ``explain`` makes conversion records fine-grained (see EXPLAIN_CONVERT)."""
    key = (to, config, str(rules) if rules else None, tuple(stages) if stages else None, explain)
    with _building:
        if key not in _pipelines:
            _pipelines[key] = Pipeline(
                rules_dir=rules, stages=stages, overrides=convert_overrides(to, config, explain)
            )
        return _pipelines[key]


def clean(
    text: str,
    *,
    to: str | None = None,
    config: str | None = None,
    rules: str | Path | None = None,
    stages: str | tuple[str, ...] | list[str] | None = None,
) -> str:
    """Clean ``text`` with the default rules (or those in ``rules``).

    ``to`` is simplified, traditional, taiwan, hongkong or keep; ``config`` any
    OpenCC configuration name; ``stages`` a subset of encoding, layout, convert.
    """
    return get_pipeline(to=to, config=config, rules=rules, stages=stages).clean_text(text)


def clean_with_changes(
    text: str,
    *,
    to: str | None = None,
    config: str | None = None,
    rules: str | Path | None = None,
    stages: str | tuple[str, ...] | list[str] | None = None,
    path: str = "-",
) -> Result:
    """Like :func:`clean`, also returning every change the pipeline made."""
    changes: list[Change] = []
    pipeline = get_pipeline(to=to, config=config, rules=rules, stages=stages, explain=True)
    out = pipeline.clean_text(text, path=path, sink=changes.append)
    return Result(out, changes)
