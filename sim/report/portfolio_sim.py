"""Views of a portfolio's probabilities of attainment (`sim simulate DIR`): the plan × probability
band matrix and the summary by indicator name (table, md), every row with its plan (csv), JSON."""
from __future__ import annotations

from sim.assess.simulate import BANDS
from sim.report.labels import localize
from sim.report.portfolio import to_json_fast
from sim.report.portfolio_tables import TEXT, _error_rows
from sim.report.simulation import prob_cell
from sim.report.tables import render

BAND_TEXT = {
    "zh": {"likely": "很可能 (≥90%)", "more_likely_than_not": "较可能 (50–90%)", "unlikely": "不太可能 (10–50%)",
           "very_unlikely": "很不可能 (<10%)", "mean": "平均达标概率", "below_half": "概率低于50%",
           "with_probability": "有概率的目标", "title": "规划组合达标概率", "probability": "达标概率"},
    "en": {"likely": "likely (≥90%)", "more_likely_than_not": "more likely than not (50–90%)",
           "unlikely": "unlikely (10–50%)", "very_unlikely": "very unlikely (<10%)", "mean": "mean probability",
           "below_half": "below 50%", "with_probability": "with a probability", "title": "Portfolio probabilities",
           "probability": "probability"},
}


def render_portfolio_simulation(report: dict, fmt: str, lang: str = "zh") -> str:
    """table | md: plans by probability band and indicator names; csv: every row; json."""
    if fmt == "json":
        return to_json_fast(report)
    t, b = TEXT[lang], BAND_TEXT[lang]
    bands = [name for _, name in BANDS]
    if fmt == "csv":
        rows = localize(report["rows"], lang)
        keys = ["indicator", "name", "unit", "text", "target_year", "projected", "status", "probability", "se",
                "p10", "p50", "p90", "method", "owner"]
        return render(["plan"] + keys, [[r["plan"]] + [r.get(k) for k in keys] for r in rows], "csv")
    s = report["summary"]
    title = f"{b['title']} — {report['scenario']['name'] or report['scenario']['id']}"
    plans = [[pid, g["targets"], g["with_probability"]] + [g["by_band"][x] for x in bands]
             for pid, g in s["by_plan"].items()]
    names = [[name, g["plans"], g["targets"], g["with_probability"],
              prob_cell({"probability": g["mean"], "method": None}) if g["mean"] is not None else None,
              g["below_half"]] for name, g in s["by_indicator"].items()]
    parts = [render([t["plan"], t["targets"], b["with_probability"]] + [b[x] for x in bands], plans, fmt,
                    title=f"{title} · {t['by_plan']}"),
             render([t["name"], t["plans"], t["targets"], b["with_probability"], b["mean"], b["below_half"]],
                    names, fmt, title=f"{title} · {t['by_indicator']}")]
    if report["errors"]:
        parts.append(render([t["file"], "line", "indicator", "field", t["error"]], _error_rows(report, lang), fmt,
                            title=t["errors"]))
    p = report["portfolio"]
    line = (t["plans_ok"].format(ok=p["plans"], bad=p["failed"]) + f"; {t['targets']} {s['targets']}, "
            + ", ".join(f"{b[x]} {s['by_band'][x]}" for x in bands))
    return "\n".join(parts) + "\n" + (f"**{line}**" if fmt == "md" else line) + "\n"
