"""Text read from a byte stream through a decode function, as it arrives.

The part of ``io.TextIOWrapper`` that cleaner uses (``read(n)``, lines), over a
decoder that may decide per line, which ``TextIOWrapper`` cannot host. On live
input (``ready`` given: a pipe or a terminal, see cleaner.io.live) a read returns what
has arrived once the input pauses, and ``paused`` says so.
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
        ready: Callable[[], bool] | None = None,
        release: Callable[[], str] | None = None,
    ) -> None:
        self._read: Callable[[int], bytes] = getattr(raw, "read1", raw.read)
        self._head = head
        self._decode = decode
        self._newlines = io.IncrementalNewlineDecoder(None, True) if translate_newlines else None
        self._buf = ""
        self._eof = False
        self._ready = ready  # live input: more arrives within a pause
        self._release = release  # the decoder's held-back complete lines
        self.paused = False  # the last read ended because the input paused

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

    def _held(self) -> str | None:
        """None while input keeps coming; when live input has paused, the text the
        decoder held back ("" if none)."""
        if self._ready is None or self._eof or self._head or self._ready():
            return None
        text = self._release() if self._release is not None else ""
        return self._newlines.decode(text) if self._newlines is not None else text

    def read(self, n: int = -1) -> str:
        """Up to ``n`` characters (all with n < 0); "" only at the end. Live input:
        what has arrived, once it pauses."""
        pieces, have = [self._buf], len(self._buf)
        self.paused = False
        while n < 0 or have < n:
            held = self._held()
            if held is not None:
                pieces.append(held)
                have += len(held)
                if have:
                    self.paused = True
                    break
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
            piece = self._held() or self._more()
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
