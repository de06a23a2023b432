"""The pipeline: stages in order over the blocks of each document."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from cleaner.core.blocks import Block, iter_blocks
from cleaner.core.edits import OffsetMap
from cleaner.core.records import Change, Stats
from cleaner.core.rule import BlockContext, Rule
from cleaner.core.rulefile import load_stage
from cleaner.core.stage import Applied, Stage
from cleaner.stages import STAGES, rule_classes

ChangeSink = Callable[[Change], None]


def parse_stages(stages: str | Iterable[str] | None) -> list[str]:
    if stages is None:
        return list(STAGES)
    names = [s.strip() for s in (stages.split(",") if isinstance(stages, str) else stages)]
    unknown = [s for s in names if s not in STAGES]
    if unknown or not names:
        raise ValueError(f"unknown stage(s) {', '.join(unknown)}; use some of {', '.join(STAGES)}")
    return [s for s in STAGES if s in names]


class Pipeline:
    """Build once (rule files are read and validated here), then clean many documents."""

    def __init__(
        self,
        *,
        rules_dir: Path | str | None = None,
        stages: str | Iterable[str] | None = None,
        overrides: dict[str, dict[str, dict[str, Any]]] | None = None,
    ) -> None:
        rdir = Path(rules_dir) if rules_dir is not None else None
        overrides = overrides or {}
        self.stages = [
            Stage(name, load_stage(name, rule_classes(name), rdir, overrides.get(name)))
            for name in parse_stages(stages)
        ]
        for name in overrides:
            if name not in STAGES:
                raise ValueError(f"unknown stage {name!r} in options")
        self.stats = Stats()

    @property
    def rules(self) -> list[Rule]:
        return [r for s in self.stages for r in s.rules]

    def rule_order(self) -> list[tuple[str, str]]:
        return [(s.name, r.id) for s in self.stages for r in s.rules]

    def clean_block(self, block: Block, path: str, sink: ChangeSink | None) -> str:
        ctx = BlockContext(path, block.index, block.start, block.is_last, block.before, block.after)
        offsets = OffsetMap()
        log: list[Applied] = []
        text = block.text
        for stage in self.stages:
            text = stage.run(text, ctx, offsets, log)
        for applied in log:
            # most edits carry no rule of their own: count those in one step
            named = [e.rule for e in applied.edits if e.rule]
            if len(named) < len(applied.edits):
                self.stats.add(applied.stage, applied.rule, len(applied.edits) - len(named))
            for rule in named:
                self.stats.add(applied.stage, rule)
            self._example(applied)
            if sink is not None:
                self._emit(applied, offsets, block.start, path, sink)
        return text

    def _example(self, applied: Applied, context: int = 6) -> None:
        """Keep the first change of each rule, with a little context, for the summary."""
        e = applied.edits[0]
        key = (applied.stage, e.rule or applied.rule)
        if key in self.stats.examples:
            return
        seen = applied.seen
        left = seen[max(0, e.start - context) : e.start]
        right = seen[e.end : e.end + context]
        self.stats.examples[key] = (left + seen[e.start : e.end] + right, left + e.after + right)

    @staticmethod
    def _emit(applied: Applied, offsets: OffsetMap, base: int, path: str, sink: ChangeSink) -> None:
        for e in applied.edits:
            start = offsets.to_input(e.start, depth=applied.depth)
            end = offsets.to_input(e.end, depth=applied.depth, is_end=True)
            sink(
                Change(
                    path,
                    applied.stage,
                    e.rule or applied.rule,
                    base + start,
                    base + max(start, end),
                    applied.seen[e.start : e.end],
                    e.after,
                    e.note,
                )
            )

    def clean_stream(
        self, read: Callable[[int], str], path: str = "-", sink: ChangeSink | None = None
    ) -> Iterator[str]:
        """Clean one document read by ``read(n)``; yields output as blocks complete."""
        for stage in self.stages:
            stage.begin_document(path)
        for block in iter_blocks(read):
            yield self.clean_block(block, path, sink)
        self._report_unchanged(path, sink)

    def _report_unchanged(self, path: str, sink: ChangeSink | None) -> None:
        """Count what rules found but left as it was; records have before == after."""
        for stage in self.stages:
            for rule in stage.active:
                found = rule.reports()
                if not found:
                    continue
                self.stats.reported[(stage.name, rule.id)] += len(found)
                if sink is None:
                    continue
                for item in found:
                    text, offset = item["text"], item["offset"]
                    note = {k: v for k, v in item.items() if k not in ("text", "offset", "path")}
                    note["unchanged"] = True
                    sink(Change(path, stage.name, rule.id, offset, offset + len(text), text,
                                text, note))  # fmt: skip

    def clean_text(self, text: str, path: str = "-", sink: ChangeSink | None = None) -> str:
        pos = 0

        def read(n: int) -> str:
            nonlocal pos
            chunk = text[pos : pos + n]
            pos += n
            return chunk

        return "".join(self.clean_stream(read, path, sink))
