"""The pipeline's stages, in order. Each is a package exposing ``RULES``, its rule
classes in the order they run."""

from __future__ import annotations

import importlib

from cleaner.core.rule import Rule

STAGES: tuple[str, ...] = ("encoding", "layout", "convert")


def rule_classes(stage: str) -> list[type[Rule]]:
    if stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r}; stages are {', '.join(STAGES)}")
    module = importlib.import_module(f"cleaner.stages.{stage}")
    return list(module.RULES)
