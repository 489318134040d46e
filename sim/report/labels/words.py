"""Words of a zh/en pair: statuses, kinds of finding."""
from __future__ import annotations

STATUS = {
    "zh": {"achieved": "已达成", "on_track": "可实现", "needs_acceleration": "需加快",
           "off_track": "难以实现", "moving_away": "背离", "at_risk": "有风险",
           "not_assessable": "无法评估"},
    "en": {"achieved": "achieved", "on_track": "on track", "needs_acceleration": "needs acceleration",
           "off_track": "off track", "moving_away": "moving away", "at_risk": "at risk",
           "not_assessable": "not assessable"},
}

KIND = {   # kinds of consistency finding
    "zh": {"implied": "隐含目标", "contradiction": "相互矛盾", "growth_level": "增速与总量",
           "bounds": "越界", "pace": "速度超出记录或上限"},
    "en": {"implied": "implied", "contradiction": "contradiction", "growth_level": "growth vs level",
           "bounds": "out of bounds", "pace": "pace beyond record or limit"},
}


ASSUMED = {   # fields of a row that came from a scenario assumption (JSON/CSV codes)
    "zh": {"baseline": "基期值", "pace": "速度", "deflator": "价格指数"},
    "en": {"baseline": "baseline", "pace": "pace", "deflator": "deflator"},
}
