"""The fast spec reader gives exactly what the located loader gives (data, types and lines), or
declines; it never accepts what the located loader refuses."""
import contextlib
import sys
from pathlib import Path
from unittest import mock

import yaml

from hypothesis import given, settings
from hypothesis import strategies as st

from sim.errors import SimError
from tests.strategies import mutated_specs, specs, to_yaml
from sim.spec.fastyaml import fast_loads
from sim.spec.yamlload import loads, read_text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from gen_plans import plan_yaml


def typed(x):
    if isinstance(x, dict):
        return ("d", tuple((typed(k), typed(v)) for k, v in x.items()))
    if isinstance(x, list):
        return ("l", tuple(typed(v) for v in x))
    return (type(x).__name__, x)


def located(text: str, pure: bool):
    """The located loader's reading of ``text`` (with libyaml, or with PyYAML's pure-Python loader as
    on a machine without libyaml), or None when it refuses the text."""
    with mock.patch.object(yaml, "CSafeLoader", yaml.SafeLoader) if pure else contextlib.nullcontext():
        try:
            return loads(text, "f.yaml")
        except SimError:
            return None


def same_or_declined(text: str) -> bool:
    """True when the fast reader read ``text`` (False when it declined); fails on any difference
    from the located loader, with libyaml or without."""
    fast = fast_loads(text, "f.yaml")
    if fast is None:
        return False
    for pure in (False, True):
        ref = located(text, pure)
        assert ref is not None, f"fast reader accepted what the located loader refuses (pure={pure}): {text!r}"
        assert typed(fast.data) == typed(ref.data), text
        assert fast.lines == ref.lines, text
    return True


def test_bundled_and_generated_specs_read_alike():
    import numpy as np
    read = [same_or_declined(read_text(p)) for p in sorted((ROOT / "specs").glob("*.yaml"))
            + sorted((ROOT / "scenarios").glob("*.yaml"))]
    rng = np.random.default_rng(3)
    generated = [same_or_declined(plan_yaml(i, rng, k=12)) for i in range(20)]
    assert all(generated) and sum(read) >= 3   # multi-line scalars are left to the located loader


KEY_LIST = ["id", "name", "target", "2021", "yes", "No", "'q'", '"d"', "a b", "x:y", "-k", "0x1F",
    "null", "~", "1.5", "1e3", "012", "2024-06-13", "&a", "*a", "!t", "?", "key ", "中文"]
KEYS = st.sampled_from(KEY_LIST)
VALUE_LIST = ["1", "-2.5", "1200以上", "'it''s'", '"q"', '"a\\"b"', "{2021: 1.0, 2022: 2}", "[1, 2]",
    "[{year: 2025, target: 3}]", "{a: {b: 1}}", "{a: 1,}", "{a:1}", "{a: 'x, y'}", "yes",
    "off", ".inf", "1_000", "1:30", "0o7", "https://x.y/z", "a # c", "a#b", "|", ">-",
    "- x", "'open", "{a: 1", "", "~", "null", "2万人以上", "**%", "x: y", "1.", "+5",
    "2024-06-13", "&a 1", "*a", "!!str 1", "%", "@x", "`x", "[a, [b]]", "{a: [1, 2]}",
    "x\u3000", "\u3000", "x\xa0", "{a: x\u3000}", "[x\u3000, y]", "'q'\u3000", "{a: x?y}",
    "[x?y]", "{x?: 1}", "x?y", "{2021: 1.5, 2022: 2}", "{2021: 1, 2021: 2}", "{2021: 012}",
    "{2021: 1.5e3}", "{2021: -.5}", "{0: 1.}", "{2021:  +3., 2022 : 4}", "{2021: 1_0.5}"]
VALUES = st.sampled_from(VALUE_LIST)


@st.composite
def documents(draw):
    lines = []
    for _ in range(draw(st.integers(1, 8))):
        indent = " " * draw(st.sampled_from([0, 0, 2, 4, 1, 3]))
        dash = draw(st.sampled_from(["", "", "- ", "-  ", "- - "]))
        key, value = draw(KEYS), draw(VALUES)
        form = draw(st.sampled_from(["kv", "kv", "k", "v", "comment", "blank"]))
        line = {"kv": f"{key}: {value}", "k": f"{key}:", "v": value, "comment": f"# {value}", "blank": ""}[form]
        lines.append(indent + dash + line + draw(st.sampled_from(["", "", "  # c", " ", "\t"])))
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n---\n", "\r\n"]))


