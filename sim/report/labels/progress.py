"""Progress lines on stderr (long runs, terminals): code -> (English, 中文). A count line is
``{what}: {done}/{total}``; ``what`` is one of the stage words below."""
from __future__ import annotations


def _verify(lang, prop, status, tried) -> str:
    from sim.report.labels.tables import VERIFY_LABELS
    word = VERIFY_LABELS[lang].get(status, status)
    if lang == "en":
        return f"verify: {prop}: {word} ({tried} case(s))"
    return f"验证 {prop}：{word}(尝试 {tried} 例)"


TEMPLATES = {
    "progress.count": ("{what}: {done:,}/{total:,}", "{what}：{done:,}/{total:,}"),
    "progress.draws": ("simulating: {done:,}/{total:,} draws ({share:.0%})",
                       "模拟：已抽样 {done:,}/{total:,} 次({share:.0%})"),
    "progress.verify": (_verify, _verify),
    "progress.loading": ("loading", "读取"),
    "progress.checking": ("checking", "检查"),
    "progress.checking_as_of": ("checking as of {date}", "按 {date} 的数据检查"),
    "progress.simulating_plans": ("simulating plans", "模拟各规划"),
    "progress.comparing": ("comparing", "比较情景"),
    "progress.solving": ("solving", "求解"),
    "progress.sweeping": ("sweeping", "扫描"),
    "progress.verifying": ("verifying", "验证"),
    "progress.backtesting": ("backtesting", "回测"),
    "serve.listening": ("sim serve: {url}  (Ctrl-C to stop)", "sim serve: {url}  (按 Ctrl-C 停止)"),
    "serve.open_to_all": ("warning: listening on {host}, so other machines can open the page and read the plan",
                          "注意：正在 {host} 上监听，其他计算机也能打开此页面并读取规划"),
    "serve.stopped": ("sim serve: stopped", "sim serve: 已停止"),
    "serve.saved_scenario": ("Scenario saved by `sim serve` for plan {plan}{origin}{changed}.\n"
                             "Read it back with: sim check SPEC -s FILE",
                             "由 `sim serve` 为规划 {plan} 保存的情景{origin}{changed}。\n"
                             "读回:sim check SPEC -s FILE"),
    "serve.saved_from": (" from {file}", ",基于 {file}"),
    "serve.saved_changed": ("; changed: {changed}", ";已修改:{changed}"),
}
