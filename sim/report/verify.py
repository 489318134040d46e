"""`sim verify` results as text."""
from __future__ import annotations

from sim.report.labels import localize, to_json
from sim.report.labels.tables import VERIFY_LABELS as LABELS
from sim.report.tables import render


def render_verify(report: dict, fmt: str, lang: str = "zh") -> str:
    """The verify report as table, md or json."""
    if fmt == "json":   # to_json writes the sentences in English
        return to_json(report)
    report = localize(report, lang)
    lab = LABELS[lang]
    rows = []
    for p in report["properties"]:
        ce = p["counterexample"]
        assumptions = "; ".join(f"{k}={ce['assumptions'][k]:.4g}" for k in ce["relevant"]) if ce else ""
        broken = "; ".join(b["message"] for b in ce["broken"]) if ce else "; ".join(p["notes"])
        rows.append([p["property"], lab[p["status"]] + (lab["timed_out"] if p["timed_out"] else ""),
                     p["tried"], assumptions or ("—" if not ce else lab["none"]), broken or "—"])
    title = f"{report['plan']['title']} — {report['scenario']['name'] or report['scenario']['id']}"
    out = render(lab["headers"], rows, fmt, title=title)
    rs = ", ".join(f"{r['assumption']} {r['low']:g}..{r['high']:g}" for r in report["ranges"])
    lines = [f"{lab['ranges']}: {rs or lab['none']} ("
             + lab["settings"].format(seed=report["settings"]["seed"], n=report["settings"]["max_examples"]) + ")"
             ] + report["notes"]
    return out + "\n".join(lines) + "\n"


def render_verify_plans(report: dict, fmt: str, lang: str = "zh") -> str:
    """A portfolio of verify reports (sim.report.plans): each plan's properties, then by plan."""
    from sim.report.plans import render_plans, tally_table
    words = {k: LABELS[lang][k] for k in ("holds", "broken", "undecided", "not_checked")}
    return render_plans(report, fmt, lang, render_verify, None, "properties",
                        tables=lambda rep, lg: [tally_table(rep, "status", words, lg, "properties")])
