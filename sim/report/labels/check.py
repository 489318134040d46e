"""`sim validate` and `sim check` lines: code -> (English, 中文)."""
from __future__ import annotations

KINDS = {"zh": {"level": "总量", "growth": "增速", "cumulative": "累计", "change": "相对变化", "reference": "参照",
                "masked": "隐去", "none": "无数值"}, "en": {}}


def _ok(lang, path, plan, indicators, targets, kinds) -> str:
    if lang == "en":
        return (f"OK {path}: plan {plan}: {indicators} indicators, {targets} targets ("
                + ", ".join(f"{k} {v}" for k, v in kinds) + ")")
    return (f"通过 {path}:规划 {plan}:{indicators}个指标,{targets}个目标("
            + ",".join(f"{KINDS['zh'].get(k, k)}{v}" for k, v in kinds) + ")")


TABLE = {   # the terminal table of `sim check`
    "zh": {"heads": {"who": "指标名称", "id": "指标", "text": "目标", "target_year": "年份", "latest": "最新值",
                     "required_pace": "所需速度", "assumed_pace": "假设速度", "projected": "预计值", "status": "状态",
                     "owner": "责任单位"}, "stretch": "(力争)"},
    "en": {"heads": {"who": "indicator", "id": "id", "text": "target", "target_year": "by", "latest": "latest",
                     "required_pace": "required", "assumed_pace": "assumed", "projected": "projected",
                     "status": "status", "owner": "owner"}, "stretch": " (stretch)"},
}


TEMPLATES: dict[str, tuple] = {
    "validate.ok": (_ok, _ok),
}