def test_every_key_and_value_alone_agrees_or_declines():
    """Each sampled key and value on its own line, as an item and inside a plan's indicator."""
    import numpy as np
    plan = plan_yaml(0, np.random.default_rng(0), k=2)
    read = 0
    for value in VALUE_LIST:
        for key in KEY_LIST:
            read += same_or_declined(f"{key}: {value}\n")
        read += same_or_declined(f"- {value}\n- x\n")
        read += same_or_declined(plan.replace("    owner: ", f"    notes: {value}\n    owner: ", 1))
    assert read >= 400   # most keys and values are in the subset; the others are declined


@settings(max_examples=600)
@given(documents())
def test_fast_reader_agrees_or_declines(text):
    same_or_declined(text)


@settings(max_examples=300)
@given(st.integers(0, 10_000), st.sampled_from(list(":-#{}[]'\" \n\t,&*!|>2")), st.integers(0, 3))
def test_mutated_plan_agrees_or_declines(pos, ch, op):
    import numpy as np
    text = plan_yaml(0, np.random.default_rng(0), k=3)
    pos %= len(text)
    text = [text[:pos] + ch + text[pos:], text[:pos] + text[pos + 1:], text[:pos] + ch + text[pos + 1:],
            text[:pos] + "\n" + ch + text[pos:]][op]
    same_or_declined(text)


PLAIN_KEYS = ["id", "name", "unit", "target", "2021", "2022", "a b", "中文键", "x-y", "k_1", "'quoted key'", '"dq"']
PLAIN_VALUES = ["1", "-2.5", "0", "+5", "1.", "1200以上", "'it''s'", '"q r"', "yes", "Off", "null", "~", "2万人以上",
                "**%", "https://x.y/z", "a b  c", "增长8.5%左右", "1.95:1以内", "'1.0'", "'# not a comment'",
                "true", "3.5e+2", "中文 # comment", "-", "a-b", "x.y"]


def _doc(rng, depth=0, indent=0) -> list[str]:
    """Lines of a random block mapping in the reader's subset."""
    pad = " " * indent
    lines = []
    used = set()
    for _ in range(rng.randint(1, 4)):
        key = rng.choice(PLAIN_KEYS)
        if key in used:
            continue
        used.add(key)
        kind = rng.choice(["scalar", "scalar", "flow", "seq", "map", "flowseq", "empty"] if depth < 2 else ["scalar"])
        if kind == "scalar":
            lines.append(f"{pad}{key}: {rng.choice(PLAIN_VALUES)}")
        elif kind == "empty":
            lines.append(f"{pad}{key}:" + rng.choice(["", "  # nothing"]))
        elif kind == "flow":
            items = {rng.choice(["2020", "2021", "a", "b c"]): rng.choice(["1", "2.5", "x", "'y, z'"]) for _ in range(3)}
            lines.append(f"{pad}{key}: {{" + ", ".join(f"{k}: {v}" for k, v in items.items()) + "}")
        elif kind == "flowseq":
            lines.append(f"{pad}{key}: [{{year: 2025, target: {rng.choice(PLAIN_VALUES[:6])}}}, 3, 'x']")
        elif kind == "seq":
            lines.append(f"{pad}{key}:")
            inner = indent + rng.choice([0, 2])
            for _ in range(rng.randint(1, 3)):
                sub = _doc(rng, depth + 1, inner + 2)
                first = sub[0].lstrip(" ")
                lines.append(" " * inner + "- " + first)
                lines.extend(sub[1:])
        else:
            lines.append(f"{pad}{key}:")
            lines.extend(_doc(rng, depth + 1, indent + rng.choice([2, 4])))
        if rng.random() < 0.2:
            lines.append(rng.choice(["", "# a comment", pad + "  # indented comment"]))
    return lines


