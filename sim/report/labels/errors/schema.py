"""Errors of a file's shape (pydantic's error types, sim.spec.schemamsg, and sim.spec.located):
code -> (English, 中文)."""
from __future__ import annotations


def _list(lang: str, items) -> str:
    return ("、" if lang == "zh" else ", ").join(f"'{x}'" for x in items)


def _keys(lang: str, items) -> str:
    return ("、" if lang == "zh" else ", ").join(str(x) for x in items)


TEMPLATES: dict[str, tuple] = {
    "schema.missing": ("required", "必填"),
    "schema.extra": ("not a known key", "不是可用的键"),
    "schema.int": ("expected a whole number", "应为整数"),
    "schema.float": ("expected a number", "应为数字"),
    "schema.finite": ("expected a finite number", "应为有限的数字"),
    "schema.str": ("expected text", "应为文本"),
    "schema.bool": ("expected true or false", "应为 true 或 false"),
    "schema.dict": ("expected a mapping (key: value lines)", "应为映射(键: 值 的若干行)"),
    "schema.list": ("expected a list", "应为列表"),
    "schema.date": ("expected a date (YYYY-MM-DD)", "应为日期(YYYY-MM-DD)"),
    "schema.none": ("expected nothing (null)", "应为空(null)"),
    "schema.gt": ("must be greater than {gt}", "须大于{gt}"),
    "schema.ge": ("must be at least {ge}", "须不小于{ge}"),
    "schema.lt": ("must be less than {lt}", "须小于{lt}"),
    "schema.le": ("must be at most {le}", "须不大于{le}"),
    "schema.too_short": ("needs at least {min_length} item(s)", "至少需要{min_length}项"),
    "schema.too_long": ("has more than {max_length} item(s)", "超过{max_length}项"),
    "schema.str_too_short": ("needs at least {min_length} character(s)", "至少需要{min_length}个字符"),
    "schema.str_too_long": ("has more than {max_length} character(s)", "超过{max_length}个字符"),
    "schema.pattern": ("does not match the pattern {pattern}", "不符合格式 {pattern}"),
    "schema.literal": (lambda lang, options: "expected one of " + _list(lang, options),
                       lambda lang, options: "应为以下之一:" + _list(lang, options)),
    "schema.tag_missing": ("`{discriminator}:` is missing", "缺少 `{discriminator}:`"),
    "schema.tag_invalid": (
        lambda lang, tag, discriminator, options: f"unknown {discriminator} '{tag}': expected one of "
        + _list(lang, options),
        lambda lang, tag, discriminator, options: f"未知的 {discriminator} '{tag}':应为以下之一:" + _list(lang, options)),
    "schema.invalid": ("invalid value", "无效的值"),
    "schema.yes_no": ("a yes/no value is not a number", "是/否值不是数字"),
    "schema.beyond": ("{value:g} is beyond ±{limit:.0e}, more than any plan's figure can mean (check the number and the unit)",
                      "{value:g} 超出 ±{limit:.0e},不是规划中可能的数字(请检查数字和单位)"),
    "schema.given": ("{what}: {value}", "{what}:{value}"),
    # sim.spec.located
    "located.unknown_key": ("unknown key '{key}'", "未知的键 '{key}'"),
    "located.known_keys": (lambda lang, keys: "known keys here: " + _keys(lang, keys),
                           lambda lang, keys: "此处可用的键:" + _keys(lang, keys)),
    "located.remove_it": ("remove it", "请删除该键"),
    "located.required": ("'{key}' is required", "缺少必填项 '{key}'"),
    "located.add_it": ("add it", "请补充"),
    "located.empty_path": ("empty: a per-year path needs at least one year", "为空:逐年路径至少需要一年"),
    "located.empty_path_hint": ("e.g. {{2025: 0.06}}, or remove the key", "例如 {{2025: 0.06}},或删除该键"),
    "located.wrong_type": ("wrong type: {value}", "类型不对:{value}"),
    "located.expected": ("expected {what}", "应为{what}"),
    "located.not_finite": ("{value} is not a finite number", "{value} 不是有限的数字"),
    "located.not_finite_hint": ("write the number itself (e.g. 1200), or remove the entry", "请写数字本身(如 1200),或删除该项"),
    "located.bad_number": ("{value}: {what}", "{value}:{what}"),
    "located.mapping": ("expected a mapping (key: value lines), got {value}", "应为映射(键: 值 的若干行),实际为 {value}"),
    "expect.baseline": ("a number, null, a compound cell like '在地91家属地51家', or {{year, value}}",
                        "数字、null、'在地91家属地51家' 这样的复合单元格,或 {{year, value}}"),
    "expect.target": ("a number or the plan's phrase, e.g. '1200以上'", "数字或规划原文,如 '1200以上'"),
    "expect.history": ("{{year: value}} or {{year: {{value, source}}}}", "{{year: value}} 或 {{year: {{value, source}}}}"),
    "expect.growth_history": ("{{year: percent}} or {{year: {{value, source}}}}",
                              "{{year: percent}} 或 {{year: {{value, source}}}}"),
    "expect.source": ("text or {{line, text}}", "文本或 {{line, text}}"),
    "expect.other": ("another type", "其他类型"),
    "hint.yes_no": ("YAML reads yes/no/on/off/true/false as a yes/no value; put it in quotes",
                    "YAML 把 yes/no/on/off/true/false 读作是/否值;请加引号"),
    "hint.slug": ("ids are lowercase slugs: letters, digits and '_' (plan ids use '-')",
                  "id 只用小写字母、数字和 '_'(规划 id 用 '-')"),
    "hint.year": ("years are whole numbers such as 2025", "年份是整数,如 2025"),
    "hint.number": ("write a number such as 1.38 (the unit goes in `unit:`)", "请写数字,如 1.38(单位写在 `unit:` 中)"),
}
