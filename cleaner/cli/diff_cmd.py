"""`cleaner diff`: what cleaning would change, each change in its context with its rule
id; some rules only, or only the risky changes; as text or as an HTML report."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from cleaner.api import pipeline_overrides
from cleaner.cli.clean_cmd import StdoutClosed, UsageError, _drop_stdout, parse_settings
from cleaner.core.pipeline import Pipeline
from cleaner.core.records import Change
from cleaner.io import compression
from cleaner.io.decode import NotText, open_text
from cleaner.io.files import atomic_writer, open_regular, walk
from cleaner.review.changes import Shown, selected, shown
from cleaner.review.html import report
from cleaner.review.text import change_line


def _read(path: Path, encoding: str | None) -> str:
    with open_regular(path) as raw, compression.reader(raw, path.name) as data:
        text, _ = open_text(data, encoding, newline="")  # type: ignore[arg-type]
        return text.read()


def _print(lines: list[str]) -> None:
    try:
        for line in lines:
            print(line)
        sys.stdout.flush()
    except BrokenPipeError:  # the reader has gone (| head): stop quietly
        _drop_stdout()
        raise StdoutClosed from None


def review(
    paths: list[str],
    *,
    to: str | None = None,
    config: str | None = None,
    rules: Path | None = None,
    stages: str | None = None,
    settings: list[str] | None = None,
    glob: str = "*.txt",
    encoding: str | None = None,
    only: str | None = None,
    risky: bool = False,
    html: Path | None = None,
) -> int:
    overrides = pipeline_overrides(to, config, parse_settings(settings or []), explain=True)
    try:
        pipeline = Pipeline(rules_dir=rules, stages=stages, overrides=overrides)
    except ValueError as e:
        raise UsageError(str(e)) from e
    known = {r.id for r in pipeline.rules} | {f"{s.name}.{r.id}" for s in pipeline.stages
                                              for r in s.rules}  # fmt: skip
    wanted = {r.strip() for r in only.split(",")} if only else None
    if wanted and wanted - known:
        raise UsageError(f"--rules-only: no rule {', '.join(sorted(wanted - known))}")
    missing = [p for p in paths if not os.path.lexists(p)]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    colour = html is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    files: list[tuple[str, list[Shown]]] = []
    failed = 0
    for entry in walk([Path(p) for p in paths], glob):
        label = str(entry.path)
        if entry.problem:
            print(f"error: {label}: {entry.problem}", file=sys.stderr)
            failed += entry.fails
            continue
        try:
            text = _read(entry.path, encoding)
        except (OSError, NotText, LookupError) as e:
            print(f"error: {label}: {e}", file=sys.stderr)
            failed += 1
            continue
        records: list[Change] = []
        pipeline.clean_text(text, label, records.append)
        items = selected(shown(text, records), wanted, risky)
        files.append((label, items))
        if html is None:
            _print([change_line(item, colour) for item in items])
    if html is not None:
        order = [f"{s}.{r}" for s, r in pipeline.rule_order()]
        with atomic_writer(html) as f:
            f.write(report(files, order))
        n = sum(len(items) for _, items in files)
        print(f"{html}: {n} change(s) in {len(files)} file(s)", file=sys.stderr)
    return 1 if failed else 0
