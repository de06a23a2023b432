"""What decoding a stream found: the encoding(s), how they were chosen, bytes replaced."""

from __future__ import annotations

import codecs
import threading
from collections import Counter
from dataclasses import dataclass, field

COUNTING = "cleaner-count"  # error handler: U+FFFD for each bad stretch, bytes counted
_tally = threading.local()


class NotText(Exception):
    """The input is binary or in no encoding we can name."""


def _count(err: UnicodeError) -> tuple[str, int]:
    assert isinstance(err, UnicodeDecodeError)
    _tally.n = getattr(_tally, "n", 0) + err.end - err.start
    return "\ufffd", err.end


codecs.register_error(COUNTING, _count)


def decode_counting(data: bytes, encoding: str) -> tuple[str, int]:
    """``data`` decoded, bad bytes as U+FFFD, and how many bytes were bad."""
    _tally.n = 0
    return data.decode(encoding, COUNTING), _tally.n


def count_during(decode: codecs.IncrementalDecoder, data: bytes, final: bool) -> tuple[str, int]:
    """One call of an incremental decoder made with errors=COUNTING, and its bad bytes."""
    _tally.n = 0
    return decode.decode(data, final), _tally.n


@dataclass
class Decoded:
    """Filled in while the stream is read; complete once it is read to the end."""

    encoding: str  # "utf-8" for UTF-8 (and ASCII, and mixed input), else the legacy codec
    how: str  # "bom", "utf-8", "detected", "given", "mixed"
    replaced: int = 0  # bytes that decoded to U+FFFD
    legacy_lines: Counter[str] = field(default_factory=Counter)  # codec -> lines it read
    utf8_text: bool = False  # non-ASCII UTF-8 was seen
    why: str = ""  # how a close choice between codecs was made

    @property
    def replaced_count(self) -> int:
        return self.replaced

    def settle(self) -> None:
        """Name the encoding from what was seen: a legacy codec alone, or mixed."""
        if not self.legacy_lines:
            return
        if self.utf8_text or len(self.legacy_lines) > 1:
            self.encoding, self.how = "utf-8", "mixed"
        else:
            self.encoding, self.how = next(iter(self.legacy_lines)), "detected"

    def warnings(self, path: str) -> list[str]:
        out = []
        why = f"; {self.why}" if self.why else ""
        if self.how == "mixed":
            lines = ", ".join(f"{n} line(s) read as {enc}" for enc, n in
                              self.legacy_lines.most_common())  # fmt: skip
            rest = ", the others as UTF-8" if self.utf8_text else ""
            out.append(f"{path}: mixed encodings: {lines}{rest}{why}; written as UTF-8")
        elif self.how in ("detected", "bom") and self.encoding not in ("utf-8", "utf-8-sig"):
            out.append(f"{path}: read as {self.encoding} ({self.how}{why}); written as UTF-8")
        if self.replaced:
            out.append(
                f"{path}: {self.replaced} undecodable byte(s) replaced by U+FFFD "
                "(use --encoding to name the right codec)"
            )
        return out
