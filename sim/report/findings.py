"""Consistency findings as text (table and Markdown), zh and en."""
from __future__ import annotations

KIND_LABELS = {
    "zh": {"implied": "隐含目标", "contradiction": "相互矛盾", "growth_level": "增速与总量",
           "bounds": "越界", "pace": "速度超出记录或上限"},
    "en": {"implied": "implied", "contradiction": "contradiction", "growth_level": "growth vs level",
           "bounds": "out of bounds", "pace": "pace beyond record or limit"},
}


def render_findings(items: list[dict], lang: str = "zh") -> str:
    """Findings as indented text lines (for `sim validate`)."""
    labels = KIND_LABELS[lang]
    return "".join(f"  {labels[f['kind']]}{' [!]' if f['inconsistent'] else ''}: {f['message']}\n"
                   for f in items)
