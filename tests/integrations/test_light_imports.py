"""Heavy optional dependencies are imported only where used: the core starts fast."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
import cleaner, cleaner.cli.main, cleaner.cli.clean_cmd, cleaner.io.parquet
import cleaner.integrations.ray
print(" ".join(m for m in ("pyarrow", "ray", "pandas", "numpy", "datasets") if m in sys.modules))
"""


def test_the_cli_and_the_ray_module_import_no_heavy_dependency() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""
