"""What counts as an English sentence in Chinese output: three or more words of two or more Latin
letters in a row, not part of an id, a file path or a formula (ids, units, YAML keys, option names
and file names are allowed)."""
from __future__ import annotations

import re

ENGLISH = re.compile(r"(?<![\w./\\-])[A-Za-z]{2,}(?:[ ,;:]+[A-Za-z]{2,}){2,}(?![\w./(-])")


def english(text: str) -> list[str]:
    """The English runs of ``text`` outside `backquoted` code (commands, YAML)."""
    return [m.group(0) for m in ENGLISH.finditer(re.sub(r"`[^`\n]*`", " ", text))]
