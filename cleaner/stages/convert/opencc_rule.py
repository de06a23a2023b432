"""opencc: convert between scripts with an OpenCC configuration.

``to`` names a target script; each run of lines is converted with the
configuration for the script it is written in, and text already in the target
script is left alone (the screen in detect.py). ``config`` names an OpenCC
configuration and overrides ``to``; it converts every line, exactly as OpenCC
does (OpenCC's own test suite runs through it). Overrides (overrides.py) are
swapped for placeholders before conversion and put in after, so that they win in
every configuration.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from cleaner.core.edits import Edit, apply_edits
from cleaner.core.rule import BaseParams, BlockContext, ParamError, Rule, Span, param
from cleaner.stages.convert.backend import BackendError, Converter, make_converter
from cleaner.stages.convert.configs import (
    SIMPLIFIED,
    TARGETS,
    TRADITIONAL,
    config_names,
    source_script,
)
from cleaner.stages.convert.detect import other, plan
from cleaner.stages.convert.diff import Differ
from cleaner.stages.convert.foreign import foreign_lines, kept_in
from cleaner.stages.convert.overrides import Overrides, OverrideTable
from cleaner.stages.convert.strays import stray_runs
from cleaner.stages.convert.tables import common_candidates, load

UNITS = ("line", "char", "run")
Segment = tuple[int, int, str | None]  # start, end, the configuration (None: kept)
PUA = range(0xE000, 0xF900)


@lru_cache(maxsize=64)
def _converter(config: str) -> Converter:
    return make_converter(config)


class OpenCCConvert(Rule):
    """Convert the script with an OpenCC configuration (--to / --config)."""

    id = "opencc"
    converts_once = True  # converting converted text again is not what was asked
    stage = "convert"

    @dataclass
    class Params(BaseParams):
        to: str = param("keep", choices=tuple(TARGETS), what="target")
        # an OpenCC configuration name ("" for none): not a path, so that a rule file
        # or an option cannot point the converter at an arbitrary file
        config: str = param(
            "",
            choices=lambda: ["", *config_names()],
            what="OpenCC configuration",
        )
        screen: bool = True
        unit: str = param("run", choices=UNITS, what="unit")
        ambiguity: bool = False
        # a character is noted only where at least two of its candidates are this
        # common (log frequency per character, the decoder's table): not rare variants
        ambiguity_min_logp: float = param(-12.0, le=0.0)
        # with `to`, a line whose kana and Hangul are at least this share of its kana,
        # Hangul and Han characters is Japanese or Korean and kept (1 converts them too)
        japanese_korean_share: float = param(0.2, ge=0.0, le=1.0)

    params: Params

    def setup(self) -> None:
        p = self.params
        # (source script or None for "everything", config)
        self.routes: list[tuple[str | None, str]] = []
        if p.config:  # exactly OpenCC: every line
            self.routes = [(None, p.config)]
        else:
            s_cfg, t_cfg = TARGETS[p.to]
            routed = bool(s_cfg and t_cfg)  # two configurations: the screen picks one
            if s_cfg:
                self.routes.append((SIMPLIFIED if p.screen or routed else None, s_cfg))
            if t_cfg:
                self.routes.append((TRADITIONAL if p.screen or routed else None, t_cfg))
        self.converters: dict[str, Converter] = {}
        self.differs: dict[str, Differ] = {}
        for _, cfg in self.routes:
            try:
                self.converters[cfg] = _converter(cfg)
            except BackendError as e:
                raise ParamError(
                    "config" if p.config else "to", str(e), "see `cleaner info`"
                ) from e
            src = source_script(cfg)
            multi = None
            if p.ambiguity and src is not None:
                multi = common_candidates(
                    load()["st_multi" if src == SIMPLIFIED else "ts_multi"],
                    p.ambiguity_min_logp,
                )
            self.differs[cfg] = Differ(p.unit, multi)
        self.main = self.routes[0][1] if self.routes else ""
        self.tables: dict[str, OverrideTable | None] = {}
        self.overrides: list[Overrides] = []

    def link(self, siblings: list[Rule]) -> None:
        """Take the stage's override rules: they are applied around the conversion."""
        self.overrides = [
            r
            for r in siblings
            if isinstance(r, Overrides) and r.params.enabled and r.params.phrases
        ]
        for r in self.overrides:
            r.owner = self

    @property
    def converting(self) -> bool:
        return self.params.enabled and bool(self.routes)

    def segments(self, text: str, within: list[Span] | None = None) -> list[Segment]:
        """Sorted spans covering ``text``: (start, end, config or None to keep); with
        ``within``, only the parts of them inside those spans (the script of each
        line is still judged over the whole text)."""
        spans: list[tuple[int, int, str]] = []
        for src, cfg in self.routes:
            if src is None:
                spans = [(0, len(text), cfg)]
                break
            spans.extend((a, b, cfg) for a, b in plan(text, src))
        spans.sort()
        out: list[Segment] = []
        pos = 0
        for a, b, cfg in spans:
            if a < pos:  # plans of the two scripts never overlap; be safe
                continue
            if a > pos:
                out.append((pos, a, None))
            out.append((a, b, cfg))
            pos = b
        if pos < len(text):
            out.append((pos, len(text), None))
        if not self.params.config and self.params.japanese_korean_share < 1:
            out = kept_in(out, foreign_lines(text, self.params.japanese_korean_share))
        if within is None:
            return self._split_strays(text, out)
        return clipped(self._split_strays(text, clipped(out, within, whole=True)), within)

    def _split_strays(self, text: str, segs: list[Segment]) -> list[Segment]:
        """``segs`` with the other script's characters in each converted segment (and
        the unmarked ones around them) given to that script's configuration, where
        both scripts are converted (taiwan, hongkong: strays.py). Text left alone
        (already in the target script, or as much of both) stays so."""
        by_script = {src: cfg for src, cfg in self.routes if src is not None}
        if len(by_script) < 2:
            return segs
        script_of = {cfg: src for src, cfg in by_script.items()}
        out: list[Segment] = []
        for a, b, cfg in segs:
            if cfg is None:
                out.append((a, b, cfg))
                continue
            stray = other(script_of[cfg])
            pos = a
            for x, y in stray_runs(text, a, b, stray, script_of[cfg]):
                if x > pos:
                    out.append((pos, x, cfg))
                out.append((x, y, by_script[stray]))
                pos = y
            if pos < b:
                out.append((pos, b, cfg))
        return out

    def _table(self, config: str) -> OverrideTable | None:
        """The overrides that apply in ``config``, as one table (cached)."""
        if config not in self.tables:
            active: list[Overrides] = [r for r in self.overrides if r.applies(config)]
            self.tables[config] = OverrideTable(active) if active else None
        return self.tables[config]

    def find(self, text: str, ctx: BlockContext) -> list[Edit]:
        return self._convert(text, self.segments(text)) if self.routes else []

    def find_within(self, text: str, spans: list[Span], ctx: BlockContext) -> list[Edit]:
        """Convert the stretches other rules changed since the conversion ran (a run
        utf8_as_gbk decoded): each as it reads on its own (one repaired run is one
        piece of the original), unless the next run would then convert more in its
        lines; then as its lines read in the block as they now stand, as the next run
        will read them. Alone, 营个 against 鎮習 is a tie, left as it is, that its
        mostly Traditional line converts."""
        if not self.routes:
            return []
        alone = [self._convert(text, self._segments_alone(text, s, t)) for s, t in spans]
        lines = _LineNumbers(text)
        unsettled = self._unsettled_lines(text, lines, spans, [e for ed in alone for e in ed])
        out: list[Edit] = []
        for (start, end), edits in zip(spans, alone, strict=True):
            if not unsettled.isdisjoint(lines.between(start, end)):
                edits = self._convert(text, self.segments(text, [(start, end)]))
            out.extend(edits)
        return out

    def _segments_alone(self, text: str, start: int, end: int) -> list[Segment]:
        """The segments of ``text[start:end]`` judged on its own, in ``text``'s terms."""
        return [(start + a, start + b, cfg) for a, b, cfg in self.segments(text[start:end])]

    def _unsettled_lines(
        self, text: str, lines: _LineNumbers, spans: list[Span], edits: list[Edit]
    ) -> set[int]:
        """The numbers of the lines holding ``spans`` where, with ``edits`` made, the
        conversion would change more (what the next run would do). The conversion
        keeps line breaks, so a line has the same number before and after."""
        after = apply_edits(text, edits)
        now = _LineNumbers(after)
        numbers = sorted({n for s, t in spans for n in lines.between(s, t)})
        more = self._convert(after, self.segments(after, [now.span(n) for n in numbers]))
        return {n for e in more for n in now.between(e.start, e.end)}

    def _convert(self, text: str, segments: list[Segment]) -> list[Edit]:
        out: list[Edit] = []
        for start, end, cfg in segments:
            table = self._table(cfg or self.main) if self.overrides else None
            matches = list(table.regex.finditer(text, start, end)) if table else []
            if cfg is None:
                if table is not None:
                    out.extend(table.edits(matches))
                continue
            convert, differ = self.converters[cfg], self.differs[cfg]
            if not matches:
                out.extend(differ.edits(text[start:end], convert(text[start:end]), start))
                continue
            # hold each override match by a placeholder while OpenCC runs
            segment = text[start:end]
            mark = next(chr(c) for c in PUA if chr(c) not in segment)
            parts: list[str] = []
            pos = start
            for m in matches:
                parts.append(text[pos : m.start()])
                pos = m.end()
            parts.append(text[pos:end])
            converted = convert(mark.join(parts)).split(mark)
            if len(converted) != len(parts):  # the converter moved a placeholder: never seen
                raise RuntimeError(f"OpenCC did not keep placeholder {mark!r} in place")
            pos = start
            assert table is not None
            for i, (a, b) in enumerate(zip(parts, converted)):  # noqa: B905 - checked above
                out.extend(differ.edits(a, b, pos))
                if i < len(matches):
                    out.extend(table.edits(matches[i : i + 1]))
                    pos = matches[i].end()
        return out


