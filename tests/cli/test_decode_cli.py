"""Input decoding through the real CLI (issue #10, items 5 and 6): exit code, text, warning."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

LINE = "新华社北京7月12日电 中共中央总书记给台湾青年回信。\n"  # the encoding stage keeps it


def test_four_bytes_of_gbk_from_a_file_and_from_stdin(cleaner: Any, tmp_path: Path) -> None:
    gbk = "中文".encode("gbk")  # Big5 reads these 4 bytes as 笢恅
    (tmp_path / "short.txt").write_bytes(gbk)
    for args, stdin, label in [((tmp_path / "short.txt",), b"", "short.txt"), ((), gbk, "-")]:
        r = cleaner("clean", "--stages", "encoding", *args, stdin=stdin)
        err = r.stderr.decode()
        assert r.returncode == 0, err
        assert r.stdout.decode() == "中文"
        assert f"{label}: read as gb18030 (detected; close call on 4 byte(s): big5 also fits" in err


def test_bad_bytes_and_late_gbk_are_read_not_refused(cleaner: Any, tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "bad.txt").write_bytes(LINE.encode() + b"\xff" + LINE.encode())
    ascii_part = "id: 42, source: archive\n" * 3000  # 72 KB before the first GBK byte
    (src / "late.txt").write_bytes(ascii_part.encode() + (LINE * 2).encode("gbk"))
    r = cleaner("clean", src, "-o", tmp_path / "out", "--stages", "encoding")
    err = r.stderr.decode()
    assert r.returncode == 0, err
    assert (tmp_path / "out" / "bad.txt").read_text(encoding="utf-8") == LINE + "\ufffd" + LINE
    assert "bad.txt: 1 undecodable byte(s) replaced by U+FFFD" in err
    assert (tmp_path / "out" / "late.txt").read_text(encoding="utf-8") == ascii_part + LINE * 2
    assert "late.txt: read as gb18030 (detected); written as UTF-8" in err


def test_mixed_encodings_on_stdin_are_read_per_line(cleaner: Any) -> None:
    data = LINE.encode() + LINE.encode("gbk") + LINE.encode() + LINE.encode("gbk")
    r = cleaner("clean", "--stages", "encoding", stdin=data)
    err = r.stderr.decode()
    assert r.returncode == 0, err
    assert r.stdout.decode() == LINE * 4
    assert "-: mixed encodings: 2 line(s) read as gb18030, the others as UTF-8" in err


def test_jsonl_reports_mixed_encodings_too(cleaner: Any) -> None:
    rec = json.dumps({"text": LINE.strip()}, ensure_ascii=False) + "\n"
    r = cleaner("clean", "--jsonl", "--stages", "encoding",
                stdin=rec.encode() + rec.encode("gbk"))  # fmt: skip
    err = r.stderr.decode()
    assert r.returncode == 0, err
    assert [json.loads(x)["text"] for x in r.stdout.decode().splitlines()] == [LINE.strip()] * 2
    assert "mixed encodings: 1 line(s) read as gb18030" in err
