"""Labels, colours and number formats of the HTML report."""
from __future__ import annotations

from sim.report.labels import STATUS as STATUS_LABELS
from sim.report.labels.html import L
from sim.report.numbers import people

SCENARIO_COLORS = ["#0969da", "#1f883d", "#bc4c00", "#8250df", "#0f7b8a", "#bf3989"]


def num(v, digits: int = 4) -> str:
    """A number for people: 4 significant digits, thousands separated; None as —."""
    if v is None:
        return "—"
    if abs(v) >= 1000:
        return f"{v:,.0f}"
    s = f"{v:.{digits}g}"
    return s if "e" not in s else people(v)


def pace_text(v, unit: str | None, lang: str) -> str:
    if v is None:
        return "—"
    t = L[lang]
    if unit == "%/yr":
        return f"{v:.2f}{t['pace_units']['%/yr']}"
    shown = t["pace_units"].get(unit or "", (unit or "").replace("/yr", t["per_year"]))
    return f"{v:+.3g} {shown}"


def status_label(code: str, lang: str) -> str:
    return STATUS_LABELS[lang][code]


def _sc_name(run: dict) -> str:
    return run["scenario"]["name"] or run["scenario"]["id"]


def _color(k: int) -> str:
    return SCENARIO_COLORS[k % len(SCENARIO_COLORS)]
