"""How many characters differ between two strings of the same length, at C speed.

Conversion statistics count changed characters whatever the unit of the records
(``run`` makes one record per converted stretch, ``char`` one per character), so
this runs on every converted stretch and must stay cheap next to OpenCC itself:
both strings become one big integer each (UTF-16 code units, or UTF-32 where a
character lies outside the BMP), their XOR is folded so that bit 0 of each lane
says "this character differs", and the set bits are counted.

>>> differing("頭髮很長", "头发很长")
2
"""

from __future__ import annotations

_masks: dict[int, int] = {}  # lane width -> bit 0 of each lane, for the longest text so far


def _lane_mask(width: int, lanes: int) -> int:
    """Bit 0 of each of at least ``lanes`` lanes (an AND only reads the shorter operand)."""
    mask = _masks.get(width, 0)
    if mask.bit_length() < width * (lanes - 1) + 1:
        one = (1).to_bytes(width // 8, "little")
        mask = int.from_bytes(one * max(2 * lanes, 4096), "little")
        _masks[width] = mask
    return mask


def differing(a: str, b: str) -> int:
    """The number of positions where ``a`` and ``b`` (of equal length) differ."""
    if len(a) != len(b):
        raise ValueError("differing() compares strings of the same length")
    if a == b:
        return 0
    n = len(a)
    ea = a.encode("utf-16-le", "surrogatepass")
    eb = b.encode("utf-16-le", "surrogatepass")
    width = 16
    if len(ea) != 2 * n or len(eb) != 2 * n:  # a character outside the BMP: whole code points
        ea, eb, width = (
            a.encode("utf-32-le", "surrogatepass"),
            b.encode("utf-32-le", "surrogatepass"),
            32,
        )
    x = int.from_bytes(ea, "little") ^ int.from_bytes(eb, "little")
    shift = width // 2
    while shift:  # OR every bit of a lane into its bit 0 (higher bits become noise)
        x |= x >> shift
        shift //= 2
    return (x & _lane_mask(width, n)).bit_count()
