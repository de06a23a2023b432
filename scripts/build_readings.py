"""Build cleaner/stages/encoding/models/data/readings.bin: every reading pypinyin knows for each
character it knows, in the spellings the encoding stage compares (tone marks, tone
numbers, tone numbers with a neutral 5, zhuyin), so that cleaning never imports pypinyin:
its import loads a phrase dictionary of some 45 MB the stage never uses (it asks about
single characters only).

pypinyin (MIT licence, https://github.com/mozillazg/python-pinyin) is the source; the
version used is stored in the file. Run from the repository root after upgrading it:
    .venv/bin/python scripts/build_readings.py
tests/encoding/test_readings_table.py checks the file against the installed pypinyin.
"""

from __future__ import annotations

import marshal
import sys
import zlib
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "cleaner/stages/encoding/models/data/readings.bin"


def main() -> None:
    import pypinyin
    from pypinyin import Style, pinyin
    from pypinyin.pinyin_dict import pinyin_dict

    styles = [
        {"style": Style.TONE},
        {"style": Style.TONE3},
        {"style": Style.TONE3, "neutral_tone_with_five": True},
        {"style": Style.BOPOMOFO},
    ]
    table: dict[str, str] = {}
    for code in sorted(pinyin_dict):
        ch = chr(code)
        # each style's readings in pypinyin's order (the first is its most common)
        spelled = [",".join(pinyin(ch, heteronym=True, **kw)[0]) for kw in styles]
        table[ch] = "|".join(spelled)
    data = {"pypinyin": pypinyin.__version__, "readings": table}
    OUT.write_bytes(zlib.compress(marshal.dumps(data), 9))
    print(f"{OUT}: {len(table)} characters, {OUT.stat().st_size} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
