"""Readings of a Han character, from pypinyin, in the spellings annotations use.

An annotation may be tone-marked (``xué``), tone-numbered (``xue2``, neutral
``de`` or ``de5``), with ``ü`` written ``v`` or ``u:``, upper case, or with
combining tone marks; :func:`normalize` brings all of them to one spelling.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache


def normalize(syllable: str) -> str:
    """One spelling for comparison: NFC, lower case, ``v``/``u:`` as ``ü``.

    >>> normalize("LV4"), normalize("lu:4"), normalize("xue\u0301")
    ('lü4', 'lü4', 'xué')
    """
    s = unicodedata.normalize("NFC", syllable).lower()
    return s.replace("u:", "ü").replace("v", "ü")


@lru_cache(maxsize=65536)
def readings(ch: str) -> frozenset[str]:
    """Every reading pypinyin knows for ``ch``, tone-marked and tone-numbered.

    >>> sorted(readings("學"))[:3]
    ['hua2', 'huá', 'jiao4']
    """
    from pypinyin import Style, pinyin  # imported on the first candidate: 0.1 s at start-up

    out: set[str] = set()
    for style, five in ((Style.TONE, False), (Style.TONE3, False), (Style.TONE3, True)):
        for r in pinyin(ch, heteronym=True, style=style, neutral_tone_with_five=five)[0]:
            if r != ch:  # pypinyin echoes characters it does not know
                out.add(normalize(r))
    return frozenset(out)


def is_reading(ch: str, syllable: str) -> bool:
    """True if ``syllable`` (any accepted spelling) is a reading of ``ch``."""
    return normalize(syllable) in readings(ch)
