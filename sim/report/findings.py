"""Consistency findings as text (table and Markdown), zh and en."""
from __future__ import annotations

from sim.report.labels import KIND as KIND_LABELS
from sim.report.labels import text


def render_findings(items: list[dict], lang: str = "zh") -> str:
    """Findings as indented text lines (for `sim validate`)."""
    labels = KIND_LABELS[lang]
    return "".join(f"  {labels[f['kind']]}{' [!]' if f['inconsistent'] else ''}: {text(f['message'], lang)}\n"
                   for f in items)
