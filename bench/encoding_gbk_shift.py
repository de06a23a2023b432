"""gbk_shift throughput on adversarial input, per size (is time linear in the input?).

Corpora, built here from a seed (nothing committed):

* ``clean + questions``: the clean Simplified seeds' lines with a genuine folded question
  (``吗?``, ``什么?!``) every 100-300 characters, the common web case.
* ``dense ?+mark``: clean Simplified seed text with a genuine question (``吗?``, ``什么?!``,
  ``呢?,``) folded to ASCII after every few characters: every one opens the screen.
* ``random ?，鍚勫``: random characters from ``?，,。鍚勫``, the shape of a UTF-8-as-GBK page
  whose marks were folded.
* ``web 001/004 unique``: the damaged seeds 001 and 004 tiled, each copy with a few
  characters per paragraph swapped for others, so no two paragraphs repeat (a memo keyed
  on the text around a stretch never hits).

Each corpus is cut at 10K, 100K and 1M characters and fed to the rule in 256K blocks as
the pipeline does. Run from the repo root:

    .venv/bin/python bench/encoding_gbk_shift.py [--sizes 10000,100000,1000000]

For the figures before a change, put an older tree first on the path:
``PYTHONPATH=/tmp/old .venv/bin/python bench/encoding_gbk_shift.py`` (``git archive``).
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from pathlib import Path

import cleaner
from cleaner.core.rule import BlockContext
from cleaner.stages.encoding.gbk import GbkShift

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
BLOCK = 256 * 1024
SEED = 20261201
QUESTIONS = ["吗?", "什么?!", "呢?,", "吗??", "好吗?。", "是谁?;", "对吗?、", "为什么?!?"]


def seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text("utf-8")


def dense_questions(n: int, rng: random.Random) -> str:
    base = "".join(seed(p) for p in ("000", "002", "003")).replace("\n", "")
    out: list[str] = []
    size = 0
    while size < n:
        at = rng.randrange(len(base) - 40)
        piece = base[at : at + rng.randint(4, 30)] + rng.choice(QUESTIONS)
        if rng.random() < 0.05:
            piece += "\n"
        out.append(piece)
        size += len(piece)
    return "".join(out)[:n]


def random_chars(n: int, rng: random.Random) -> str:
    alphabet = "?，,。鍚勫"
    lines = []
    size = 0
    while size < n:
        line = "".join(rng.choices(alphabet, k=rng.randint(20, 400)))
        lines.append(line)
        size += len(line) + 1
    return "\n".join(lines)[:n]


def web_unique(n: int, rng: random.Random) -> str:
    paras = [p for p in (seed("001") + "\n" + seed("004")).split("\n") if p]
    han = [c for c in "".join(paras) if "\u4e00" <= c <= "\u9fff"]
    out: list[str] = []
    size = 0
    while size < n:
        for p in paras:
            chars = list(p)
            # one character swapped near each '?' (within the memo's window) and a few
            # elsewhere: every stretch is searched afresh
            spots = [i - 3 for i, c in enumerate(chars) if c == "?" and i >= 3]
            spots += [rng.randrange(len(chars)) for _ in range(1 + len(chars) // 40)]
            for i in spots:
                if "\u4e00" <= chars[i] <= "\u9fff":
                    chars[i] = rng.choice(han)
            out.append("".join(chars))
            size += len(p) + 1
    return "\n".join(out)[:n]


def clean_questions(n: int, rng: random.Random) -> str:
    """Clean Simplified lines with a genuine folded question every 100-300 characters."""
    lines = [ln for p in ("000", "002", "003") for ln in seed(p).split("\n") if ln]
    out: list[str] = []
    size = 0
    while size < n:
        line = rng.choice(lines)
        at = rng.randrange(len(line) + 1)
        line = line[:at] + rng.choice(QUESTIONS) + line[at:]
        out.append(line)
        size += len(line) + 1
    return "\n".join(out)[:n]


CORPORA = {
    "clean + questions": clean_questions,
    "dense ?+mark": dense_questions,
    "random ?，鍚勫": random_chars,
    "web 001/004 unique": web_unique,
}


def run(rule: GbkShift, text: str) -> tuple[float, int, int]:
    state = rule.new_state("bench")
    edits = 0
    t0 = time.process_time()
    for start in range(0, len(text), BLOCK):
        block = text[start : start + BLOCK]
        edits += sum(1 for _ in rule.find(block, BlockContext(start=start, state=state)))
    dt = time.process_time() - t0
    return dt, edits, len(rule.reports(state))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--corpora", default=",".join(CORPORA))
    a = ap.parse_args()
    sizes = [int(s) for s in a.sizes.split(",")]
    print(f"cleaner from {Path(cleaner.__file__).parent}")
    rule = GbkShift(GbkShift.Params())
    warm = web_unique(20000, random.Random(0))  # model and tables loaded outside the timings
    run(rule, warm)
    for name in a.corpora.split(","):
        for n in sizes:
            text = CORPORA[name](n, random.Random(SEED))
            mb = len(text.encode("utf-8")) / 1e6
            dt, edits, reported = run(rule, text)  # CPU time: the machine is shared
            print(
                f"{name:20} {n:>9,} chars {mb:7.2f} MB {dt:8.2f} s {mb / dt:8.2f} MB/s "
                f"{edits:6} edits {reported:6} reported",
                flush=True,
            )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
