"""Text read from a byte stream through a decode function, as it arrives.

The part of ``io.TextIOWrapper`` that cleaner uses (``read(n)``, lines), over a
decoder that may decide per line, which ``TextIOWrapper`` cannot host.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from typing import BinaryIO

CHUNK = 256 * 1024


class TextReader:
    def __init__(
        self,
        raw: BinaryIO,
        head: bytes,
        decode: Callable[[bytes, bool], str],
        translate_newlines: bool,
    ) -> None:
        self._read: Callable[[int], bytes] = getattr(raw, "read1", raw.read)
        self._head = head
        self._decode = decode
        self._newlines = io.IncrementalNewlineDecoder(None, True) if translate_newlines else None
        self._buf = ""
        self._eof = False

    def _more(self) -> str | None:
        """The next decoded piece ("" possible); None at the end of the stream."""
        if self._eof:
            return None
        data = self._head or self._read(CHUNK)
        self._head = b""
        self._eof = not data
        text = self._decode(data, self._eof)
        if self._newlines is not None:
            text = self._newlines.decode(text, self._eof)
        return text

    def read(self, n: int = -1) -> str:
        """Up to ``n`` characters (all with n < 0); "" only at the end."""
        pieces, have = [self._buf], len(self._buf)
        while n < 0 or have < n:
            piece = self._more()
            if piece is None:
                break
            pieces.append(piece)
            have += len(piece)
        text = "".join(pieces)
        if n < 0 or have <= n:
            self._buf = ""
            return text
        self._buf = text[n:]
        return text[:n]

    def readline(self) -> str:
        end = self._buf.find("\n") + 1
        pieces = [self._buf]
        while not end:
            piece = self._more()
            if piece is None:
                break
            pieces.append(piece)
            end = piece.find("\n") + 1
            if end:
                end += sum(map(len, pieces)) - len(piece)
        text = "".join(pieces) if len(pieces) > 1 else pieces[0]
        if not end:
            end = len(text)
        self._buf = text[end:]
        return text[:end]

    def __iter__(self) -> Iterator[str]:
        while line := self.readline():
            yield line
