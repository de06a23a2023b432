"""End to end: 001's article, cleaned and converted, against the print edition in 000.

000 (OCR of the newspaper, Simplified) and 001 (scraped web page, Traditional)
carry the same Guangdong conference article. With whitespace removed on both
sides, the cleaned 001 body should match 000's within the ~15 wording edits that
separate the two editions (ARTIFACTS.md).
"""

from __future__ import annotations

from pathlib import Path

import regex
from rapidfuzz.distance import Levenshtein

from cleaner.core.pipeline import Pipeline

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

# where the article body starts and ends in each edition (headlines excluded:
# the print edition sets them after the body)
PRINT_START, PRINT_END = "7 月 12 日，全省疫情防控工作", "主要负责同志参加会议。"
WEB_START, WEB_END = "7月12日", "參加會議。"
THRESHOLD = 0.99


def _seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def _extent(text: str, start: str, end: str) -> str:
    a = text.index(start)
    return text[a : text.index(end, a) + len(end)]


def _squeeze(text: str) -> str:
    return regex.sub(r"\s+", "", text)


def test_001_body_matches_000_after_cleaning() -> None:
    reference = _squeeze(_extent(_seed("000"), PRINT_START, PRINT_END))
    raw = _seed("001")
    pipeline = Pipeline(
        stages=["encoding", "convert"],
        overrides={"convert": {"opencc": {"to": "simplified"}}},
    )
    cleaned = pipeline.clean_text(raw, path="001")
    before = Levenshtein.normalized_similarity(
        _squeeze(_extent(raw, WEB_START, WEB_END)), reference
    )
    body = _extent(cleaned, "7月12日", "参加会议。")
    after = Levenshtein.normalized_similarity(_squeeze(body), reference)
    print(f"001 vs 000 similarity: raw {before:.4f}, cleaned {after:.4f}")
    assert before < 0.6, "the raw text should be far from the print edition"
    assert after >= THRESHOLD
