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


TEMPLATES: dict[str, tuple] = {
    "validate.ok": (_ok, _ok),
}
