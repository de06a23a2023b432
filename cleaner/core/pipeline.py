"""The pipeline: stages in order over the blocks of each document."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from operator import attrgetter
from pathlib import Path
from typing import Any

from cleaner.core.blocks import Block, iter_blocks
from cleaner.core.edits import OffsetMap
from cleaner.core.examples import whole_change
from cleaner.core.lazy_pattern import compile_pending
from cleaner.core.passes import Passes
from cleaner.core.records import Change, Stats
from cleaner.core.rule import BlockContext, Rule
from cleaner.core.rulefile import load_stage
from cleaner.core.stage import Applied, Stage
from cleaner.stages import STAGES, rule_classes

ChangeSink = Callable[[Change], None]
# passes over a block until one changes nothing; cleaning clean output then changes nothing
MAX_PASSES = 4
UNSETTLED = ("pipeline", "unsettled")  # reported for a block the last pass still changed
_COUNT = attrgetter("count")


def parse_stages(stages: str | Iterable[str] | None) -> list[str]:
    if stages is None:
        return list(STAGES)
    names = [s.strip() for s in (stages.split(",") if isinstance(stages, str) else stages)]
    unknown = [s for s in names if s not in STAGES]
    if unknown or not names:
        raise ValueError(f"unknown stage(s) {', '.join(unknown)}; use some of {', '.join(STAGES)}")
    return [s for s in STAGES if s in names]


class Pipeline:
    """Build once (rule files are read and validated here), then clean many documents.

    A pipeline may be shared by threads: rules hold no per-document state (it lives in
    a ``_Document`` per call), and the counts of each document are merged into
    ``stats`` under a lock when the document is done."""

    def __init__(
        self,
        *,
        rules_dir: Path | str | None = None,
        stages: str | Iterable[str] | None = None,
        overrides: dict[str, dict[str, dict[str, Any]]] | None = None,
        passes: int = MAX_PASSES,
    ) -> None:
        if passes < 1:
            raise ValueError(f"passes must be at least 1, not {passes}")
        self.passes = passes
        rdir = Path(rules_dir) if rules_dir is not None else None
        overrides = overrides or {}
        for name in overrides:
            if name not in STAGES:
                raise ValueError(f"unknown stage {name!r} in options")
        self.stages = [
            Stage(name, load_stage(name, rule_classes(name), rdir, overrides.get(name)))
            for name in parse_stages(stages)
        ]
        self.stats = Stats()
        self._lock = threading.Lock()

    @property
    def rules(self) -> list[Rule]:
        return [r for s in self.stages for r in s.rules]

    def warm_up(self) -> None:
        """Load every model the active rules may need (before forking workers)."""
        for stage in self.stages:
            for rule in stage.active:
                rule.warm_up()
        compile_pending()  # the shipped patterns (any pipeline's: they are few)

    def rule_order(self) -> list[tuple[str, str]]:
        """Every (stage, rule) a summary may name, in pipeline order."""
        return [(s.name, r.id) for s in self.stages for r in s.rules] + [UNSETTLED]

    def _clean_block(self, block: Block, doc: _Document) -> str:
        """Run the stages over the block, and again over their output while a pass
        still changes it (a later rule can make the context an earlier rule acts on:
        a removed marker joins two marks, a conversion completes a mojibake run)."""
        ctx = BlockContext(
            doc.path, block.index, block.start, block.is_last, block.before, block.after,
            block.open_start, block.open_end,
        )  # fmt: skip
        offsets = OffsetMap()
        log: list[Applied] = []
        text = block.text
        passes = Passes([r for s in self.stages for r in s.active])
        for n in range(self.passes):
            done = len(log)
            for stage, states in zip(self.stages, doc.states_for(n), strict=True):
                text = stage.run(text, ctx, states, offsets, log, passes)
            if len(log) == done:
                break
            passes.later = True
        else:
            if self.passes > 1:
                doc.unsettled(block, log[done:])
        for applied in log:
            doc.count(applied)
            if doc.sink is not None:
                doc.emit(applied, offsets, block.start)
        doc.out_pos += len(text)
        return text

    def clean_stream(
        self,
        read: Callable[[int], str],
        path: str = "-",
        sink: ChangeSink | None = None,
        stats: Stats | None = None,
        paused: Callable[[], bool] | None = None,
    ) -> Iterator[str]:
        """Clean one document read by ``read(n)``; yields output as blocks complete.

        Counts go to ``stats`` if given, else to the pipeline's ``stats``; ``paused``
        ends a block where live input pauses (see cleaner.core.blocks)."""
        doc = _Document(self, path, sink)
        measured = doc.stats
        measured.documents = 1
        try:
            for block in iter_blocks(read, paused=paused):
                started = time.perf_counter()
                out = self._clean_block(block, doc)
                measured.seconds += time.perf_counter() - started
                measured.bytes_in += _utf8_size(block.text)
                measured.bytes_out += _utf8_size(out)
                measured.chars_in += len(block.text)
                measured.chars_out += len(out)
                yield out
            doc.report_unchanged(self)
        finally:
            doc.stats.docs.update(doc.stats.changes.keys() | doc.stats.reported.keys())
            if stats is not None:
                stats.merge(doc.stats)
            else:
                with self._lock:
                    self.stats.merge(doc.stats)

    def clean_text(
        self,
        text: str,
        path: str = "-",
        sink: ChangeSink | None = None,
        stats: Stats | None = None,
    ) -> str:
        if not isinstance(text, str):  # bytes, a number: no text to clean (or decode it)
            kind = type(text).__name__
            hint = " (decode it first, or clean the file with the CLI)" if kind == "bytes" else ""
            raise TypeError(f"clean: text must be str, not {kind}{hint}")
        pos = 0

        def read(n: int) -> str:
            nonlocal pos
            chunk = text[pos : pos + n]
            pos += n
            return chunk

        return "".join(self.clean_stream(read, path, sink, stats))


def _utf8_size(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


class _Document:
    """One document being cleaned: the rules' states, its counts, and how much output
    has been written (records carry their position in the text being cleaned, so
    that applying them in order replays the run: see ``cleaner.core.replay``)."""

    def __init__(self, pipeline: Pipeline, path: str, sink: ChangeSink | None) -> None:
        self.path = path
        self.sink = sink
        self._stages = pipeline.stages
        self.states = [stage.new_states(path) for stage in pipeline.stages]
        self._later: list[list[list[Any]]] = []  # the states of passes after the first
        self.stats = Stats()
        self.out_pos = 0  # output characters of the blocks already done

    def states_for(self, n: int) -> list[list[Any]]:
        """Pass ``n``'s rule states: fresh for each pass, since a pass reads the text the
        one before it wrote (repeated_paragraph must not meet its own paragraphs)."""
        if n == 0:
            return self.states
        while len(self._later) < n:
            self._later.append([stage.new_states(self.path) for stage in self._stages])
        return self._later[n - 1]

    def unsettled(self, block: Block, last: list[Applied]) -> None:
        """The last pass still changed the block: kept as it is, and reported."""
        stage, rule = last[0].stage, last[0].rule
        self.stats.reported[UNSETTLED] += 1
        if self.sink is not None:
            passes = len(self._later) + 1
            note = {"unchanged": True, "passes": passes, "last_rule": f"{stage}.{rule}"}
            self.sink(Change(self.path, *UNSETTLED, block.start,
                             block.start + len(block.text), "", "", note))  # fmt: skip

    def count(self, applied: Applied) -> None:
        edits = applied.edits
        named = [e for e in edits if e.rule]
        # most edits carry no rule of their own: count those in one step
        if len(named) < len(edits):
            total = sum(map(_COUNT, edits)) - sum(map(_COUNT, named))
            self.stats.add(applied.stage, applied.rule, total)
        for e in named:
            self.stats.add(applied.stage, e.rule or applied.rule, e.count)
        if named:
            for e in edits:
                self.stats.chars[(applied.stage, e.rule or applied.rule)] += e.changed
        else:
            self.stats.chars[(applied.stage, applied.rule)] += sum(e.changed for e in edits)
        self._example(applied)

    def _example(self, applied: Applied) -> None:
        """Keep the first whole change of each rule, for the summary."""
        rules = [applied.rule]  # most edits carry no rule of their own
        if any(e.rule for e in applied.edits):
            rules = list(dict.fromkeys(e.rule or applied.rule for e in applied.edits))
        for rule in rules:
            key = (applied.stage, rule)
            if key not in self.stats.examples:
                self.stats.examples[key] = whole_change(applied.seen, applied.edits, rule)

    def emit(self, applied: Applied, offsets: OffsetMap, base: int) -> None:
        assert self.sink is not None
        delta = self.out_pos  # where this layer's text starts in the text being cleaned
        for e in applied.edits:
            start = offsets.to_input(e.start, depth=applied.depth)
            end = offsets.to_input(e.end, depth=applied.depth, is_end=True)
            before = applied.seen[e.start : e.end]
            self.sink(
                Change(
                    self.path,
                    applied.stage,
                    e.rule or applied.rule,
                    base + start,
                    base + max(start, end),
                    before,
                    e.after,
                    e.note,
                    at=delta + e.start,
                )
            )
            delta += len(e.after) - len(before)

    def report_unchanged(self, pipeline: Pipeline) -> None:
        """Count what rules found but left as it was; records have before == after."""
        for stage, states in zip(pipeline.stages, self.states, strict=True):
            for rule, state in zip(stage.active, states, strict=True):
                found = rule.reports(state)
                if not found:
                    continue
                self.stats.reported[(stage.name, rule.id)] += len(found)
                if self.sink is None:
                    continue
                for item in found:
                    text, offset = item["text"], item["offset"]
                    note = {k: v for k, v in item.items() if k not in ("text", "offset", "path")}
                    note["unchanged"] = True
                    self.sink(Change(self.path, stage.name, rule.id, offset,
                                     offset + len(text), text, text, note))  # fmt: skip