class _LineNumbers:
    """Line numbers of positions in one text, and the span of a line."""

    def __init__(self, text: str) -> None:
        self.breaks = [m.start() for m in re.finditer("\n", text)]
        self.length = len(text)

    def between(self, start: int, end: int) -> range:
        """The numbers of the lines ``text[start:end]`` touches."""
        return range(bisect_left(self.breaks, start), bisect_left(self.breaks, end) + 1)

    def span(self, number: int) -> Span:
        start = self.breaks[number - 1] + 1 if number else 0
        end = self.breaks[number] if number < len(self.breaks) else self.length
        return start, end


def clipped(segments: list[Segment], spans: list[Span], whole: bool = False) -> list[Segment]:
    """The parts of ``segments`` (sorted, apart) inside ``spans`` (sorted, apart); with
    ``whole``, each segment that overlaps a span, whole.

    >>> clipped([(0, 4, "s2t"), (4, 9, None)], [(2, 5), (7, 8)])
    [(2, 4, 's2t'), (4, 5, None), (7, 8, None)]
    >>> clipped([(0, 4, "s2t"), (4, 9, None)], [(7, 8)], whole=True)
    [(4, 9, None)]
    """
    out: list[Segment] = []
    j = 0
    for a, b, cfg in segments:
        while j < len(spans) and spans[j][1] <= a:
            j += 1
        k = j
        while k < len(spans) and spans[k][0] < b:
            if whole:
                out.append((a, b, cfg))
                break
            out.append((max(a, spans[k][0]), min(b, spans[k][1]), cfg))
            k += 1
    return out
