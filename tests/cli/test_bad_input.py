"""Bad input gets a clear error or a reported, counted fallback, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.cli.conftest import ROOT

TEXT = "新华社北京7月12日电 中共中央总书记给台湾青年回信。\n"


def _tree(tmp_path: Path, files: dict[str, bytes]) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for name, data in files.items():
        (src / name).write_bytes(data)
    return src


def test_legacy_encodings_are_detected_and_written_as_utf8(cleaner: Any, tmp_path: Path) -> None:
    trad = "後面的頭髮很長，我們明天見面吧。" * 20 + "\n"
    src = _tree(
        tmp_path,
        {
            "gbk.txt": (TEXT * 20).encode("gb18030"),
            "big5.txt": trad.encode("big5"),
            "utf16.txt": (TEXT * 5).encode("utf-16"),
            "utf16le.txt": (TEXT * 5).encode("utf-16-le"),
            "bom.txt": (TEXT * 5).encode("utf-8-sig"),
        },
    )
    r = cleaner("clean", src, "-o", tmp_path / "out", "--stages", "encoding")
    err = r.stderr.decode()
    assert r.returncode == 0, err
    out = tmp_path / "out"
    assert (out / "gbk.txt").read_text(encoding="utf-8") == TEXT * 20
    assert (out / "big5.txt").read_text(encoding="utf-8") == trad
    assert (out / "utf16.txt").read_text(encoding="utf-8") == TEXT * 5
    assert (out / "utf16le.txt").read_text(encoding="utf-8") == TEXT * 5
    assert (out / "bom.txt").read_text(encoding="utf-8") == TEXT * 5
    assert "gbk.txt: read as" in err and "big5.txt: read as" in err


def test_binary_file_is_skipped_and_reported(cleaner: Any, tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    src = _tree(tmp_path, {"image.txt": png, "ok.txt": TEXT.encode()})
    r = cleaner("clean", src, "-o", tmp_path / "out")
    err = r.stderr.decode()
    assert r.returncode == 1
    assert "image.txt: not cleaned" in err and "Traceback" not in err
    assert not (tmp_path / "out" / "image.txt").exists(), "no partial output for a skipped file"
    assert (tmp_path / "out" / "ok.txt").read_text(encoding="utf-8") == TEXT


def test_a_stray_nul_is_removed_with_a_record_not_the_file(cleaner: Any, tmp_path: Path) -> None:
    body = (TEXT * 2000).encode()
    src = _tree(tmp_path, {"nul.txt": (TEXT * 900 + "\x00" + TEXT * 1100).encode()})
    out, explain = tmp_path / "out", tmp_path / "x.jsonl"
    r = cleaner("clean", src, "-o", out, "--stages", "encoding", "--explain", explain)
    assert r.returncode == 0, r.stderr.decode()
    assert (out / "nul.txt").read_bytes() == body
    records = [json.loads(line) for line in explain.open(encoding="utf-8")]
    assert [(x["rule"], x["before"]) for x in records] == [("html_leftovers", "\x00")]


def test_undecodable_bytes_are_counted_not_dropped(cleaner: Any, tmp_path: Path) -> None:
    data = TEXT.encode() + b"\xff\xfe\xfa" + TEXT.encode()
    src = _tree(tmp_path, {"bad.txt": (TEXT * 3000).encode() + data})
    r = cleaner("clean", src, "-o", tmp_path / "out", "--stages", "encoding")
    assert r.returncode == 0
    assert "3 undecodable byte(s) replaced by U+FFFD" in r.stderr.decode()
    assert (tmp_path / "out" / "bad.txt").read_text(encoding="utf-8").count("\ufffd") == 3


def test_empty_file_gives_empty_output(cleaner: Any, tmp_path: Path) -> None:
    src = _tree(tmp_path, {"empty.txt": b""})
    r = cleaner("clean", src, "-o", tmp_path / "out", "--to", "simplified")
    assert r.returncode == 0, r.stderr.decode()
    assert (tmp_path / "out" / "empty.txt").read_bytes() == b""


def test_huge_line_is_cleaned_whole(cleaner: Any, tmp_path: Path) -> None:
    line = "頭髮,,很長" * 600_000  # 3.6 M characters, no line break
    src = _tree(tmp_path, {"huge.txt": line.encode()})
    r = cleaner("clean", src, "-o", tmp_path / "out", "--stages", "encoding,convert", "--to",
                "simplified")  # fmt: skip
    assert r.returncode == 0, r.stderr.decode()
    assert (tmp_path / "out" / "huge.txt").read_text(encoding="utf-8") == "头发，很长" * 600_000


def test_missing_path_and_bad_encoding_name(cleaner: Any, tmp_path: Path) -> None:
    r = cleaner("clean", tmp_path / "nope", "-o", tmp_path / "out")
    assert r.returncode == 2 and b"no such file" in r.stderr
    (tmp_path / "a.txt").write_text("甲\n", encoding="utf-8")
    r = cleaner("clean", tmp_path / "a.txt", "--encoding", "klingon")
    assert r.returncode == 1 and b"klingon" in r.stderr and b"Traceback" not in r.stderr


def test_windows_line_breaks_are_cleaned_like_unix_ones_and_counted(
    cleaner: Any, tmp_path: Path
) -> None:
    # a newspaper column: soft wraps to join, paragraph breaks to keep
    seed = next((ROOT / "seeds").glob("000_*.txt")).read_text(encoding="utf-8")
    lf = "".join(seed.splitlines(keepends=True)[:60])
    src = _tree(
        tmp_path,
        {
            "lf.txt": lf.encode("utf-8"),
            "crlf.txt": lf.replace("\n", "\r\n").encode("utf-8"),
            "cr.txt": lf.replace("\n", "\r").encode("utf-8"),
            "utf16.txt": lf.replace("\n", "\r\n").encode("utf-16"),
        },
    )
    out, stats = tmp_path / "out", tmp_path / "stats.json"
    r = cleaner("clean", src, "-o", out, "--stats", stats)
    assert r.returncode == 0, r.stderr.decode()
    want = (out / "lf.txt").read_bytes()
    assert want.count(b"\n") < lf.count("\n") // 2  # wraps joined
    for name in ("crlf.txt", "cr.txt", "utf16.txt"):
        assert (out / name).read_bytes() == want, name
    changes = json.loads(stats.read_text())["changes"]
    assert changes["encoding.newlines"] == 3 * lf.count("\n")
