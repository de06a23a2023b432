"""`cleaner diff`: each change in its context with its rule id; some rules only, the
risky ones only; an HTML report checked in a real headless browser."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.cli import browser
from tests.cli.conftest import CLEANER, ROOT

DATA = Path(__file__).parent / "data"
EXPECTED = (DATA / "diff_expected.txt").read_text(encoding="utf-8")
SEED_001 = ROOT / "seeds" / "001_cb1989d8750bc7f6.txt"


def test_diff_shows_each_change_with_its_rule(cleaner: Any) -> None:
    r = cleaner("diff", "diff_input.txt", "--to", "simplified", cwd=DATA)
    assert (r.returncode, r.stderr) == (0, b"")
    assert r.stdout.decode() == EXPECTED


def _lines_of(*rules: str, risky: bool = False) -> str:
    return "".join(
        line + "\n"
        for line in EXPECTED.splitlines()
        if line.split()[1] in rules or (risky and line.split()[2] == "risky")
    )


def test_diff_rules_only_and_risky(cleaner: Any) -> None:
    r = cleaner("diff", "diff_input.txt", "--to", "simplified",
                "--rules-only", "letter_spacing,encoding.stray_comma", cwd=DATA)  # fmt: skip
    assert r.stdout.decode() == _lines_of("layout.letter_spacing", "encoding.stray_comma")
    r = cleaner("diff", "diff_input.txt", "--to", "simplified", "--risky", cwd=DATA)
    assert r.stdout.decode() == _lines_of(risky=True)
    r = cleaner("diff", "diff_input.txt", "--rules-only", "dedup", cwd=DATA)
    assert (r.returncode, r.stderr.decode()) == (2, "error: --rules-only: no rule dedup\n")


def test_diff_shows_a_line_join_as_a_join(cleaner: Any) -> None:
    out = cleaner("diff", SEED_001.parent / "000_e4103a652e746033.txt").stdout.decode()
    assert "layout.unwrap  12日电 中共中央总[-⏎-]书记习近平 7月 1  (join: word)\n" in out


@pytest.mark.skipif(not browser.available(), reason="needs chromium and chromium-driver")
def test_html_report_in_a_browser(cleaner: Any, tmp_path: Path) -> None:
    shutil.copy(SEED_001, tmp_path / SEED_001.name)
    report = tmp_path / "report.html"
    r = cleaner("diff", SEED_001.name, "--to", "simplified", "--html", report, cwd=tmp_path)
    assert r.returncode == 0, r.stderr.decode()
    assert r.stdout == b""
    total = int(r.stderr.decode().split(": ")[1].split()[0])
    page = browser.Browser()
    try:
        page.open(report.as_uri())
        count = "return document.querySelectorAll('.change:not([hidden])').length"
        rules = "return [...new Set([...document.querySelectorAll('.change:not([hidden])')].map(e => e.dataset.rule))]"  # noqa: E501
        labels = "return [...document.querySelectorAll('.change:not([hidden]) .rule')].map(e => e.textContent)"  # noqa: E501
        assert page.run(count) == total > 0
        assert set(page.run(rules)) >= {"encoding.pinyin", "convert.opencc", "encoding.gbk_shift"}
        page.click('#filter option[value="encoding.pinyin"]')  # review one rule alone
        shown = page.run(count)
        assert 0 < shown < total and page.run(rules) == ["encoding.pinyin"]
        assert set(page.run(labels)) == {"encoding.pinyin"}
        assert page.run("return document.getElementById('count').textContent") == f"{shown} shown"
        page.click('#filter option[value="risky"]')
        assert page.run("return [...document.querySelectorAll('.change:not([hidden])')]"
                        ".every(e => e.classList.contains('risky'))")  # fmt: skip
        page.click('#filter option[value=""]')
        assert page.run(count) == total
        if os.environ.get("CLEANER_SCREENSHOT"):
            page.screenshot(Path(os.environ["CLEANER_SCREENSHOT"]))
    finally:
        page.close()


def test_diff_into_a_closed_pipe_ends_quietly() -> None:
    proc = subprocess.Popen(
        [str(CLEANER), "diff", ROOT / "seeds"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline().strip()
    proc.stdout.close()  # as `| head -1` does
    err = proc.stderr.read()
    assert (proc.wait(timeout=60), err) == (-signal.SIGPIPE, b"")


def test_pinyin_removed_on_an_annotated_page_is_not_risky(cleaner: Any) -> None:
    """Seed 001 is annotated throughout (its density decides): its hundreds of removals
    would drown --risky, which keeps pinyin removed on local evidence (diff_input.txt)."""
    out = cleaner("diff", SEED_001, "--rules-only", "pinyin").stdout.decode()
    risky = cleaner("diff", SEED_001, "--rules-only", "pinyin", "--risky").stdout.decode()
    assert out.count("evidence: dense") > 100
    assert "evidence: dense" not in risky
