"""Measure the pinyin rule on the ruby damage set (data/ruby/, made by real extractors).

Per record: annotations the extractor printed, those left after cleaning (text the
output has and the truth lacks, one per stretch, spaces alone aside), genuine
parenthesised groups of the truth that the output lost, and whether the paragraph
came back exactly. The
baseline is the rule with ``local = false``: the document density gate alone.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import regex

from cleaner.core.pipeline import Pipeline
from cleaner.stages import rule_classes

SET = Path(__file__).parent / "data" / "ruby" / "ruby_set.jsonl.gz"
PDF_SET = SET.with_name("ruby_pdf_set.jsonl.gz")  # the same pages printed and read back
RUBY_RULES = ("pinyin", "reading_lines")
READING_TEXT = regex.compile(r"[\p{Latin}\p{Mn}\d]+|[\u3105-\u312F\u31A0-\u31BFˊˇˋ˙]+")
PAREN_GROUP = regex.compile(r"[(（][^()（）\n]{1,40}[)）]")
# a full-width parenthesised reading after a Han character: an annotation folded
FOLDED = regex.compile(r"\p{Han}（(?:[\p{Latin}\p{Mn}]{1,8}[1-5]?|˙?[\u3105-\u312F]{1,4}[ˊˇˋ˙]?)）")


def records(path: Path = SET) -> Iterator[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def pinyin_only(rules: tuple[str, ...] = RUBY_RULES, **params: Any) -> Pipeline:
    """The encoding stage with only the ruby rules on (``params``: the pinyin rule's)."""
    ids = [c.id for c in rule_classes("encoding")]
    overrides: dict[str, dict[str, Any]] = {r: {"enabled": r in rules} for r in ids}
    overrides["pinyin"].update(params)
    return Pipeline(stages=["encoding"], overrides={"encoding": overrides})


@dataclass
class Tally:
    paragraphs: int = 0
    annotations: int = 0
    left: int = 0
    genuine_touched: int = 0
    exact: int = 0
    folded: int = 0

    def add(self, other: Tally) -> None:
        for k in self.__dataclass_fields__:
            setattr(self, k, getattr(self, k) + getattr(other, k))

    @property
    def removed(self) -> float:
        return 1 - self.left / self.annotations if self.annotations else 1.0


def score(rec: dict[str, Any], out: str) -> Tally:
    truth = rec["truth"]
    ops = SequenceMatcher(None, truth, out, autojunk=False).get_opcodes()
    # readings in the stretches the output adds: words of letters or zhuyin (not spaces
    # alone, as a separator-joined page leaves around an annotation it keeps, nor
    # characters a PDF extractor wrapped elsewhere); a row run together counts once
    left = sum(
        len(READING_TEXT.findall(out, c, d))
        for op, _, _, c, d in ops
        if op in ("insert", "replace")
    )
    # spaces aside: a PDF extractor spaces characters out (（电 动）), the rule does not
    want = Counter(g.replace(" ", "") for g in PAREN_GROUP.findall(truth))
    got = Counter(g.replace(" ", "") for g in PAREN_GROUP.findall(out))
    touched = sum(max(0, n - got[g]) for g, n in want.items())
    return Tally(1, rec["annotations"], min(left, rec["annotations"]), touched, int(out == truth))


@dataclass
class Report:
    by_form: dict[str, Tally] = field(default_factory=dict)
    by_extractor: dict[str, Tally] = field(default_factory=dict)
    by_form_extractor: dict[tuple[str, str], Tally] = field(default_factory=dict)
    total: Tally = field(default_factory=Tally)


def measure(pipeline: Pipeline, stage: Pipeline | None = None, path: Path = SET) -> Report:
    """Clean every record (each a document of its own) and tally per form and extractor.
    With ``stage`` (the whole encoding stage), also count annotations left folded."""
    rep = Report()
    for rec in records(path):
        out = pipeline.clean_text(rec["damaged"], path=rec["id"])
        t = score(rec, out)
        if stage is not None:
            after = stage.clean_text(rec["damaged"], path=rec["id"])
            clean = stage.clean_text(rec["truth"], path=rec["id"])
            t.folded = max(0, len(FOLDED.findall(after)) - len(FOLDED.findall(clean)))
        form = f"{rec['style']}-{'rp' if rec['rp'] else 'bare'}-{rec['coverage']}"
        rep.by_form.setdefault(form, Tally()).add(t)
        for name in rec["extractors"]:
            rep.by_extractor.setdefault(name, Tally()).add(t)
            rep.by_form_extractor.setdefault((form, name), Tally()).add(t)
        rep.total.add(t)
    return rep
