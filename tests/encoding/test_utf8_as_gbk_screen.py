"""utf8_as_gbk's lossiness check (``_too_lossy``), made on the decoded bytes before any
piece is built, agrees with the same check on the pieces ``utf8_with_holes`` builds:
fewer than two CJK characters, or more places with lost bytes than the CJK characters
allow. Run on the runs of the codec damage set (damaged and clean) and of random Han,
in every codec."""

from __future__ import annotations

import json
import random
from pathlib import Path

from cleaner.stages.encoding.utf8_as_gbk import (
    CJK,
    LOST,
    MAX_LOST_SHARE,
    RUN,
    Utf8AsGbk,
    _too_lossy,
    utf8_with_holes,
)

PAIRS = Path(__file__).parent / "data" / "codec_damage" / "pairs.jsonl"


def _runs() -> list[str]:
    rows = [json.loads(line) for line in PAIRS.read_text("utf-8").split("\n") if line]
    texts = [r[k] for r in rows for k in ("damaged", "clean")]
    rng = random.Random(7)
    texts += ["".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(n)) for n in (3, 40, 2000)]
    return [m.group() for t in texts for m in RUN.finditer(t)]


def _rejected(parts: list[bytes]) -> bool:
    text = "".join(x if isinstance(x, str) else LOST for x in utf8_with_holes(parts))
    cjk = len(CJK.findall(text))
    return cjk < 2 or text.count(LOST) * MAX_LOST_SHARE > cjk


def test_the_screen_rejects_what_the_pieces_reject() -> None:
    codecs = Utf8AsGbk.Params().codecs
    compared = screened = 0
    for run in _runs():
        for codec in codecs:
            try:
                parts = [piece.encode(codec) for piece in run.split(LOST)]
            except UnicodeEncodeError:
                continue
            assert _too_lossy(parts) == _rejected(parts), (run[:40], codec)
            compared += 1
            screened += _too_lossy(parts)
    assert compared > 1000 and 0 < screened < compared
