"""overrides, corner_quotes: phrases that win over OpenCC in every configuration.

A phrase placed in an OpenCC dictionary can be undone by a later step of a
multi-step configuration (s2twp converts 軟件 to 軟體 after s2t made it). So while
the ``opencc`` rule converts, it applies the overrides itself: it swaps each source
phrase for a private-use placeholder before converting and puts the target in
after, recording the change under the override's own rule id. When no conversion
runs (``to = "keep"``, or ``opencc`` switched off), an override set without
``configs`` replaces its phrases on its own; one tied to configurations does nothing.

The link is made when the stage is built: the stage hands every rule its siblings
(``Rule.link``), and ``opencc`` takes the override rules among them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from cleaner.core.edits import Edit
from cleaner.core.rule import BaseParams, BlockContext, ParamError, Rule, param
from cleaner.stages.convert.configs import config_names


class Owner(Protocol):
    """The rule that applies the overrides around its conversion (``opencc``)."""

    @property
    def converting(self) -> bool: ...


class Overrides(Rule):
    """Phrase and character replacements that win over OpenCC in every configuration."""

    id = "overrides"
    converts_once = True  # a phrase it wrote may be another override's source
    stage = "convert"

    @dataclass
    class Params(BaseParams):
        phrases: dict[str, str] = field(default_factory=dict)
        # only in these OpenCC configurations; empty: in all
        configs: list[str] = param([], choices=config_names, what="OpenCC configuration")

    params: Params

    def setup(self) -> None:
        for src, dst in self.params.phrases.items():
            if not src or "\n" in src or "\n" in dst:
                raise ParamError(
                    "phrases",
                    f"bad override {src!r} = {dst!r}",
                    "give non-empty source phrases without line breaks",
                )
        self.configs = {c.removesuffix(".json") for c in self.params.configs}
        self.owner: Owner | None = None
        self.table = OverrideTable([self]) if self.params.phrases else None

    def applies(self, config: str) -> bool:
        return not self.configs or config.removesuffix(".json") in self.configs

    def find(self, text: str, ctx: BlockContext) -> list[Edit]:
        if self.table is None or self.configs:
            return []
        if self.owner is not None and self.owner.converting:
            return []  # the conversion applies it
        return self.table.edits(list(self.table.regex.finditer(text)))


QUOTES = {"“": "「", "”": "」", "‘": "『", "’": "』"}
TW_HK = ["s2tw", "s2twp", "t2tw", "s2hk", "s2hkp", "t2hk"]


class CornerQuotes(Overrides):
    """Example override set (off by default): quotes “”‘’ to 「」『』 for Taiwan and Hong Kong."""

    id = "corner_quotes"

    @dataclass
    class Params(Overrides.Params):
        enabled: bool = False
        phrases: dict[str, str] = field(default_factory=lambda: dict(QUOTES))
        configs: list[str] = param(TW_HK, choices=config_names, what="OpenCC configuration")


class OverrideTable:
    """The overrides active for one configuration, as one longest-first regex."""

    def __init__(self, rules: list[Overrides]) -> None:
        self.target: dict[str, tuple[str, str]] = {}
        for rule in rules:  # a later rule wins on the same phrase
            for src, dst in rule.params.phrases.items():
                self.target[src] = (dst, rule.id)
        alts = sorted(self.target, key=len, reverse=True)
        self.regex = re.compile("|".join(map(re.escape, alts)))

    def edits(self, matches: list[re.Match[str]]) -> list[Edit]:
        """The target for each match, recorded under its override rule's id."""
        out = []
        for m in matches:
            dst, rid = self.target[m.group()]
            if dst != m.group():
                out.append(Edit(m.start(), m.end(), dst, rule=rid))
        return out
