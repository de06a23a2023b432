"""Character classes shared by the encoding stage's rules (regex syntax, no brackets).

``STRONG`` marks Chinese context: Han, CJK symbols and punctuation, full-width
forms, CJK brackets. Curly quotes are shared with English, so they count only
through the character on their far side (see ``fold_punct``).
"""

from __future__ import annotations

STRONG = r"\p{Han}\u3000-\u303f\uff01-\uff60\ufe30-\ufe4f\u2026\u2014\u00b7"
QUOTES = "\u201c\u201d\u2018\u2019"
# after an ASCII '?', these make it look like the anchor of a GBK stretch (gbk_shift):
# a letter, a CJK mark the comma tool marked, or an ASCII mark (':' as well as '：', so
# that folding the mark after a '?' does not make the '?' an anchor in a second pass)
QUESTION_ANCHOR_NEXT = r"A-Za-z\u3001\u3002\uff0c\uff1b\uff1a,;:!?"
# ASCII marks a '?' anchor keeps unfolded when they touch it, in a run
ANCHOR_RUN = ",;:!?"
# what Chinese text decoded from a two-byte codec may hold besides Han: CJK marks,
# full-width forms, and the symbols of the codecs' first rows (· ° × — ‖ ① Ⅲ ∶ № ■ →,
# Greek, Cyrillic)
CJK_DECODED = (
    r"\p{Han}\u3000-\u303f\uff00-\uffef\u3200-\u33ff\ufe30-\ufe4f\u2000-\u206f"
    r"\u2100-\u27bf\u00a0-\u00bf\u00d7\u00f7\u0391-\u03c9\u0401-\u0451"
)
# what an annotation scraped with GBK or Big5 text decodes to besides ASCII letters:
# the tone letters of GBK's pinyin row (A8A1-A8C0) and Big5's zhuyin and tone marks
TONE_LETTERS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
ANNOTATION_DECODED = TONE_LETTERS + "êɑńňǹɡ\u3105-\u312f\u02c7\u02ca\u02cb\u02d9"
# what cp1252 shows for the bytes 0x80-0x9F (Œ ‚ € ™ ...; five bytes it leaves undefined)
CP1252_HIGH = "".join(bytes((b,)).decode("cp1252", "ignore") for b in range(0x80, 0xA0))
