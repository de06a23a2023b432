"""The summary printed to stderr at the end of a run: totals, then one row per rule
(changes, input characters changed, documents changed, findings left unchanged) with
one whole change as its example."""

from __future__ import annotations

import json
from typing import TextIO

import regex

from cleaner.core.records import Stats

HEADER = ("rule", "changes", "chars", "docs", "unsure")


# what a terminal shows as nothing or as a plain space: controls, format characters
# (zero-width, BOM, bidi marks), NBSP and other spaces, private use; shown escaped, so
# that a change that removes one does not read "a" -> "a" (space and U+3000 are seen)
INVISIBLE = regex.compile(r"(?![ \u3000])[\p{Cc}\p{Cf}\p{Z}\p{Co}\p{Cs}]")


def _quoted(text: str) -> str:
    shown = json.dumps(text, ensure_ascii=False)  # C0 controls and line breaks escaped
    return INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", shown)


def example_text(before: str, after: str | None) -> str:
    if after is None:
        return f"{_quoted(before)} removed"
    return f"{_quoted(before)} -> {_quoted(after)}"


def rows(stats: Stats, order: list[tuple[str, str]]) -> list[tuple[str, ...]]:
    """One row per rule that changed or found something, in run order."""
    out: list[tuple[str, ...]] = []
    for key in order:
        changes, unsure = stats.changes[key], stats.reported[key]
        if not changes and not unsure:
            continue
        example = stats.examples.get(key)
        out.append(
            (
                ".".join(key),
                f"{changes:,}",
                f"{stats.chars[key]:,}",
                f"{stats.docs[key]:,}",
                f"{unsure:,}" if unsure else "",
                example_text(*example) if example else "",
            )
        )
    return out


def write_summary(
    out: TextIO,
    stats: Stats,
    order: list[tuple[str, str]],
    files: int,
    read: int,
    seconds: float,
    workers: int = 1,
) -> None:
    """``read`` is the inputs' size on disk; the sizes and the rate are of the text
    cleaned (UTF-8), the same for plain, compressed and Parquet files."""
    size = stats.bytes_in
    rate = size / 1e6 / seconds if seconds > 0 else 0.0
    docs = f" ({stats.documents:,} documents)" if stats.documents != files else ""
    on_disk = f", {read / 1e6:.2f} MB read" if abs(read - size) > 0.05 * max(size, 1) else ""
    pool = f", {workers} workers" if workers > 1 else ""
    out.write(
        f"cleaned {files} file(s){docs}, {size / 1e6:.2f} MB, {stats.chars_in:,} characters"
        f"{on_disk} in {seconds:.2f}s ({rate:.2f} MB/s{pool})\n"
    )
    table = rows(stats, order)
    if not table:
        out.write("no changes\n")
    else:
        widths = [max(len(r[i]) for r in [HEADER, *table]) for i in range(len(HEADER))]
        for row in [(*HEADER, "example"), *table]:
            cells = [row[0].ljust(widths[0])]
            cells += [cell.rjust(w) for cell, w in zip(row[1:5], widths[1:], strict=True)]
            out.write(("  ".join(cells) + "  " + row[5]).rstrip() + "\n")
        if any(stats.reported.values()):
            out.write("unsure: found but left unchanged; --explain lists them\n")
    for kind, n in sorted(stats.files.items()):
        out.write(f"files {kind}: {n}\n")
