"""OpenCC configurations: the ``to`` aliases and which script each one reads.

``to`` names a target; a paragraph is converted with the configuration for the
script it is written in (``SOURCE``), or left alone when it is already in the
target script (``None``).
"""

from __future__ import annotations

from cleaner.stages.convert.backend import available_configs

# to -> (config for Simplified paragraphs, config for Traditional paragraphs)
TARGETS: dict[str, tuple[str | None, str | None]] = {
    "keep": (None, None),
    "simplified": (None, "t2s"),
    "traditional": ("s2t", None),
    "taiwan": ("s2tw", "t2tw"),
    "hongkong": ("s2hk", "t2hk"),
}

# every configuration the official OpenCC ships (the reimplementation has fewer)
OPENCC_CONFIGS = ("hk2s", "hk2sp", "hk2t", "jp2t", "s2hk", "s2hkp", "s2t", "s2tw", "s2twp",
                  "t2hk", "t2jp", "t2s", "t2tw", "tw2s", "tw2sp", "tw2t")  # fmt: skip


def config_names() -> list[str]:
    """The names a rule file may give: OpenCC's (the backend says if it lacks one)."""
    return sorted({*OPENCC_CONFIGS, *available_configs()})


SIMPLIFIED = "simplified"
TRADITIONAL = "traditional"


def source_script(config: str) -> str | None:
    """The script a configuration reads: simplified, traditional, or None when it
    converts between variants of one script (t2tw, hk2t, t2jp ...) or is unknown."""
    name = config.rsplit("/", 1)[-1].removesuffix(".json")
    if name.startswith("s2"):
        return SIMPLIFIED
    if name.endswith(("2s", "2sp")) and not name.startswith("s"):
        return TRADITIONAL
    return None
