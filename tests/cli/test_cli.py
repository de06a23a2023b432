"""The installed `cleaner` command on real files, in a subprocess."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import ROOT

SEEDS = ROOT / "seeds"
DATA = Path(__file__).parent / "data"
RECORD_KEYS = {"path", "stage", "rule", "start", "end", "before", "after"}


def _digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_filter_mode_converts_stdin(cleaner: Any) -> None:
    r = cleaner("clean", "--to", "simplified", stdin="後面的頭髮\n".encode())
    assert r.returncode == 0, r.stderr.decode()
    assert r.stdout.decode() == "后面的头发\n"


def test_dash_is_stdin(cleaner: Any) -> None:
    r = cleaner("clean", "-", "--to", "traditional", stdin="后面的头发\n".encode())
    assert r.returncode == 0 and r.stdout.decode() == "後面的頭髮\n"


def test_seeds_tree_with_explain(cleaner: Any, tmp_path: Path) -> None:
    before = _digest(SEEDS)
    out, explain = tmp_path / "out", tmp_path / "x.jsonl"
    r = cleaner("clean", SEEDS, "-o", out, "--to", "simplified", "--explain", explain)
    assert r.returncode == 0, r.stderr.decode()
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert _digest(SEEDS) == before, "inputs were modified"
    records = [json.loads(line) for line in explain.read_text(encoding="utf-8").splitlines()]
    assert records, "no change recorded"
    for rec in records:
        assert rec.keys() >= RECORD_KEYS
        assert isinstance(rec["start"], int) and rec["start"] <= rec["end"]
        assert Path(rec["path"]).parent == SEEDS
    summary = r.stderr.decode()
    rules = {f"{rec['stage']}.{rec['rule']}" for rec in records}
    for rule in rules:
        assert rule in summary, f"{rule} missing from the summary"


def test_tree_mirrors_relative_paths_and_glob(cleaner: Any, tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "a" / "b").mkdir(parents=True)
    (src / "a" / "b" / "x.txt").write_text("甲,,乙\n", encoding="utf-8")
    (src / "c.txt").write_text("丙\n", encoding="utf-8")
    (src / "d.md").write_text("丁\n", encoding="utf-8")
    out = tmp_path / "out"
    r = cleaner("clean", src, "-o", out, "--quiet")
    assert r.returncode == 0, r.stderr.decode()
    assert sorted(_digest(out)) == ["a/b/x.txt", "c.txt"]
    assert r.stderr == b""
    r = cleaner("clean", src, "-o", tmp_path / "md", "--glob", "*.md", "-q")
    assert sorted(_digest(tmp_path / "md")) == ["d.md"]


def test_output_inside_input_tree_is_not_cleaned_again(cleaner: Any, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("甲\n", encoding="utf-8")
    assert cleaner("clean", tmp_path, "-o", tmp_path / "out", "-q").returncode == 0
    assert cleaner("clean", tmp_path, "-o", tmp_path / "out", "-q").returncode == 0
    assert sorted(_digest(tmp_path / "out")) == ["a.txt"]


def test_in_place_rewrites_inputs_only_when_asked(cleaner: Any, tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("頭髮,。\n", encoding="utf-8")
    assert cleaner("clean", f, "-o", f.parent).returncode == 2  # would overwrite the input
    r = cleaner("clean", f, "--in-place", "--to", "simplified", "-q")
    assert r.returncode == 0, r.stderr.decode()
    assert f.read_text(encoding="utf-8") == "头发。\n"


def test_file_without_output_goes_to_stdout(cleaner: Any, tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("頭髮\n", encoding="utf-8")
    r = cleaner("clean", f, "--to", "simplified")
    assert r.stdout.decode() == "头发\n" and f.read_text(encoding="utf-8") == "頭髮\n"


@pytest.mark.parametrize(
    "case", json.loads((DATA / "broken_rules.json").read_text()), ids=lambda c: c["label"]
)
@pytest.mark.parametrize("command", ["clean", "check"])
def test_broken_rule_file_exits_2_naming_file_and_line(
    cleaner: Any, tmp_path: Path, case: dict[str, str], command: str
) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / case["file"]).write_text(case["text"], encoding="utf-8")
    if command == "clean":
        r = cleaner("clean", "--rules", rules, stdin="甲\n".encode())
    else:
        r = cleaner("rules", "check", rules)
    err = r.stderr.decode()
    assert r.returncode == 2, err
    assert case["where"] in err and case["says"] in err and "fix:" in err
    assert "Traceback" not in err and r.stdout == b""


def test_rules_check_accepts_the_defaults_and_a_partial_folder(
    cleaner: Any, tmp_path: Path
) -> None:
    assert cleaner("rules", "check", ROOT / "rules").returncode == 0
    (tmp_path / "convert.toml").write_text('[opencc]\nto = "simplified"\n', encoding="utf-8")
    r = cleaner("rules", "check", tmp_path)
    assert r.returncode == 0 and b"ok" in r.stdout
    r = cleaner("clean", "--rules", tmp_path, stdin="頭髮\n".encode())
    assert r.stdout.decode() == "头发\n", "a user folder's table must be laid over the defaults"


def test_rules_list_shows_every_rule(cleaner: Any) -> None:
    from cleaner.stages import STAGES, rule_classes

    r = cleaner("rules", "list")
    assert r.returncode == 0
    lines = [ln for ln in r.stdout.decode().splitlines() if not ln.startswith(" ")]  # not params
    expected = [(stage, c.id) for stage in STAGES for c in rule_classes(stage)]
    assert [tuple(line.split()[:2]) for line in lines] == expected


def test_switching_a_rule_off(cleaner: Any, tmp_path: Path) -> None:
    def run(*args: str | Path) -> str:
        r = cleaner("clean", "--stages", "encoding", *args, stdin="甲，，乙".encode())
        assert r.returncode == 0, r.stderr.decode()
        return str(r.stdout.decode())

    assert run() == "甲，乙"  # the doubled comma made one
    (tmp_path / "encoding.toml").write_text("[doubled_punct]\nenabled = false\n", encoding="utf-8")
    assert run("--rules", tmp_path) == "甲，，乙"
    assert run("--set", "encoding.doubled_punct.enabled=false") == "甲，，乙"


def test_stages_option_runs_only_those(cleaner: Any) -> None:
    r = cleaner("clean", "--stages", "convert", "--to", "simplified", stdin="頭髮,,\n".encode())
    assert r.stdout.decode() == "头发,,\n"
    r = cleaner("clean", "--stages", "nonsense", stdin=b"x")
    assert r.returncode == 2 and b"unknown stage" in r.stderr


def test_version_and_help(cleaner: Any) -> None:
    r = cleaner("--version")
    assert r.returncode == 0 and r.stdout.decode().startswith("cleaner ")
    helptext = cleaner("clean", "--help").stdout.decode()
    for target in ("simplified", "traditional", "taiwan", "hongkong", "keep"):
        assert target in helptext


def test_jsonl_cleans_one_field_and_passes_bad_lines_through(cleaner: Any) -> None:
    lines = [
        json.dumps({"id": 1, "text": "後面的頭髮", "meta": "頭髮"}, ensure_ascii=False),
        "not json",
        json.dumps({"id": 2, "body": "頭髮"}, ensure_ascii=False),
    ]
    r = cleaner("clean", "--jsonl", "--to", "simplified", stdin="\n".join(lines).encode())
    assert r.returncode == 0, r.stderr.decode()
    out = r.stdout.decode().splitlines()
    assert json.loads(out[0]) == {"id": 1, "text": "后面的头发", "meta": "頭髮"}
    assert out[1:] == lines[1:]
    assert b"-:2: not JSON" in r.stderr and b"-:3: no string field 'text'" in r.stderr
    r = cleaner("clean", "--jsonl", "--field", "body", "--to", "simplified",
                stdin=lines[2].encode())  # fmt: skip
    assert json.loads(r.stdout) == {"id": 2, "body": "头发"}


def test_parallel_jobs_give_the_same_output_and_records(cleaner: Any, tmp_path: Path) -> None:
    args = ["clean", SEEDS, "--to", "simplified", "-q"]
    assert cleaner(*args, "-o", tmp_path / "a", "--explain", tmp_path / "a.jsonl").returncode == 0
    r = cleaner(*args, "-o", tmp_path / "b", "--explain", tmp_path / "b.jsonl", "--jobs", "2")
    assert r.returncode == 0, r.stderr.decode()
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()


def test_workers_start_warm_with_the_runs_pipeline(tmp_path: Path) -> None:
    """-j 2 on Linux: workers are forked from the run after it loaded the models, and
    never build a pipeline of their own (building one here fails the run)."""
    import subprocess
    import sys

    code = (
        "import cleaner.cli.parallel as p\n"
        "def refuse(opts): raise SystemExit('a worker built its own pipeline')\n"
        "p.build_pipeline = refuse\n"
        "from cleaner.cli.main import app\n"
        "app()\n"
    )
    args = ["clean", str(SEEDS), "-o", str(tmp_path / "out"), "-j", "2", "--to", "simplified"]
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode()
    assert len(list((tmp_path / "out").glob("*.txt"))) == len(list(SEEDS.glob("*.txt")))
    assert "2 workers" in done.stderr.decode()


def test_jobs_default_to_the_cores_for_a_large_tree_only(cleaner: Any, tmp_path: Path) -> None:
    """No -j: one worker per core (at most one per file) for a tree of 8 MB or more, one
    process for a small tree (a worker's start-up costs more than it saves there)."""
    import gzip
    import os

    from cleaner.cli.clean_cmd import AUTO_JOBS_BYTES

    laws = ROOT / "bench" / "data" / "law_sentences.txt.gz"
    text = gzip.decompress(laws.read_bytes()).decode("utf-8")
    (tmp_path / "big").mkdir()
    (tmp_path / "big" / "a.txt").write_text(text * 2, encoding="utf-8")
    (tmp_path / "big" / "b.txt").write_text(text, encoding="utf-8")
    assert len(text.encode("utf-8")) * 3 >= AUTO_JOBS_BYTES
    args = ["clean", "--stages", "convert", "--to", "traditional"]
    big = cleaner(*args, tmp_path / "big", "-o", tmp_path / "out")
    serial = cleaner(*args, tmp_path / "big", "-o", tmp_path / "serial", "-j", "1")
    small = cleaner(*args, SEEDS, "-o", tmp_path / "small")
    assert big.returncode == serial.returncode == small.returncode == 0
    workers = min(len(os.sched_getaffinity(0)), 2)
    first = big.stderr.decode().splitlines()[0]
    assert first.endswith(f" MB/s, {workers} workers)") if workers > 1 else "workers" not in first
    assert "workers" not in serial.stderr.decode() and "workers" not in small.stderr.decode()
    assert _digest(tmp_path / "out") == _digest(tmp_path / "serial")


def test_the_default_worker_count_stats_each_input_once(tmp_path: Path) -> None:
    """No -j: the inputs' sizes choose the worker count; each input is stat'ed once for it,
    and the workers run with that count (the 8 MB threshold lowered to 0, 2 cores said;
    run_parallel replaced by a probe, so no worker starts)."""
    import subprocess
    import sys

    code = (
        "import collections, json, sys\n"
        "import cleaner.cli.clean_cmd as c, cleaner.cli.parallel as p, cleaner.cli.progress as g\n"
        "seen, size = collections.Counter(), g.input_size\n"
        "def counted(path): seen[path] += 1; return size(path)\n"
        "def probe(runner, jobs, tick):\n"
        "    got = [runner.opts.jobs, len(jobs), len(seen), sorted(set(seen.values()))]\n"
        "    print(json.dumps(got), file=sys.stderr)\n"
        "g.input_size, p.run_parallel, c.AUTO_JOBS_BYTES, c.cores = counted, probe, 0, lambda: 2\n"
        "from cleaner.cli.main import app\n"
        "app()\n"
    )
    args = ["clean", str(SEEDS), "-o", str(tmp_path / "out"), "-q"]
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode()
    n = len(list(SEEDS.glob("*.txt")))
    assert json.loads(done.stderr.decode().splitlines()[-1]) == [2, n, n, [1]]


def test_the_default_worker_count_splits_one_large_corpus_file(tmp_path: Path) -> None:
    """No -j, one JSON Lines file large enough to split (thresholds lowered): one worker
    per core (2 said), as for a tree; run_parallel replaced by a probe."""
    import subprocess
    import sys

    corpus = tmp_path / "c.jsonl"
    lines = next(SEEDS.glob("001_*.txt")).read_text("utf-8").splitlines()
    corpus.write_text("".join(json.dumps({"text": t}) + "\n" for t in lines * 200), "utf-8")
    assert corpus.stat().st_size > 2 << 20
    code = (
        "import sys\n"
        "import cleaner.cli.clean_cmd as c, cleaner.cli.parallel as p\n"
        "def probe(runner, jobs, tick):\n"
        "    print(runner.opts.jobs, [j.split for j in jobs], file=sys.stderr)\n"
        "p.run_parallel, c.AUTO_JOBS_BYTES, c.cores = probe, 0, lambda: 2\n"
        "from cleaner.cli.main import app\n"
        "app()\n"
    )
    args = ["clean", str(corpus), "--jsonl", "-o", str(tmp_path / "out.jsonl"), "-q"]
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stderr.decode().splitlines()[-1] == "2 [True]"


def test_api_clean_and_records() -> None:
    import cleaner

    assert cleaner.clean("後面的頭髮\n", to="simplified") == "后面的头发\n"
    result = cleaner.clean_with_changes("後面的頭髮,。\n", to="simplified")
    assert result.text == "后面的头发。\n"
    assert result.stats["encoding.stray_comma"] == 1
    assert {c.rule for c in result.changes} >= {"stray_comma", "opencc"}


def test_explain_records_conversion_per_character_with_alternatives(
    cleaner: Any, tmp_path: Path
) -> None:
    explain = tmp_path / "x.jsonl"
    r = cleaner("clean", "--to", "traditional", "--explain", explain, stdin="头发和发展\n".encode())
    assert r.stdout.decode() == "頭髮和發展\n"
    records = [json.loads(line) for line in explain.read_text(encoding="utf-8").splitlines()]
    got = [(x["start"], x["before"], x["after"]) for x in records]
    assert got == [(0, "头", "頭"), (1, "发", "髮"), (3, "发", "發")]
    assert records[1]["note"]["alternatives"] == ["發"]
    assert records[2]["note"]["alternatives"] == ["髮"]


def test_damage_left_unrepaired_is_counted_and_explained(cleaner: Any, tmp_path: Path) -> None:
    """A GBK-shifted stretch the rule cannot repair confidently stays as it is, but is
    counted in the summary and listed in --explain (before == after)."""
    explain = tmp_path / "x.jsonl"
    out = f"{tmp_path / 'out'}/"  # a folder
    r = cleaner("clean", DATA / "gbk_unrepaired.txt", "-o", out, "--explain", explain)
    assert r.returncode == 0, r.stderr.decode()
    assert "encoding.gbk_shift" in r.stderr.decode() and "left unchanged" in r.stderr.decode()
    records = [json.loads(line) for line in explain.read_text(encoding="utf-8").splitlines()]
    kept = [x for x in records if x["rule"] == "gbk_shift"]
    assert kept and all(x["before"] == x["after"] and x["note"]["unchanged"] for x in kept)
    assert kept[0]["before"] in (tmp_path / "out" / "gbk_unrepaired.txt").read_text("utf-8")
