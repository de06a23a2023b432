"""Parquet: clean one text column, keep every other column (and the schema) as it is.

Row groups are read, cleaned and written one at a time, so memory holds one row group,
never the whole file; the output has the input's row groups, schema, metadata and
per-column compression. A null is passed through unchanged and counted. Each row is
its own document, named ``FILE:ROW`` (1-based) in change records, as a JSON Lines
record is named by its line.

pyarrow is an optional dependency (``pip install 'cleaner[parquet]'``), imported here only.
"""

from __future__ import annotations

from dataclasses import dataclass
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


def _pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as e:
        raise MissingCodec("a .parquet file needs pyarrow: pip install 'cleaner[parquet]'") from e
    return pyarrow, pyarrow.parquet


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
    pa, pq = _pyarrow()
    try:
        source = pq.ParquetFile(raw)
    except pa.ArrowException as e:
        raise NotCleanable(f"not a readable Parquet file ({e})") from e
    schema = source.schema_arrow
    index = _text_column(pa, schema, text_field)
    ids = schema.get_field_index(id_field) if id_field and sink is not None else -1
    if id_field and sink is not None and ids < 0:
        raise NotCleanable(f"no column {id_field!r} for --id-field (columns: {_names(schema)})")
    report = ParquetReport()
    writer = pq.ParquetWriter(out, schema, compression=_compression(source))
    try:
        for group in range(source.num_row_groups):
            table = source.read_row_group(group)
            texts = table.column(index).to_pylist()
            keys = table.column(ids).to_pylist() if ids >= 0 else None
            cleaned: list[str | None] = []
            for i, text in enumerate(texts):
                row = report.rows + i + 1
                if text is None:
                    report.missing += 1
                    cleaned.append(None)
                    continue
                tagged = tag_changes(sink, keys[i]) if keys is not None else sink
                new = pipeline.clean_text(text, f"{label}:{row}", tagged)
                report.chars_in += len(text)
                report.chars_out += len(new)
                cleaned.append(new)
            report.rows += len(texts)
            report.cleaned += len(texts) - texts.count(None)
            column = pa.array(cleaned, type=schema.field(index).type)
            writer.write_table(table.set_column(index, schema.field(index), column))
            report.row_groups += 1
    finally:
        writer.close()  # the footer; ``out`` itself stays open
    return report


def _names(schema: Any) -> str:
    return ", ".join(schema.names)


def _text_column(pa: Any, schema: Any, name: str) -> int:
    index = schema.get_field_index(name)
    if index < 0:
        raise NotCleanable(f"no column {name!r} (columns: {_names(schema)}); name it with --field")
    kind = schema.field(index).type
    text_types = (pa.types.is_string, pa.types.is_large_string)
    if not any(is_type(kind) for is_type in text_types):
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
