"""The office report as one self-contained HTML page: templates/report.html.j2 (Jinja2, autoescaped)
filled with the sections of htmlsections, the inline SVG charts of svg, and templates/report.css
inlined. Offline: no script, no external resource."""
from __future__ import annotations

import functools
from importlib import resources

from sim.assess.statuses import WATCH
from sim.report import htmlsections as sections
from sim.report.htmltext import L, _color, _sc_name, status_label
from sim.report.labels import localize
from sim.report.palette import DARK_TEXT, STATUS_COLORS
from sim.report.presetlabels import status_text, status_tone
from sim.report.reportdata import _rows_by_indicator, bands, ordered_indicators
from sim.report.reportview import counts_text, has_data, owner_counts, time_text
from sim.report.svg import (
    FONT_STACK,
    TARGET_COLOR,
    line_chart,
    pace_chart,
    status_chart,
)


@functools.cache
def report_css() -> str:
    """The report's style sheet (templates/report.css) with its font stack and target colour set."""
    css = (resources.files("sim.report") / "templates" / "report.css").read_text(encoding="utf-8")
    return f":root {{ --font: {FONT_STACK}; --target: {TARGET_COLOR}; }}\n{css}"


@functools.cache
def _environment():
    import jinja2  # only the HTML report needs it

    return jinja2.Environment(loader=jinja2.PackageLoader("sim.report", "templates"), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                              keep_trailing_newline=True)


def render_html(data: dict, lang: str = "zh") -> str:
    """The office report of ``data`` (sim.report.reportdata.report_data) as one HTML page in ``lang``."""
    from markupsafe import Markup

    data = localize(data, lang)
    t = L[lang]
    runs = data["runs"]
    inds = [i for i in ordered_indicators(data) if has_data(i, runs)]
    aux = [i for i in ordered_indicators(data) if not has_data(i, runs)]
    rows_by = [_rows_by_indicator(run) for run in runs]
    cards = sections.cards(inds, runs, rows_by, lang)
    for c in cards:
        c["chart"] = Markup(line_chart(c["ind"], runs, lang))
    watch = [r for r in runs[0]["check"]["rows"] if r["status"] in WATCH] if runs else []
    binding_owners = {i["owner"] for i in inds if i["attribute"] == "binding"}
    return _environment().get_template("report.html.j2").render(
        lang=lang, t=t, plan=data["plan"], runs=runs, preset=data["preset"],
        css=Markup(report_css()), colors=STATUS_COLORS, dark_text=DARK_TEXT, target_color=TARGET_COLOR,
        status=lambda code: status_label(code, lang), color=_color, sc_name=_sc_name,
        tone=status_tone, row_status=lambda r: status_text(r, lang),
        n_charts=2 + sum(bool(c["chart"]) for c in cards),
        scenario_names=("、" if lang == "zh" else ", ").join(_sc_name(r) for r in runs),
        generated=time_text(runs[0]["provenance"]["time"]) if runs else "",
        sum_lines=[t["sum_line"].format(sc=_sc_name(run), n=run["check"]["summary"]["targets"],
                                        counts=counts_text(run["check"]["summary"]["by_status"], lang))
                   for run in runs],
        watch=watch, attention=t["attention"].format(sc=_sc_name(runs[0])) if runs else "",
        has_binding=bool(binding_owners),
        status_chart=Markup(status_chart(data, lang)), pace_chart=Markup(pace_chart(data, lang)),
        run_names=[_sc_name(r) for r in runs],
        owners=[{"name": o, "n": n, "counts": counts, "binding": o in binding_owners}
                for o, n, counts in owner_counts(inds, rows_by)],
        projected_heads=[f"{_sc_name(r)}: {t['projected']}" for r in runs],
        overview=sections.overview_rows(inds, runs, rows_by, lang),
        cards=cards, any_band=any(bands(r) for r in runs),
        aux=(", " if lang == "en" else "、").join(f"{i['name']} ({i['id']})" for i in aux),
        findings=sections.finding_rows(data, lang),
        scenario_items=sections.scenario_items(runs, lang), assumption_rows=sections.assumption_rows(data, lang),
        provenance=sections.provenance_rows(inds, runs, lang), references=sections.reference_items(data),
        files=sections.file_rows(data, lang), version=runs[0]["provenance"]["sim_version"] if runs else "")
