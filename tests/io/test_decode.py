"""Decoding input bytes (issue #10, items 5 and 6): nothing lost, and the right codec."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest

from cleaner.io import char_freq
from cleaner.io.decode import Decoded, NotText, open_text

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
LINE = "新华社北京7月12日电 中共中央总书记给台湾青年回信。\n"
TRAD = "後面的頭髮很長，我們明天見面吧。\n"


def decode(data: bytes, chunks: int = 0) -> tuple[str, Decoded]:
    """All of ``data`` decoded; with ``chunks``, delivered that many bytes per read."""
    raw: io.RawIOBase | io.BytesIO = Trickle(data, chunks) if chunks else io.BytesIO(data)
    text, info = open_text(raw, newline="")  # type: ignore[arg-type]
    return text.read(), info


class Trickle(io.RawIOBase):
    """A stream that delivers ``size`` bytes per read, like a pipe."""

    def __init__(self, data: bytes, size: int) -> None:
        self.data, self.size = data, size

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        piece, self.data = self.data[: self.size], self.data[self.size :]
        return piece

    read1 = read


# item 5: a few bytes of GBK are GBK, and the warning says why


@pytest.mark.parametrize("word", ["中文", "中文字", "你好吗", "北京", "学习", "谢谢"])
def test_a_few_bytes_of_gbk_read_as_gbk(word: str) -> None:
    text, info = decode(word.encode("gbk"))
    assert text == word
    assert (info.encoding, info.how) == ("gb18030", "detected")


def test_close_call_is_reported_with_the_runner_up() -> None:
    _, info = decode("中文".encode("gbk"))  # Big5 reads the same 4 bytes as 笢恅
    warning = info.warnings("a.txt")[0]
    assert "read as gb18030" in warning and "close call on 4 byte(s): big5 also fits" in warning
    _, info = decode("学习".encode("gbk"))  # valid UTF-8 too: ѧϰ
    assert "UTF-8 too" in info.why


@pytest.mark.parametrize("word", ["後面", "電腦", "頭髮很長", "臺灣"])
def test_a_few_bytes_of_big5_read_as_big5(word: str) -> None:
    text, info = decode(word.encode("big5"))
    assert (text, info.encoding) == (word, "big5")


def test_long_documents_are_not_called_close() -> None:
    text, info = decode((LINE * 50).encode("gbk"))
    assert text == LINE * 50 and info.encoding == "gb18030" and not info.why
    text, info = decode((TRAD * 50).encode("big5"))
    assert text == TRAD * 50 and info.encoding == "big5" and not info.why


# item 6: bad bytes are counted, not refused; legacy text is found anywhere


def test_utf8_with_a_few_bad_bytes_is_utf8_with_them_counted() -> None:
    cut = "中共中央".encode()[:-1]  # a character that lost its last byte
    data = (LINE * 3).encode() + b"\xff" + LINE.encode() + cut + LINE.encode()
    text, info = decode(data)
    assert text == LINE * 3 + "\ufffd" + LINE + "中共中\ufffd" + LINE  # one per bad stretch
    assert info.replaced == 3 and info.encoding == "utf-8" and not info.legacy_lines
    assert "3 undecodable byte(s) replaced by U+FFFD" in info.warnings("a.txt")[0]


def test_bad_byte_inside_a_line_keeps_the_rest_of_the_line() -> None:
    text, info = decode("前面".encode() + b"\x80" + "后面\n".encode())
    assert (text, info.replaced) == ("前面\ufffd后面\n", 1)


def test_gbk_after_64k_of_ascii_is_gbk() -> None:
    ascii_part = "x = 1  # config\n" * 5000  # 80 KB
    text, info = decode(ascii_part.encode() + (LINE * 3).encode("gbk"))
    assert text == ascii_part + LINE * 3
    assert (info.encoding, info.replaced) == ("gb18030", 0)


def test_gbk_after_utf8_far_into_the_file_is_decoded_per_line_and_reported() -> None:
    utf8_part = (TRAD * 8000).encode()  # 400 KB of UTF-8, several chunks
    text, info = decode(utf8_part + (LINE * 3).encode("gbk") + TRAD.encode())
    assert text == TRAD * 8000 + LINE * 3 + TRAD
    assert info.how == "mixed" and info.legacy_lines == {"gb18030": 3}
    warning = info.warnings("m.txt")[0]
    assert "mixed encodings: 3 line(s) read as gb18030, the others as UTF-8" in warning


def test_utf8_long_after_gbk_is_still_reported_as_mixed() -> None:
    gbk = (LINE * 2).encode("gbk")  # alone in the first read; UTF-8 only after it
    text, info = decode(gbk + (TRAD * 100).encode(), chunks=len(gbk))
    assert text == LINE * 2 + TRAD * 100
    assert info.how == "mixed" and info.legacy_lines == {"gb18030": 2}


def test_mixed_lines_alternating() -> None:
    lines = [LINE.encode("gbk") if i % 3 == 0 else LINE.encode() for i in range(30)]
    text, info = decode(b"".join(lines))
    assert text == LINE * 30 and info.replaced == 0
    assert info.legacy_lines == {"gb18030": 10} and info.how == "mixed"


@pytest.mark.parametrize("size", [1, 3, 7, 4096])
def test_a_stream_in_small_pieces_decodes_the_same(size: int) -> None:
    data = (LINE * 20).encode() + (LINE * 5).encode("gbk") + b"\xff" + (LINE * 2).encode()
    assert decode(data, chunks=size) == decode(data)


def test_a_stream_is_decoded_as_it_arrives() -> None:
    first = ("x" * 100 + "\n").encode()

    class Pipe(Trickle):
        def read(self, n: int = -1) -> bytes:
            assert self.data, "read past what has arrived"
            return super().read(n)

        read1 = read

    text, _ = open_text(Pipe(first + LINE.encode("gbk"), len(first)))  # type: ignore[arg-type]
    assert text.readline() == first.decode()  # before the GBK line is read


def test_other_legacy_encodings_still_read() -> None:
    for sample, enc in [
        ("日本語のテキストです。東京は日本の首都です。\n" * 5, "cp932"),
        ("대한민국은 동아시아의 한반도 남부에 위치한 나라이다.\n" * 5, "cp949"),
        ("Le café était très animé, à bientôt.\n" * 5, "cp1252"),
    ]:
        text, info = decode(sample.encode(enc))
        assert (text, info.encoding) == (sample, enc)


def test_binary_is_still_refused() -> None:
    with pytest.raises(NotText):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    noise = random.Random(10).randbytes(20000)
    noise = bytes(b for b in noise if b >= 0x20 or b in b"\n")  # no NUL, no controls
    with pytest.raises(NotText):
        decode(b"plain text first\n" * 5000 + noise)
    with pytest.raises(NotText):  # was read as UTF-16-LE: U+0100 U+6102 U+6362
        decode(b"\x00\x01\x02abc\x00")


def test_stray_nuls_in_text_are_text_and_dense_nuls_are_binary() -> None:
    """A stray NUL (scraped pages hold them) leaves the file text, for html_leftovers to
    remove with a record; NUL bytes as dense as binary data has them refuse it."""
    body = (LINE * 3000).encode()
    stray = (LINE * 800 + "\x00" + LINE * 800 + "\x00" + LINE * 1400).encode()
    text, info = decode(stray)
    assert text.count("\x00") == 2 and text.replace("\x00", "") == LINE * 3000
    assert info.encoding == "utf-8"
    dense = bytearray(body)
    dense[1000:2000:8] = bytes(125)  # 125 NULs in the first KB, each where a byte was
    with pytest.raises(NotText):
        decode(bytes(dense))
    late = body + bytes(random.Random(3).randbytes(1 << 17))  # binary after 260 KB of text
    with pytest.raises(NotText):
        decode(late)


def test_valid_utf8_needs_no_character_table() -> None:
    char_freq.log_freq.cache_clear()
    text, info = decode((LINE * 2000).encode())
    assert text == LINE * 2000 and info.how == "utf-8" and not info.warnings("a")
    assert char_freq.log_freq.cache_info().currsize == 0


def test_newlines_are_translated_only_when_asked() -> None:
    data = "甲\r\n乙\r丙\n".encode("gbk")
    text, _ = open_text(io.BytesIO(data))
    assert list(text) == ["甲\n", "乙\n", "丙\n"]
    assert decode(data)[0] == "甲\r\n乙\r丙\n"


def test_a_few_undecodable_bytes_are_counted_not_refused() -> None:
    text, info = decode(b"ab\x80\xffcd")  # too few bytes to call binary
    assert text.startswith("ab") and text.endswith("cd") and "\ufffd" in text
    assert info.replaced == 2


def test_two_character_documents_from_the_seeds() -> None:
    """Every two-Han-character stretch of the seeds whose bytes both GBK and Big5 read,
    as a whole document, GBK and (converted to Traditional) Big5. Measured: GBK 6244/6271
    (99.6%), Big5 7110/7188 (98.9%); charset-normalizer's choice (the old decoder) read
    中文 as Big5."""
    import re

    import opencc

    seeds = "".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    words = sorted({r[i : i + 2] for r in re.findall(r"[\u4e00-\u9fff]+", seeds)
                    for i in range(len(r) - 1)})  # fmt: skip
    s2t = opencc.OpenCC("s2t")
    for enc, other, convert, need in [
        ("gbk", "big5", str, 0.99),
        ("big5", "gb18030", s2t.convert, 0.985),
    ]:
        right = total = 0
        for word in map(convert, words):
            try:
                data = word.encode(enc)
                data.decode(other)
            except UnicodeError:
                continue  # not ambiguous
            total += 1
            right += decode(data)[0] == word
        assert right >= need * total, f"{enc}: {right}/{total}"
