"""One baseline run, in a process of its own (bench/compare.py starts it; not a benchmark).

    python bench/_baseline.py opencc|ftfy|reimpl IN OUT [--cap SECONDS]

Reads IN (UTF-8), converts it in chunks of about 1 MB cut at line ends and writes OUT:
``opencc`` and ``reimpl`` with OpenCC ``t2s`` (whichever ``opencc`` module this
interpreter has: run ``reimpl`` with the python of scripts/reimpl-venv), ``ftfy`` with
``ftfy.fix_text`` and cleaner's CJK-safe configuration. Stops after the chunk that
passes ``--cap`` seconds of CPU time. Prints one JSON object: the UTF-8 bytes of input
converted, the CPU seconds that took (imports and set-up left out) and the module used.
Only the standard library is imported before the tool is chosen, so that the
reimplementation's environment needs nothing of the official one.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Iterator
from importlib.metadata import version
from pathlib import Path

CHUNK = 1_000_000


def chunks(text: str) -> Iterator[str]:
    start = 0
    while start < len(text):
        end = text.find("\n", start + CHUNK)
        end = len(text) if end < 0 else end + 1
        yield text[start:end]
        start = end


def converter(tool: str) -> tuple[Callable[[str], str], str]:
    if tool in ("opencc", "reimpl"):
        import opencc

        dist = "opencc" if tool == "opencc" else "opencc-python-reimplemented"
        cc = opencc.OpenCC("t2s")  # the official binding also takes "t2s.json"
        return cc.convert, f"{dist} {version(dist)} ({Path(opencc.__file__).parent})"
    import ftfy

    from cleaner.stages.encoding.utf8_mojibake import CJK_SAFE

    config = CJK_SAFE._replace(explain=False)
    return (lambda text: ftfy.fix_text(text, config=config)), f"ftfy {ftfy.__version__}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("tool", choices=["opencc", "ftfy", "reimpl"])
    ap.add_argument("input", type=Path)
    ap.add_argument("output", type=Path)
    ap.add_argument("--cap", type=float, default=float("inf"), help="CPU seconds at most")
    a = ap.parse_args()
    convert, module = converter(a.tool)
    convert("預熱")  # dictionaries loaded outside the timing
    text = a.input.read_text(encoding="utf-8")
    done = 0
    t0 = time.process_time()
    with a.output.open("w", encoding="utf-8") as out:
        for chunk in chunks(text):
            out.write(convert(chunk))
            done += len(chunk.encode("utf-8"))
            if time.process_time() - t0 > a.cap:
                break
    cpu = time.process_time() - t0
    print(json.dumps({"bytes": done, "cpu": cpu, "module": module}))


if __name__ == "__main__":
    main()
