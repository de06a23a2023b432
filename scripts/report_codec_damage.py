"""Report the encoding stage on the codec damage set (tests/encoding/data/codec_damage).

Per kind: paragraphs repaired exactly, character error rate (edit distance over the
clean text's length) before and after, U+FFFD left; then the changes made on clean
negative sets (ftfy's expected texts, mostly European; the seeds; clean news; the
set's own clean paragraphs) by the rules that repair codec damage.

    .venv/bin/python scripts/report_codec_damage.py [--kind KIND]
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from cleaner.core.pipeline import Pipeline
from cleaner.core.records import Change

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "encoding" / "data"
PAIRS = DATA / "codec_damage" / "pairs.jsonl"
# the damage destroyed bytes (a decoder wrote U+FFFD for them): the model guesses
LOSSY = {"gbk_replace", "gb18030_replace", "cp1252_replace", "partial_gbk", "first_line_gbk"}
# the rules whose changes on clean text count as false repairs
CODEC_RULES = {"html_leftovers", "legacy_mojibake", "utf8_as_gbk", "utf8_mojibake"}


@dataclass
class KindResult:
    total: int = 0
    exact: int = 0
    errors_before: int = 0
    errors_after: int = 0
    chars: int = 0
    lost_left: int = 0
    wrong: int = 0  # characters replaced by another (not U+FFFD) than the clean text's

    def line(self, kind: str) -> str:
        return (
            f"{kind:28} {self.exact:4}/{self.total:<4} exact ({self.exact / self.total:6.1%})"
            f"  CER {self.errors_before / self.chars:.3f} -> {self.errors_after / self.chars:.3f}"
            f"  U+FFFD left {self.lost_left}, wrong {self.wrong}"
            + ("  (lossy)" if kind in LOSSY else "")
        )


def pairs(kind: str | None = None) -> list[dict[str, str]]:
    rows = [json.loads(ln) for ln in PAIRS.read_text("utf-8").split("\n") if ln]
    return [r for r in rows if kind is None or r["kind"] == kind]


def measure(rows: list[dict[str, str]], pipeline: Pipeline) -> dict[str, KindResult]:
    out: dict[str, KindResult] = defaultdict(KindResult)
    for r in rows:
        got = pipeline.clean_text(r["damaged"])
        res = out[r["kind"]]
        res.total += 1
        res.exact += got == r["clean"]
        res.chars += len(r["clean"])
        res.errors_before += Levenshtein.distance(r["damaged"], r["clean"])
        res.errors_after += Levenshtein.distance(got, r["clean"])
        res.lost_left += got.count("\ufffd")
        ops = Levenshtein.editops(r["clean"], got)
        res.wrong += sum(op.tag == "replace" and got[op.dest_pos] != "\ufffd" for op in ops)
    return dict(out)


def negative_sets() -> dict[str, list[str]]:
    ftfy_cases = json.loads((DATA / "ftfy_test_cases.json").read_text("utf-8"))
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    clean = [json.loads(ln)["clean"] for ln in PAIRS.read_text("utf-8").split("\n") if ln]
    return {
        # ftfy's known failures left out: ftfy itself (which utf8_mojibake runs) breaks them
        "ftfy expected texts": [c["fixed"] for c in ftfy_cases if c["expect"] == "pass"],
        "seeds": [p.read_text("utf-8") for p in seeds],
        "clean news (gbk_clean_paragraphs)": (DATA / "gbk_clean_paragraphs.txt")
        .read_text("utf-8")
        .splitlines(),
        "the set's clean paragraphs": sorted(set(clean)),
    }


def false_repairs(texts: list[str], pipeline: Pipeline) -> list[Change]:
    found: list[Change] = []
    for t in texts:
        changes: list[Change] = []
        pipeline.clean_text(t, sink=changes.append)
        found += [
            c for c in changes if c.rule in CODEC_RULES and not (c.note or {}).get("unchanged")
        ]
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kind", help="one kind only")
    ap.add_argument("--show", type=int, default=0, help="print this many misses per kind")
    a = ap.parse_args()
    pl = Pipeline(stages=["encoding"])
    rows = pairs(a.kind)
    for kind, res in measure(rows, pl).items():
        print(res.line(kind))
        if a.show:
            misses = [
                r for r in rows if r["kind"] == kind and pl.clean_text(r["damaged"]) != r["clean"]
            ]
            for r in misses[: a.show]:
                print("   ", repr(r["damaged"][:60]), "->", repr(pl.clean_text(r["damaged"])[:60]))
    if a.kind:
        return
    for name, texts in negative_sets().items():
        found = false_repairs(texts, pl)
        print(f"negative: {name}: {len(texts)} texts, {len(found)} changes by codec rules")
        for c in found[:5]:
            print(f"    {c.rule}: {c.before!r} -> {c.after!r}")


if __name__ == "__main__":
    main()
