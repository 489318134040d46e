"""The YAML parser's own complaints (PyYAML/libyaml's English ``problem``) in Chinese: the known
ones by their words, any other as a plain "cannot be parsed here"."""
from __future__ import annotations

PROBLEMS = (   # a fragment of the parser's English -> 中文
    ("did not find expected ',' or ']'", "缺少 ',' 或 ']'"),
    ("did not find expected ',' or '}'", "缺少 ',' 或 '}'"),
    ("mapping values are not allowed", "此处不能出现“键: 值”(冒号后的值)"),
    ("tab character", "缩进中出现制表符,请用空格"),
    ("cannot start any token", "出现不能开始任何记号的字符(如制表符或 @、`)"),
    ("unexpected end of stream", "文件意外结束(引号或括号未闭合?)"),
    ("did not find expected '-' indicator", "缺少列表标记 '-'(缩进不一致?)"),
    ("undefined alias", "未定义的别名"),
    ("did not find expected key", "缺少键(缩进不一致?)"),
    ("could not find expected ':'", "缺少 ':'"),
    ("unknown escape character", "未知的转义字符"),
    ("expected <document start>", "应为文档开始"),
    ("duplicate anchor", "重复的锚点"),
    ("did not find expected node content", "缺少内容"),
    ("could not determine a constructor", "无法识别的标签(!!…)"),
    ("unexpected ':'", "出现意外的 ':'"),
    ("block sequence entries are not allowed", "此处不能出现列表项"),
    ("did not find expected alphabetic or numeric character", "缺少字母或数字"),
    ("control characters are not allowed", "含有不允许的控制字符"),
    ("unacceptable character", "含有不允许的字符"),
    ("expected a single document", "文件中只能有一个 YAML 文档"),
    ("did not find URI escaped octet", "标签中的转义不完整"),
    ("found unexpected end of plain scalar", "值意外结束"),
    ("did not find expected comment or line break", "缺少注释或换行"),
    ("while scanning a simple key", "键未在一行内结束"),
)


def problem(lang: str, text: str) -> str:
    if lang == "en":
        return text
    return next((zh for en, zh in PROBLEMS if en in text), "无法解析此处的内容")


TEMPLATES: dict[str, tuple] = {"yaml.problem": (problem, problem)}
