"""`sim extract` writes its draft's prose (header comments, `# unread:` reasons, review_reason,
notes) and its stderr summary in --lang: Chinese by default, with no English sentence; the YAML
values that are data (ids, numbers, targets) are the same in both languages."""
from __future__ import annotations

import json
import re

import yaml
from click.testing import CliRunner

from sim.cli import main
from sim.extract.draft import extract_file, extract_text
from tests.test_extract import SEEDS, seed
from tests.test_extract_corpus import DOCS
from tests.zh import english

UNREAD = re.compile(r'# unread: (.*?): ("(?:[^"\\]|\\.)*"): (.*)$')


def prose(draft_yaml: str) -> list[str]:
    """The draft's own sentences: comments (without the document text an unread line quotes),
    review reasons and notes."""
    out = []
    for line in draft_yaml.splitlines():
        s = line.strip()
        m = UNREAD.match(s)
        if m:
            out += [m.group(1), m.group(3)]
        elif s.startswith("#"):
            out.append(s)
        elif s.startswith(("review_reason:", "notes:")):
            out.append(json.loads(s.split(": ", 1)[1]))
    return out


def data(draft_yaml: str):
    """The draft's YAML without its prose (comments, review reasons, notes, the words of a
    source's location in a file: `表 1 第 4 行` / `table 1, row 4`)."""
    d = yaml.safe_load(draft_yaml)
    for i in d["indicators"]:
        i.pop("review_reason", None)
        i.pop("notes", None)
        i["source"]["text"] = i["source"]["text"].split(": ", 1)[-1]
    return d


def test_zh_drafts_have_no_english_sentences_and_the_same_data_as_en():
    reasons = 0
    for path in [seed(s) for s in SEEDS] + list(DOCS):
        zh, en = extract_file(path), extract_file(path, lang="en")
        lines = prose(zh.yaml)
        assert lines and not [(path.name, t) for t in lines if english(t)]
        assert data(zh.yaml) == data(en.yaml), path.name
        reasons += sum("review_reason:" in x for x in zh.yaml.splitlines())
        assert any(english(t) for t in prose(en.yaml))          # the detector sees the English ones
    assert reasons > 20


def test_unread_and_refused_reasons_follow_lang():
    text = "附表\n指标 | 2020年 | 2025年目标\n城镇化率(%) | 90 | 120\n森林覆盖率(%) | 20 | 25\n"
    zh, en = extract_text(text, "r.txt"), extract_text(text, "r.txt", lang="en")
    assert '# unread: 第 3 行: "城镇化率(%) | 90 | 120": 未通过规划检查:' in zh.yaml
    assert '# unread: line 3: "城镇化率(%) | 90 | 120": refused by the spec check' in en.yaml
    assert not [t for t in prose(zh.yaml) if english(t)]


def test_cli_extract_lang():
    r = CliRunner().invoke(main, ["extract", str(seed("000"))])
    assert r.exit_code == 0 and "需审阅" in r.stderr and "# 使用前请审阅" in r.stdout
    assert not english(r.stderr) and not [t for t in prose(r.stdout) if english(t)]
    kinds = next(line for line in r.stderr.splitlines() if line.strip().startswith("目标:"))
    assert "总量" in kinds and not re.search("[a-z]", kinds)       # kinds named in Chinese, as validate names them
    r = CliRunner().invoke(main, ["extract", str(seed("000")), "--lang", "en"])
    assert r.exit_code == 0 and "needing review" in r.stderr and "# Review before use" in r.stdout
    assert re.search(r"targets: \d+ \(level \d+", r.stderr)
