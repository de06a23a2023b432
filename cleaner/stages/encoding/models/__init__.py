"""The models the encoding rules share, apart from the rules that use them.

* ``char_model``: a character trigram model, how well a string reads as Chinese
  (gbk_shift, utf8_as_gbk, utf8_mojibake, legacy_mojibake rank readings with it);
* ``word_model``: jieba's word list, how much of a string joins into words (gbk_shift's
  check of a repair);
* ``pinyin_readings``: the readings of each Han character (pinyin, reading_lines,
  gbk_shift's annotation constraint).

Their data, built by the scripts in ``scripts/``, is in ``data/``; each loads on first use.
"""
