"""Ray Data on a real local Ray instance: the same output as the serial CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ray = pytest.importorskip(
    "ray", reason="Ray is not installed: `make test` installs it (pip install 'cleaner[ray]')"
)
pq = pytest.importorskip("pyarrow.parquet", reason="the parquet extra is not installed")
pa = pytest.importorskip("pyarrow")

from cleaner import Cleaner  # noqa: E402
from cleaner.integrations.ray import clean_dataset  # noqa: E402
from tests.cli.conftest import run_cleaner  # noqa: E402

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def local_ray():  # type: ignore[no-untyped-def]
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


def _corpus(folder: Path) -> list[dict[str, object]]:
    folder.mkdir()
    rows: list[dict[str, object]] = [
        {"id": f"{p.stem}-{k}", "n": k, "text": p.read_text(encoding="utf-8")}
        for k in range(2)
        for p in SEEDS
    ]
    rows.append({"id": "empty", "n": 9, "text": None})
    table = pa.Table.from_pylist(rows)
    pq.write_table(table.slice(0, 6), folder / "a.parquet", row_group_size=3)
    pq.write_table(table.slice(6), folder / "b.parquet")
    with open(folder / "a.jsonl", "w", encoding="utf-8") as f:
        for r in rows[:-1]:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return rows


def _by_id(rows: list[dict[str, object]]) -> dict[object, dict[str, object]]:
    return {r["id"]: r for r in rows}


def test_ray_cleans_parquet_and_jsonl_as_the_serial_cli_does(local_ray, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "in"
    _corpus(src)
    serial = tmp_path / "serial"
    for glob, extra in (("*.parquet", []), ("*.jsonl", ["--jsonl"])):
        proc = run_cleaner(
            "clean", src, "-o", serial, "--glob", glob, "--to", "simplified", "-q", *extra
        )
        assert proc.returncode == 0, proc.stderr.decode()
    want = _by_id(
        pa.concat_tables(
            [pq.read_table(serial / n) for n in ("a.parquet", "b.parquet")]
        ).to_pylist()
    )
    want_jsonl = _by_id(
        [json.loads(x) for x in (serial / "a.jsonl").read_text("utf-8").splitlines()]
    )

    c = Cleaner(to="simplified")
    ds, tally = clean_dataset(
        ray.data.read_parquet([str(src / "a.parquet"), str(src / "b.parquet")]), c
    )
    out = tmp_path / "ray-parquet"
    ds.write_parquet(str(out))
    got = _by_id(pq.read_table(out).to_pylist())
    assert got == want
    stats = tally.result()
    assert stats.documents == len(want) - 1
    assert stats.files["missing values passed through"] == 1
    assert stats.changes[("convert", "opencc")] > 1000

    ds, _ = clean_dataset(ray.data.read_json(str(src / "a.jsonl")), c, batch_format="pandas")
    assert _by_id(ds.take_all()) == want_jsonl
    rows = [json.loads(x) for x in (src / "a.jsonl").read_text("utf-8").splitlines()]
    ds, _ = clean_dataset(ray.data.from_items(rows), c, batch_format="numpy")
    assert _by_id(ds.take_all()) == want_jsonl


def test_a_pool_that_would_hold_every_cpu_is_refused_not_left_to_hang(local_ray) -> None:  # type: ignore[no-untyped-def]
    ds = ray.data.from_items([{"text": "頭髮"}])
    with pytest.raises(ValueError, match="leaving none to read and write"):
        clean_dataset(ds, Cleaner(), actors=(2, 2))
