"""Labels of the presets' own classes (zh, en): under a preset they are the status column of every
format, while JSON keeps the default ``status`` and the class in ``preset_status``."""
from __future__ import annotations

from sim.report.labels.words import STATUS as STATUS_LABELS

PRESET_LABELS = {
    "zh": {"target_achieved": "已实现目标", "on_track": "步入正轨", "moderate_progress": "进展一般",
           "marginal_progress": "进展甚微", "stagnation": "停滞", "regression": "倒退",
           "significant_progress": "显著进展", "insufficient_progress": "进展不足", "moving_away": "背离目标",
           "substantial_progress": "实质进展", "limited_progress": "进展有限", "deterioration": "恶化",
           "undefined_nonpositive": "方法不适用(零或负值)",
           "undefined_target_equals_base": "方法不适用(目标等于基期值)",
           "achieved_early": "提前实现", "ahead": "快于预期", "on_schedule": "基本符合预期", "lagging": "滞后",
           "not_assessable": "无法评估"},
    "en": {"target_achieved": "target achieved", "on_track": "on track", "moderate_progress": "moderate progress",
           "marginal_progress": "marginal progress", "stagnation": "stagnation", "regression": "regression",
           "significant_progress": "significant progress", "insufficient_progress": "insufficient progress",
           "moving_away": "moving away", "substantial_progress": "substantial progress",
           "limited_progress": "limited progress", "deterioration": "deterioration",
           "undefined_nonpositive": "undefined (zero or negative value)",
           "undefined_target_equals_base": "undefined (target equals base)",
           "achieved_early": "achieved early", "ahead": "ahead of schedule", "on_schedule": "on schedule",
           "lagging": "lagging", "not_assessable": "not assessable"},
}


PRESET_TONE = {   # the default status whose colour a class is drawn in
    "target_achieved": "achieved", "achieved_early": "achieved", "on_track": "on_track",
    "significant_progress": "on_track", "substantial_progress": "on_track", "ahead": "on_track",
    "on_schedule": "on_track", "moderate_progress": "needs_acceleration", "marginal_progress": "off_track",
    "stagnation": "off_track", "insufficient_progress": "off_track", "limited_progress": "off_track",
    "lagging": "off_track", "regression": "moving_away", "moving_away": "moving_away",
    "deterioration": "moving_away", "undefined_nonpositive": "not_assessable",
    "undefined_target_equals_base": "not_assessable", "not_assessable": "not_assessable",
}


def status_text(row: dict, lang: str) -> str:
    """The status cell of a row: the preset's class where one is set, else the default status."""
    code = row.get("preset_status")
    return PRESET_LABELS[lang][code] if code else STATUS_LABELS[lang][row["status"]]


def status_tone(row: dict) -> str:
    """The default status code whose colour the row's status cell takes."""
    code = row.get("preset_status")
    return PRESET_TONE[code] if code else row["status"]


def preset_counts(rows: list[dict]) -> dict[str, int]:
    """Rows by preset class, in the order of PRESET_LABELS."""
    out = {k: 0 for k in PRESET_LABELS["en"]}
    for r in rows:
        if r.get("preset_status"):
            out[r["preset_status"]] += 1
    return {k: v for k, v in out.items() if v}
