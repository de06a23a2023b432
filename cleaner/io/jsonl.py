"""JSON Lines: clean one string field of every record, keep the rest as it is.

Each record is its own document (per-document rules such as repeated-paragraph
removal start afresh). A line that is not a JSON object with that string field is
passed through unchanged and counted, never dropped; so is a record whose field
holds a lone surrogate (``"\\ud800"``: valid JSON, not valid Unicode text), and a
line Python's reader refuses although it may be valid JSON (nested deeper than the
recursion limit, an integer of more than 4,300 digits), and an object that gives a key
twice (written back, it would keep only the last value).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TextIO

from cleaner.core.pipeline import ChangeSink, Pipeline
from cleaner.core.records import tag_changes

_SURROGATE = re.compile("[\ud800-\udfff]")
_NAMES = re.compile(r"\.(jsonl|ndjson)(\.gz|\.zst)?\Z", re.IGNORECASE)


def is_jsonl(name: str) -> bool:
    """A name that says JSON Lines (``.jsonl``, ``.ndjson``, compressed or not): such a
    file is read as records without ``--jsonl``, as a ``.parquet`` file is."""
    return bool(_NAMES.search(name))


MAX_PROBLEMS = 5  # lines passed through that are named to the user, per file


def escape_surrogates(json_text: str) -> str:
    """JSON made with ``ensure_ascii=False`` made writable as UTF-8: each lone surrogate
    (only possible inside a string) becomes its ``\\uXXXX`` escape, which reads back
    as the same string (``os.fsencode`` then gives a file name's original bytes)."""
    if not _SURROGATE.search(json_text):
        return json_text
    return _SURROGATE.sub(lambda m: f"\\u{ord(m[0]):04x}", json_text)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object as a dict, refused if it gives a key twice: written back, the record
    would hold only the last value (``{"text":"a","text":"b"}`` lost ``a``)."""
    record = dict(pairs)
    if len(record) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"key {key!r} given twice")
            seen.add(key)
    return record


@dataclass
class JsonlReport:
    records: int = 0
    cleaned: int = 0
    passed_through: int = 0
    problems: list[str] = field(default_factory=list)  # the first few, for the user

    def merge(self, other: JsonlReport) -> None:
        """Add the report of the lines that follow (a later piece of the same file)."""
        self.records += other.records
        self.cleaned += other.cleaned
        self.passed_through += other.passed_through
        self.problems = (self.problems + other.problems)[:MAX_PROBLEMS]


def clean_jsonl(
    pipeline: Pipeline,
    lines: Iterable[str],
    out: TextIO,
    label: str,
    text_field: str = "text",
    sink: ChangeSink | None = None,
    flush: bool = False,
    id_field: str | None = None,
    first_line: int = 1,
) -> JsonlReport:
    """Clean ``text_field`` of each record; with ``id_field``, each change record of a
    document carries that field's value as ``id``. Records are named ``label:LINE``,
    lines counted from ``first_line`` (a piece of a file: its first line's number)."""
    report = JsonlReport()
    for lineno, line in enumerate(lines, first_line):
        if not line.strip():
            out.write(line)
            continue
        report.records += 1
        problem = ""
        try:
            record = json.loads(line, object_pairs_hook=_unique_keys)
        except json.JSONDecodeError as e:
            problem = f"not JSON ({e.msg})"
        except RecursionError:
            problem = "not read: JSON nested too deeply"
        except ValueError as e:  # a key given twice, an integer of more than 4,300 digits
            problem = f"not read: {str(e).split(';')[0]}"
        else:
            if not isinstance(record, dict):
                problem = "not a JSON object"
            elif not isinstance(record.get(text_field), str):
                problem = f"no string field {text_field!r}"
            elif found := _SURROGATE.search(record[text_field]):
                problem = f"lone surrogate \\u{ord(found[0]):04x} in field {text_field!r}"
        if problem:
            report.passed_through += 1
            if len(report.problems) < MAX_PROBLEMS:
                report.problems.append(f"{label}:{lineno}: {problem}; passed through unchanged")
            out.write(line if line.endswith("\n") else line + "\n")
            continue
        tagged = tag_changes(sink, record.get(id_field)) if id_field else sink
        record[text_field] = pipeline.clean_text(record[text_field], f"{label}:{lineno}", tagged)
        report.cleaned += 1
        out.write(escape_surrogates(json.dumps(record, ensure_ascii=False)))
        out.write("\n")
        if flush:
            out.flush()
    return report


def lines_of(text: str) -> Iterator[str]:
    """The lines of ``text``, cut after each "\\n" only, as a text stream gives them
    (``str.splitlines`` also cuts at "\\r", "\\x1c", "\\u2028", ...)."""
    start = 0
    while start < len(text):
        end = text.find("\n", start) + 1 or len(text)
        yield text[start:end]
        start = end


def runs_of_lines(read: Callable[[int], str], size: int) -> Iterator[str]:
    """The text read by ``read(n)`` as runs of whole lines: one run per ``size``
    characters read, cut after the last line end in them (a line without one there
    goes on into the next run)."""
    parts: list[str] = []
    while chunk := read(size):
        cut = chunk.rfind("\n") + 1
        if not cut:
            parts.append(chunk)
            continue
        parts.append(chunk[:cut])
        yield "".join(parts)
        parts = [chunk[cut:]]
    if rest := "".join(parts):
        yield rest