def test_random_documents_in_the_subset_read_alike():
    import random
    rng = random.Random(5)
    read = [same_or_declined("\n".join(_doc(rng)) + "\n") for _ in range(400)]
    assert sum(read) >= 250   # most are read (the rest declined, never different)


def outcome(load, *args) -> str:
    """The loaded spec (its repr: types and values of every field), or the located errors."""
    from sim.errors import SpecErrors
    try:
        return repr(load(*args))
    except SpecErrors as e:
        return "errors: " + "\n".join(map(str, e.errors))
    except SimError as e:
        return f"error: {e}"


def spec_alike(text: str, folder: Path) -> None:
    """``load_spec`` (the fast reader when it can) gives what the located loader gives: the same Spec
    or the same located errors."""
    from sim.spec.load import load_spec, loads_spec
    path = folder / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    assert outcome(load_spec, path) == outcome(loads_spec, text, str(path)), text


def test_generated_and_bundled_plans_load_alike_on_the_fast_path(tmp_path):
    import numpy as np

    from sim.spec.load import _build
    rng = np.random.default_rng(7)
    for i in range(20):
        text = plan_yaml(i, rng, k=30)
        fast = fast_loads(text)
        assert fast is not None and _build(fast, "") is not None   # read without the located loader
        spec_alike(text, tmp_path)
    for p in sorted((ROOT / "specs").glob("*.yaml")):
        spec_alike(read_text(p), tmp_path)


@settings(max_examples=100, deadline=None)
@given(st.one_of(specs(), mutated_specs()))
def test_specs_load_alike_on_the_fast_and_the_located_path(data):
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        spec_alike(to_yaml(data), Path(tmp))


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from(list(":-#{}[]'\" \n,&*!|>2.%\u3000") + ["yes", "1e16", "2021-01-01",
                                                                                  "{", "  ", "- "]),
       st.integers(0, 2))
def test_mutated_plans_load_alike_on_the_fast_and_the_located_path(pos, s, op):
    import tempfile

    import numpy as np
    text = plan_yaml(1, np.random.default_rng(1), k=4)
    pos %= len(text)
    text = [text[:pos] + s + text[pos:], text[:pos] + text[pos + 1:], text[:pos] + s + text[pos + 1:]][op]
    with tempfile.TemporaryDirectory() as tmp:
        spec_alike(text, Path(tmp))


PHRASE_PARTS = ["1200", "3.5", "1,200.5", "**", "一千", "以上", "以下", "左右", "以内", "多", "余", "达到", "不低于",
                "不超过", "突破", "约", "≥", "<", "保持在", "累计", "比2020年", "增长", "下降", "年均", "翻一番", "%",
                "个百分点", "万", "亿元", "人", "-", "~", "至", "〔", "〕", "力争", "，", "全国平均", "同步", "前列",
                "e5", "inf", " ", "１２", "*"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PHRASE_PARTS), min_size=1, max_size=4).map("".join),
       st.sampled_from(["", "%", "亿元", "万人", "人", "家"]), st.sampled_from([None, "increase", "decrease"]))
def test_level_shortcut_reads_as_the_general_path(text, unit, direction):
    """Phrases that can only be levels skip the other forms' patterns: the same targets or error."""
    from sim.spec import phrases

    def read():
        try:
            return repr(phrases._parse(text, unit=unit, year=2027, direction=direction, base_year=2020,
                                       name="地区生产总值"))
        except phrases.PhraseError as e:
            return f"error: {e} ({e.hint})"
    fast = read()
    with mock.patch.object(phrases, "_only_level", lambda s: False):
        assert fast == read(), text


def test_a_malformed_chinese_numeral_is_a_located_error(tmp_path):
    import numpy as np

    from sim.errors import SpecErrors
    from sim.spec.load import load_spec
    text = plan_yaml(0, np.random.default_rng(0), k=2)
    target = next(line for line in text.splitlines() if "target:" in line)
    path = tmp_path / "plan.yaml"
    path.write_text(text.replace(target, '    target: "一千一千以上"'), encoding="utf-8")
    try:
        load_spec(path)
    except SpecErrors as e:
        assert len(e.errors) == 1 and "一千一千" in str(e.errors[0]) and e.errors[0].line
    else:
        raise AssertionError("a malformed numeral was read")
