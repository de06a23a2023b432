"""What the stages count as a Han character: a CJK ideograph of the unified block,
extension A or the compatibility block (BMP only, as the rules' tables are)."""

from __future__ import annotations


def is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"
