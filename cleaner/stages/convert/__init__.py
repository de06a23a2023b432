"""Stage 3, convert: change script (Simplified, Traditional, Taiwan, Hong Kong)."""

from cleaner.stages.convert.opencc_rule import OpenCCConvert

RULES = [OpenCCConvert]
