"""Numbers as plans write them: Arabic (full-width folded by NFKC) and Chinese numerals.

Chinese numerals are read up to 千 (一千, 一百二十, 两, 十二, 三千五百); the magnitude words
万/亿 that follow them are part of the unit (一千亿 is 1000 in 亿), so that the value lands
in the indicator's unit. (cn2an was evaluated: it reads 一千亿 as 1e11 and costs ~80 ms of
import on the `sim check` path.)
"""
from __future__ import annotations

import re

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}


SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}


ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"


CHINESE = r"[零〇一二两三四五六七八九十百千]+"


ARABIC_RE = re.compile(ARABIC)


def chinese_to_int(text: str) -> int:
    """Value of a Chinese numeral below 10,000 (``一千`` 1000, ``十二`` 12, ``一百零五`` 105).

    Raises ValueError on malformed input (``千千``, ``一二``).
    """
    if not text or any(c not in DIGITS and c not in SMALL_UNITS for c in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    total, digit, last_unit = 0, None, 10_000
    for c in text:
        if c in DIGITS:
            if digit is not None and digit != 0:
                raise ValueError(f"malformed Chinese numeral: {text!r}")
            digit = DIGITS[c]
        else:
            unit = SMALL_UNITS[c]
            if unit >= last_unit:
                raise ValueError(f"malformed Chinese numeral: {text!r}")
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
    return total + (digit or 0)


def parse_number(text: str) -> float:
    """An Arabic number (``1,200.5``) or a Chinese numeral, as float."""
    if ARABIC_RE.fullmatch(text):
        return float(text.replace(",", ""))
    return float(chinese_to_int(text))
