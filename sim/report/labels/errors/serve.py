"""Errors of the what-if page's requests (sim serve) and of starting it: code -> (English, 中文)."""
from __future__ import annotations


def _join(lang: str, items) -> str:
    return ("、" if lang == "zh" else ", ").join(str(x) for x in items)


def _plans(lang: str, ids, more: int) -> str:
    shown = _join(lang, ids)
    if more:
        shown += f" … ({more} plans; GET / lists them)" if lang == "en" else f" …(共 {more} 个规划;GET / 可列出)"
    return ("plans: " if lang == "en" else "已有规划:") + shown


TEMPLATES: dict[str, tuple] = {
    "serve.not_number": ("{value} is not a number", "{value} 不是数字"),
    "serve.not_number_hint": ("give a JSON number; paces are fractions, e.g. 0.07 for 7% a year",
                              "请给出 JSON 数字;速度用小数表示,如 0.07 表示每年 7%"),
    "serve.not_finite": ("the value is not finite", "该值不是有限的数字"),
    "serve.give_finite": ("give a finite number", "请给出有限的数字"),
    "serve.items": ("`{name}` must be an object of \"ID.FIELD\": number", "`{name}` 须为 \"ID.FIELD\": 数字 的对象"),
    "serve.too_many": ("more than {n} entries", "超过 {n} 项"),
    "serve.key": ("cannot read the key '{key}'", "无法读取键 '{key}'"),
    "serve.key_hint": ("write ID.FIELD, e.g. gdp.real_growth or defaults.deflator", "请写 ID.FIELD,如 gdp.real_growth 或 defaults.deflator"),
    "serve.rate_range": ("{value:g} is out of range: a rate is at most {max:g} ({max:.0%} a year)",
                         "{value:g} 超出范围:增速最多为 {max:g}(每年 {max:.0%})"),
    "serve.rates_hint": ("rates are fractions, e.g. 0.07 for 7% a year", "增速用小数表示,如 0.07 表示每年 7%"),
    "serve.body_object": ("the request body must be a JSON object", "请求体须为 JSON 对象"),
    "serve.body_object_hint": ('e.g. {{"assume": {{"gdp.real_growth": 0.065}}}}', '例如 {{"assume": {{"gdp.real_growth": 0.065}}}}'),
    "serve.unknown_key": ("unknown key '{key}'", "未知的键 '{key}'"),
    "serve.keys": (lambda lang, keys: "keys: " + _join(lang, keys), lambda lang, keys: "可用的键:" + _join(lang, keys)),
    "serve.scenario_object": ("`scenario` must be an object, as in scenario YAML", "`scenario` 须为对象,与情景 YAML 相同"),
    "serve.scenario_unread": ("cannot read the scenario", "无法读取该情景"),
    "serve.nothing_to_move": ("the scenario gives '{id}' no {field} to move", "情景没有给出 '{id}' 的 {field},无法移动"),
    "serve.nothing_to_move_hint": ("use `assume` to set a pace the scenario does not give", "请用 `assume` 设定情景未给出的速度"),
    "serve.bootstrap": ("a bootstrap pace resamples history and has no centre to move", "自助抽样的速度重抽历史数据,没有可移动的中心"),
    "serve.bootstrap_hint": ("use `assume` to replace it by a number", "请用 `assume` 把它换成一个数字"),
    "serve.above_minus_one": ("a growth rate must be above -1 (-100% a year)", "增速须大于 -1(每年 -100%)"),
    "serve.invalid": ("invalid value: {error}", "无效的值:{error}"),
    "serve.draws": ("draws must be a whole number from 1 to {max:,}", "draws 须为 1 到 {max:,} 之间的整数"),
    "serve.seed": ("seed must be a whole number, 0 or more", "seed 须为不小于 0 的整数"),
    "serve.method": ("unknown method {method}", "未知的方法 {method}"),
    "serve.methods": ("auto or monte-carlo", "auto 或 monte-carlo"),
    "serve.body_size": ("the body is over {max:,} bytes", "请求体超过 {max:,} 字节"),
    "serve.send_json": ("send the body as JSON", "请以 JSON 发送请求体"),
    "serve.not_json": ("the body is not JSON: {why}", "请求体不是 JSON:{why}"),
    "serve.too_deep": ("the body is JSON nested too deeply", "请求体的 JSON 嵌套过深"),
    "serve.surrogate": ("the body's text has a lone surrogate escape (such as \\ud800), not a Unicode character",
                        "请求体的文本含有孤立的代理转义(如 \\ud800),不是 Unicode 字符"),
    "serve.no_plans": ("no plan to serve: every spec has errors (above)", "没有可提供的规划:每个规格文件都有错误(见上)"),
    "serve.no_plans_hint": ("fix the specs, or name the ones that read", "请改正规格文件,或只给出能读取的文件"),
    "serve.json_constant": ("{name} is not a JSON number", "{name} 不是 JSON 数字"),
    "serve.lang": ("unknown language '{lang}'", "未知的语言 '{lang}'"),
    "serve.langs": ("zh or en", "zh 或 en"),
    "serve.overflow": ("the assumptions overflow the arithmetic ({kind})", "假设导致计算溢出({kind})"),
    "serve.overflow_hint": ("use smaller rates or values", "请用较小的增速或数值"),
    "serve.internal": ("internal error ({kind}): please report it", "内部错误({kind}):请报告此问题"),
    "serve.no_plan": ("no plan '{id}' is served", "没有提供规划 '{id}'"),
    "serve.plans": (_plans, _plans),
    "serve.name_plan": ("several plans are served: name one, /plans/ID{path}", "提供了多个规划:请指明一个,/plans/ID{path}"),
    "serve.format": ("unknown report format '{fmt}'", "未知的报告格式 '{fmt}'"),
    "serve.formats": ("html or xlsx", "html 或 xlsx"),
    "serve.resolve": ("cannot resolve host '{host}': {why}", "无法解析主机 '{host}':{why}"),
    "serve.listen": ("cannot listen on {host}:{port}: {why}", "无法在 {host}:{port} 监听:{why}"),
    "serve.listen_hint": ("another program uses the port: choose another with --port", "另一个程序占用了该端口:请用 --port 换一个"),
}
