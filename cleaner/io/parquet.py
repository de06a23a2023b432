"""Parquet: clean one text column, keep every other column (and the schema) as it is.

Row groups are read, cleaned and written one at a time, so memory holds one row group,
never the whole file; the output has the input's row groups, schema, metadata and
per-column compression. A null is passed through unchanged and counted. Each row is
its own document, named ``FILE:ROW`` (1-based) in change records, as a JSON Lines
record is named by its line.

pyarrow is an optional dependency (``pip install 'cleaner[parquet]'``), imported here only.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from cleaner.core.pipeline import ChangeSink, Pipeline
from cleaner.core.records import tag_changes
from cleaner.io.compression import MissingCodec
from cleaner.io.decoded import NotText

SUFFIX = ".parquet"


def is_parquet(name: str) -> bool:
    return name.endswith(SUFFIX)


class NotCleanable(NotText):
    """A Parquet file this run cannot clean (unreadable, or no such text column);
    reported and skipped like a binary file."""


@dataclass
class ParquetReport:
    rows: int = 0
    cleaned: int = 0
    missing: int = 0  # nulls, passed through
    row_groups: int = 0
    chars_in: int = 0
    chars_out: int = 0
    group_rows: list[int] = field(default_factory=list)  # rows of each row group cleaned

    def merge(self, other: ParquetReport) -> None:
        """Add the report of the row groups that follow (a later piece of the same file)."""
        self.rows += other.rows
        self.cleaned += other.cleaned
        self.missing += other.missing
        self.row_groups += other.row_groups
        self.chars_in += other.chars_in
        self.chars_out += other.chars_out
        self.group_rows += other.group_rows


def _pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as e:
        raise MissingCodec("a .parquet file needs pyarrow: pip install 'cleaner[parquet]'") from e
    return pyarrow, pyarrow.parquet


@dataclass(frozen=True)
class Source:
    """A Parquet file opened for cleaning: its text column and --id-field column found."""

    file: Any  # pyarrow.parquet.ParquetFile
    schema: Any  # its Arrow schema, metadata included
    text: int  # index of the text column
    ids: int  # index of the id column, -1 for none

    def writer(self, out: IO[bytes]) -> Any:
        """A ParquetWriter into ``out`` with the input's schema and column compression."""
        return _pyarrow()[1].ParquetWriter(out, self.schema, compression=_compression(self.file))


def open_source(raw: IO[bytes], text_field: str = "text", id_field: str | None = None) -> Source:
    """``raw`` as a Parquet file with a text column ``text_field`` (and ``id_field``, if
    given); NotCleanable if it has none."""
    pa, pq = _pyarrow()
    try:
        file = pq.ParquetFile(raw)
    except pa.ArrowException as e:
        raise NotCleanable(f"not a readable Parquet file ({e})") from e
    schema = file.schema_arrow
    index = _text_column(pa, schema, text_field)
    ids = schema.get_field_index(id_field) if id_field else -1
    if id_field and ids < 0:
        raise NotCleanable(f"no column {id_field!r} for --id-field (columns: {_names(schema)})")
    return Source(file, schema, index, ids)


def clean_row_groups(
    pipeline: Pipeline,
    source: Source,
    groups: range,
    label: str,
    sink: ChangeSink | None,
    report: ParquetReport,
    first_row: int = 1,
) -> Iterator[Any]:
    """The row groups ``groups`` of ``source``, each as a table with its text column
    cleaned; rows are named ``label:ROW``, counted from ``first_row``."""
    pa, _ = _pyarrow()
    index = source.text
    text_column = source.schema.field(index)
    for group in groups:
        table = source.file.read_row_group(group)
        texts = table.column(index).to_pylist()
        keys = table.column(source.ids).to_pylist() if source.ids >= 0 else None
        cleaned: list[str | None] = []
        for i, text in enumerate(texts):
            if text is None:
                report.missing += 1
                cleaned.append(None)
                continue
            tagged = tag_changes(sink, keys[i]) if keys is not None else sink
            new = pipeline.clean_text(text, f"{label}:{first_row + report.rows + i}", tagged)
            report.chars_in += len(text)
            report.chars_out += len(new)
            cleaned.append(new)
        report.rows += len(texts)
        report.cleaned += len(texts) - texts.count(None)
        report.row_groups += 1
        report.group_rows.append(len(texts))
        yield table.set_column(index, text_column, pa.array(cleaned, type=text_column.type))


def clean_parquet(
    pipeline: Pipeline,
    raw: IO[bytes],
    out: IO[bytes],
    label: str,
    text_field: str = "text",
    sink: ChangeSink | None = None,
    id_field: str | None = None,
) -> ParquetReport:
    """Clean column ``text_field`` of the Parquet file ``raw`` into ``out`` (left open)."""
    source = open_source(raw, text_field, id_field if sink is not None else None)
    report = ParquetReport()
    writer = source.writer(out)
    try:
        groups = range(source.file.num_row_groups)
        for table in clean_row_groups(pipeline, source, groups, label, sink, report):
            writer.write_table(table)
    finally:
        writer.close()  # the footer; ``out`` itself stays open
    return report


def runs_of_groups(source: Source, size: int) -> Iterator[tuple[range, int]]:
    """Runs of whole row groups of at least ``size`` bytes (uncompressed) where the
    file allows, each with the number of its first row (1-based)."""
    meta = source.file.metadata
    start, first_row, rows, nbytes = 0, 1, 0, 0
    for group in range(meta.num_row_groups):
        rows += meta.row_group(group).num_rows
        nbytes += meta.row_group(group).total_byte_size
        if nbytes >= size or group == meta.num_row_groups - 1:
            yield range(start, group + 1), first_row
            start, first_row, rows, nbytes = group + 1, first_row + rows, 0, 0


def save_tables(tables: Iterable[Any], schema: Any, path: Path) -> None:
    """Tables (cleaned row groups) into an Arrow IPC file at ``path``, for ``write_saved``."""
    pa, _ = _pyarrow()
    with pa.ipc.new_file(str(path), schema) as writer:
        for table in tables:
            writer.write_table(table)


def write_saved(writer: Any, path: Path, group_rows: list[int]) -> None:
    """The tables saved at ``path`` written by ``writer`` as row groups of ``group_rows``
    rows each, as they were when saved."""
    pa, _ = _pyarrow()
    with pa.memory_map(str(path)) as source:
        table = pa.ipc.open_file(source).read_all()
        offset = 0
        for rows in group_rows:
            writer.write_table(table.slice(offset, rows))
            offset += rows


def _names(schema: Any) -> str:
    return ", ".join(schema.names)


def _text_column(pa: Any, schema: Any, name: str) -> int:
    index = schema.get_field_index(name)
    if index < 0:
        raise NotCleanable(f"no column {name!r} (columns: {_names(schema)}); name it with --field")
    kind = schema.field(index).type
    text_columns = (pa.types.is_string, pa.types.is_large_string)
    if not any(is_type(kind) for is_type in text_columns):
        raise NotCleanable(f"column {name!r} holds {kind}, not text")
    return index


def _compression(source: Any) -> dict[str, str]:
    """Each column compressed as it was in the input (first row group), by column path."""
    if source.num_row_groups == 0:
        return {}
    group = source.metadata.row_group(0)
    out = {}
    for i in range(group.num_columns):
        column = group.column(i)
        codec = column.compression
        out[column.path_in_schema] = "none" if codec == "UNCOMPRESSED" else codec.lower()
    return out
