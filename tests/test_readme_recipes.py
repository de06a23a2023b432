"""The README's recipes (pandas, Hugging Face datasets, datatrove, Ray Data), run as written."""

from __future__ import annotations

import gzip
import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner import Cleaner

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
RECIPE = re.compile(r"<!-- recipe: (\w+) -->\n```python\n(.*?)```", re.DOTALL)
NEEDS = {"pandas": "pandas", "hf": "datasets", "datatrove": "datatrove", "ray": "ray"}


def _recipes() -> dict[str, str]:
    return dict(RECIPE.findall((ROOT / "README.md").read_text(encoding="utf-8")))


def test_the_readme_has_every_recipe() -> None:
    assert set(_recipes()) == set(NEEDS)


def _inputs(folder: Path) -> dict[str, str | None]:
    """in/jsonl/part.jsonl and in/parquet/part.parquet; the expected text per id."""
    rows = [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in SEEDS]
    (folder / "in" / "jsonl").mkdir(parents=True)
    (folder / "out").mkdir()
    with open(folder / "in" / "jsonl" / "part.jsonl", "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    if importlib.util.find_spec("pyarrow") is not None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        (folder / "in" / "parquet").mkdir()
        table = pa.Table.from_pylist([*rows, {"id": "none", "text": None}])
        pq.write_table(table, folder / "in" / "parquet" / "part.parquet", row_group_size=2)
    c = Cleaner(to="simplified")
    return {r["id"]: c.clean(r["text"]) for r in rows}


def _json_lines(paths: list[Path]) -> dict[str, str | None]:
    out = {}
    for path in paths:
        data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        for line in data.decode("utf-8").splitlines():
            record = json.loads(line)
            out[record["id"]] = record["text"]
    return out


def _outputs(name: str, out: Path) -> dict[str, str | None]:
    if name in ("pandas", "hf"):
        return _json_lines([out / f"{name}.jsonl"])
    if name == "datatrove":
        return _json_lines(sorted((out / "datatrove").glob("*.jsonl.gz")))
    import pyarrow.parquet as pq

    return {r["id"]: r["text"] for r in pq.read_table(out / "ray").to_pylist()}


@pytest.mark.parametrize("name", sorted(NEEDS))
def test_recipe_runs_and_cleans(name: str, tmp_path: Path) -> None:
    if importlib.util.find_spec(NEEDS[name]) is None:
        pytest.skip(f"{NEEDS[name]} is not installed: `make test` installs it")
    want = _inputs(tmp_path)
    (tmp_path / "recipe.py").write_text(_recipes()[name], encoding="utf-8")
    env = dict(os.environ, HF_HOME=str(tmp_path / "hf"), HF_DATASETS_OFFLINE="1")
    done = subprocess.run(
        [sys.executable, "recipe.py"], cwd=tmp_path, capture_output=True, text=True,
        timeout=600, env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    if name == "ray":
        want["none"] = None
        assert "'convert.opencc': " in done.stdout  # the merged counts were printed
    if name == "hf":
        assert "couldn't be hashed" not in done.stderr  # the Cleaner pickles to its options
    assert _outputs(name, tmp_path / "out") == want
