"""opencc: convert between scripts with the OpenCC converter."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from cleaner.core.edits import Edit
from cleaner.core.rule import BlockContext, ParamError, Params, Rule

TARGETS = {
    "keep": "",
    "simplified": "t2s",
    "traditional": "s2t",
    "taiwan": "s2tw",
    "hongkong": "s2hk",
}


class OpenCCConvert(Rule):
    """Convert the script with an OpenCC configuration (--to / --config)."""

    id = "opencc"
    stage = "convert"

    @dataclass
    class Params(Params):
        to: str = "keep"
        config: str = ""

    def setup(self) -> None:
        if self.params.to not in TARGETS:
            raise ParamError("to", f"unknown target {self.params.to!r}", f"use one of {', '.join(TARGETS)}")
        self.config = self.params.config or TARGETS[self.params.to]
        self.converter = None
        if self.config:
            import opencc

            name = self.config.removesuffix(".json")
            if name not in opencc.CONFIGS and f"{name}.json" not in opencc.CONFIGS:
                raise ParamError("config", f"unknown OpenCC config {name!r}", f"use one of {', '.join(sorted(opencc.CONFIGS))}")
            self.converter = opencc.OpenCC(name)

    def find(self, text: str, ctx: BlockContext) -> Iterator[Edit]:
        if self.converter is None:
            return
        out = self.converter.convert(text)
        if out == text:
            return
        if len(out) != len(text):
            yield Edit(0, len(text), out)
            return
        i, n = 0, len(text)
        while i < n:
            if text[i] == out[i]:
                i += 1
                continue
            j = i
            while j < n and text[j] != out[j]:
                j += 1
            yield Edit(i, j, out[i:j])
            i = j
