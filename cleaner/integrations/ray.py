"""Ray Data: clean one text column of a dataset with ``map_batches``, one warm ``Cleaner``
per actor, and the statistics of every actor merged.

Install with ``pip install 'cleaner[ray]'``::

    import ray
    from cleaner import Cleaner
    from cleaner.integrations.ray import clean_dataset

    ray.init()                                        # or ray.init(address="auto")
    ds = ray.data.read_parquet("in/")                 # or read_json, shared or object storage
    cleaned, tally = clean_dataset(ds, Cleaner(to="simplified"), field="text")
    cleaned.write_parquet("out/")                     # runs the pipeline
    print(tally.result().as_dict())                   # counts of every actor, merged

``CleanBatch`` is the callable class behind it, for ``ds.map_batches`` with options of
your own; use an actor pool (``compute=ActorPoolStrategy(...)``), so that each actor
builds the pipeline and loads the models once. Ray itself is imported only by
``clean_dataset`` and ``StatsTally``: this module imports without it.
"""

from __future__ import annotations

from typing import Any, cast

from cleaner.api import Cleaner
from cleaner.core.records import Stats


class CleanBatch:
    """Cleans column ``field`` of each batch (a pyarrow Table, a pandas DataFrame or a
    dict of numpy arrays: any ``batch_format``); missing values pass through, counted.

    Built once per actor: the pipeline is built and its models loaded here."""

    def __init__(self, cleaner: Cleaner, field: str = "text", tally: Any = None) -> None:
        self.cleaner = cleaner.warm_up()
        self.field = field
        self.tally = tally  # a StatsTally actor handle, or None
        self.stats = Stats()  # this actor's counts

    def __call__(self, batch: Any) -> Any:
        texts = _column(batch, self.field)
        cleaned, stats = self.cleaner.clean_batch(texts)
        self.stats += stats
        if self.tally is not None:
            import ray

            ray.get(self.tally.add.remote(stats))  # recorded before the batch counts as done
        return _with_column(batch, self.field, cleaned)


def _column(batch: Any, field: str) -> list[Any]:
    if field not in _names(batch):
        raise KeyError(f"no column {field!r} in the batch (columns: {', '.join(_names(batch))})")
    if hasattr(batch, "schema"):  # pyarrow
        return list(batch.column(field).to_pylist())
    return list(batch[field])


def _names(batch: Any) -> list[str]:
    if hasattr(batch, "schema"):
        return list(batch.schema.names)
    return [str(k) for k in (batch.columns if hasattr(batch, "columns") else batch.keys())]


def _with_column(batch: Any, field: str, values: list[Any]) -> Any:
    if hasattr(batch, "schema"):  # pyarrow: same type (string or large_string)
        import pyarrow as pa

        index = batch.schema.get_field_index(field)
        column = pa.array(values, type=batch.schema.field(index).type)
        return batch.set_column(index, batch.schema.field(index), column)
    if hasattr(batch, "columns"):  # pandas
        batch = batch.copy()
        batch[field] = values
        return batch
    import numpy as np

    out = dict(batch)
    column = np.empty(len(values), dtype=object)
    column[:] = values
    out[field] = column
    return out


class _Tally:
    def __init__(self) -> None:
        self.stats = Stats()

    def add(self, stats: Stats) -> None:
        self.stats += stats

    def total(self) -> Stats:
        return self.stats


class StatsTally:
    """One small Ray actor (no CPU reserved) that adds up the counts of every batch."""

    def __init__(self) -> None:
        import ray

        self.actor: Any = ray.remote(_Tally).options(num_cpus=0).remote()

    def result(self) -> Stats:
        """The merged counts; read once the dataset has run (written or consumed)."""
        import ray

        return cast(Stats, ray.get(self.actor.total.remote()))


def clean_dataset(
    ds: Any,
    cleaner: Cleaner,
    field: str = "text",
    *,
    actors: tuple[int, int] = (1, 2),
    batch_size: int = 64,
    batch_format: str = "pyarrow",
) -> tuple[Any, StatsTally]:
    """``ds`` with column ``field`` cleaned (lazily, as Ray Data runs), and the tally
    that holds the merged counts once it has run. ``actors`` is the (min, max) size of
    the actor pool: one CPU and one warm pipeline each. The pool starts at ``min``
    actors, which must leave a CPU free for Ray Data's reading and writing tasks (a pool
    holding every CPU waits for them forever); it grows to ``max`` as CPUs allow."""
    import ray
    from ray.data import ActorPoolStrategy

    cpus = ray.cluster_resources().get("CPU", 0) if ray.is_initialized() else 0
    if cpus and actors[0] >= cpus:
        raise ValueError(
            f"actors={actors}: the pool would start with every CPU of the cluster ({cpus:g}), "
            f"leaving none to read and write the dataset; use actors=({int(cpus) - 1 or 1}, "
            f"{actors[1]}) or more CPUs"
        )
    tally = StatsTally()
    cleaned = ds.map_batches(
        CleanBatch,
        fn_constructor_kwargs={"cleaner": cleaner, "field": field, "tally": tally.actor},
        compute=ActorPoolStrategy(min_size=actors[0], max_size=actors[1]),
        batch_size=batch_size,
        batch_format=batch_format,
    )
    return cleaned, tally
