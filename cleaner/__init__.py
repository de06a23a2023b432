"""cleaner: clean damaged Chinese text (encoding garbage, OCR layout, script)."""

from cleaner.api import Cleaner, Result, clean, clean_with_changes, get_pipeline
from cleaner.core.records import Change, Stats
from cleaner.core.replay import replay

__version__ = "0.1.0"
__all__ = [
    "Change",
    "Cleaner",
    "Result",
    "Stats",
    "clean",
    "clean_with_changes",
    "get_pipeline",
    "replay",
    "__version__",
]
