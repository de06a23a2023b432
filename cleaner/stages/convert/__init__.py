"""Stage 3, convert: change script (Simplified, Traditional, Taiwan, Hong Kong, ...).

The override rules run first only to hand their tables to ``opencc``, which applies
them around the conversion so that they win in every configuration."""

from cleaner.stages.convert.opencc_rule import OpenCCConvert
from cleaner.stages.convert.overrides import CornerQuotes, Overrides

RULES = [Overrides, CornerQuotes, OpenCCConvert]
