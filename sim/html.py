"""The office report for several scenarios: its data, and its HTML and Markdown renderings.

``report_data(spec, scenarios)`` gathers, per scenario, the `sim check` and `sim project` reports,
plus what the provenance of every number needs (plan lines, data links, named assumptions).
``render_html`` makes one self-contained page: inline CSS, charts drawn here as inline SVG, no
script and a Content-Security-Policy that forbids every network request, so it opens offline.
``render_md`` is the same briefing as Markdown with narrow tables that paste into a document.

With a simulation (``draws``), each run also carries ``simulation``: per check row the fields of
``SIM_KEYS`` from `sim simulate`, and ``fan`` = {indicator: {year: {p10, p50, p90}}} for the bands;
``findings`` are the consistency findings of every scenario (sim.consistency), merged.
"""
from __future__ import annotations

import math
from html import escape

from sim.assess import STATUS_LABELS
from sim.meta import SCHEMA_VERSION, clean, provenance
from sim.model import Spec
from sim.report import check_report, project_report, reason_text
from sim.scenario import Scenario, scenario_dict

FONT_STACK = '"Noto Sans CJK SC", "WenQuanYi Micro Hei", "PingFang SC", "Microsoft YaHei", sans-serif'
STATUS_COLORS = {"achieved": "#116329", "on_track": "#2da44e", "needs_acceleration": "#d4a72c",
                 "off_track": "#e16f24", "moving_away": "#cf222e", "at_risk": "#8250df",
                 "not_assessable": "#8c959f"}
DARK_TEXT = {"needs_acceleration"}          # chips whose colour needs dark text
SCENARIO_COLORS = ["#0969da", "#1f883d", "#bc4c00", "#8250df", "#0f7b8a", "#bf3989"]
TARGET_COLOR = "#cf222e"
LEVEL_KINDS = ("level", "reference")        # targets drawn as a value on the level chart

L = {
    "zh": {
        "report": "规划指标监测评估报告", "generated": "生成时间", "scenarios": "情景", "plan_period": "规划期",
        "key": "要点", "summary": "目标状态汇总", "by_owner": "按责任单位", "owner": "责任单位",
        "no_owner": "未注明", "n_targets": "目标数", "overview": "指标一览", "indicator": "指标",
        "unit": "单位", "baseline": "基期值", "target": "目标", "projected": "预计", "status": "状态",
        "binding": "约束性", "expected": "预期性", "binding_first": "约束性指标排在前面。",
        "no_binding": "规划未将任何指标标注为约束性或预期性。",
        "pace": "所需速度与假设速度",
        "pace_note": "横轴为假设速度占所需速度的比例:100% 表示恰好达到目标,左侧偏慢,右侧偏快;"
                     "超出 0–200% 的以三角标出。保持现有水平类目标(所需速度为 0)不在图中。",
        "required": "所需", "assumed_pace": "假设速度", "required_pace": "所需速度",
        "charts": "分指标走势", "charts_note": "实线为实际值,虚线为各情景预测,阴影为模拟的 P10–P90 区间,"
                                          "红色菱形和虚线为目标。空心圆为情景假设的起点。",
        "history": "实际", "target_line": "目标", "forecast": "预测", "assumed": "假设",
        "band": "P10–P90", "no_chart_target": "目标不是某一年的水平值,未在图中标出",
        "consistency": "目标之间的一致性", "no_findings": "未发现目标之间的不一致。",
        "not_run": "本报告未包含一致性检查。", "relation": "关系", "kind": "类型", "message": "说明",
        "implied": "推算值", "stated": "规划值", "difference": "差异",
        "assumptions": "情景假设", "defaults": "默认设置", "shocks": "冲击",
        "no_assumption": "无(按默认设置)",
        "provenance": "数据来源", "prov_note": "每个数字的出处:规划原文(行号)、数据来源(链接)或情景中的命名假设。",
        "plan_text": "规划原文", "line": "第{n}行", "data": "数据", "references": "参照序列",
        "files": "文件与版本", "spec_file": "规划文件", "scenario_file": "情景文件",
        "sim_version": "sim 版本",
        "sum_line": "{sc}:{n} 项目标中,{counts}。", "attention": "{sc}下需重点关注(难以实现、背离或有风险):",
        "no_year": "未注明年份", "probability": "达标概率", "inconsistent": "不一致", "all": "全部情景",
        "aux": "以下指标规划未给出数值,仅用于目标之间的一致性检查", "assumed_numbers": "假设的数字(见情景假设)",
        "assumed_fields": {"pace": "速度", "baseline": "起点值", "deflator": "平减指数"},
        "default_fields": {"growth": "未假设指标的增速", "real_growth": "未假设指标的实际增速", "deflator": "平减指数",
                           "trend_weights_half_life": "趋势权重半衰期", "exclude_years": "趋势排除年份"},
        "default_values": {"none": "不预测", "trend": "按历史趋势"}, "draws": "模拟",
        "fields": {"baseline": "基期值", "growth": "增速", "real_growth": "实际增速", "change": "年变化",
                   "deflator": "平减指数"},
        "pace_units": {"%/yr": "%/年", "pp/yr": "百分点/年"},
        "per_year": "/年",
        "no_numeric": "规划未给出数值目标",
    },
    "en": {
        "report": "Plan indicator monitoring report", "generated": "Generated", "scenarios": "Scenarios",
        "plan_period": "Plan period", "key": "Key messages", "summary": "Targets by status",
        "by_owner": "By responsible unit", "owner": "Responsible unit", "no_owner": "unspecified",
        "n_targets": "Targets", "overview": "Indicators at a glance", "indicator": "Indicator",
        "unit": "Unit", "baseline": "Baseline", "target": "Target", "projected": "Projected",
        "status": "Status", "binding": "binding", "expected": "expected",
        "binding_first": "Binding indicators come first.",
        "no_binding": "The plan marks no indicator as binding or expected.",
        "pace": "Required against assumed pace",
        "pace_note": "The axis shows the assumed pace as a share of the pace required: 100% lands exactly "
                     "on the target, left is too slow, right is faster; values beyond 0–200% are drawn as "
                     "triangles. Keep-the-level targets (required pace 0) are not shown.",
        "required": "needs", "assumed_pace": "Assumed pace", "required_pace": "Required pace",
        "charts": "Indicator paths", "charts_note": "Solid: actuals; dashed: each scenario's projection; "
                                                   "shaded: simulated P10–P90; red diamond and dashed line: "
                                                   "the target. A hollow circle is a start assumed by the "
                                                   "scenario.",
        "history": "actual", "target_line": "target", "forecast": "projection", "assumed": "assumed",
        "band": "P10–P90", "no_chart_target": "the target is not a level in a year; not drawn",
        "consistency": "Consistency between targets", "no_findings": "No inconsistency found between targets.",
        "not_run": "This report does not include the consistency check.", "relation": "Relation",
        "kind": "Kind", "message": "Message", "implied": "Implied", "stated": "Stated",
        "difference": "Difference", "assumptions": "Scenario assumptions", "defaults": "Defaults",
        "shocks": "Shocks",
        "no_assumption": "none (defaults apply)", "provenance": "Provenance",
        "prov_note": "Where every number comes from: the plan (line), a data source (link), or a named "
                     "assumption of a scenario.",
        "plan_text": "Plan text", "line": "line {n}", "data": "Data", "references": "Reference series",
        "files": "Files and versions", "spec_file": "Plan spec", "scenario_file": "Scenario",
        "sim_version": "sim version",
        "sum_line": "{sc}: of {n} targets, {counts}.",
        "attention": "{sc}, to watch (off track, moving away or at risk):",
        "no_year": "no year", "probability": "Probability", "inconsistent": "inconsistent",
        "all": "all scenarios",
        "aux": "Indicators without values in the plan, used only to check consistency between targets",
        "assumed_numbers": "Assumed numbers (see scenario assumptions)",
        "assumed_fields": {"pace": "pace", "baseline": "start value", "deflator": "deflator"},
        "default_fields": {"growth": "growth of indicators not assumed", "real_growth": "real growth of indicators "
                           "not assumed", "deflator": "deflator", "trend_weights_half_life": "trend weight half-life",
                           "exclude_years": "years excluded from trends"},
        "default_values": {"none": "no projection", "trend": "recent trend"}, "draws": "simulated",
        "fields": {"baseline": "baseline", "growth": "growth", "real_growth": "real growth",
                   "change": "change per year", "deflator": "deflator"},
        "pace_units": {"%/yr": "%/yr", "pp/yr": "pp/yr"},
        "per_year": "/yr",
        "no_numeric": "the plan gives no numeric target",
    },
}
WATCH = ("off_track", "moving_away", "at_risk")
SIM_KEYS = ("probability", "se", "p10", "p50", "p90", "method", "draws", "draw_per", "uncertainty")


# ---- data -----------------------------------------------------------------------------------

def report_data(spec: Spec, scenarios: list[Scenario], preset: str = "default", draws: int = 0,
                seed: int | None = None, consistency: bool = True) -> dict:
    """Everything the office report shows, as plain data (no NaN).

    Per scenario: the `sim check` and `sim project` reports; with ``draws`` > 0 also the
    simulation (`sim simulate`: probability per target, P10/P50/P90 by year, one seed for all
    scenarios); with ``consistency`` the consistency findings, each with the scenarios giving it.
    """
    runs = []
    if draws:
        from sim.simulate import new_seed, simulate_report
        seed = new_seed() if seed is None else seed
    for sc in scenarios:
        run = {"scenario": scenario_dict(sc), "check": check_report(spec, sc, preset),
               "project": project_report(spec, sc), "provenance": provenance(spec, sc, seed if draws else None),
               "simulation": None}
        if draws:
            sim = simulate_report(spec, sc, draws, seed)
            run["simulation"] = {"rows": [{k: r[k] for k in SIM_KEYS} for r in sim["rows"]], "fan": sim["fan"],
                                 "settings": sim["simulation"]}
        runs.append(run)
    found = None
    if consistency:
        from sim.consistency import findings
        found = {}
        for sc in scenarios:
            for f in findings(spec, sc):
                key = (f["relation"], f["kind"], f["year"], f["message"])
                found.setdefault(key, f | {"scenarios": []})["scenarios"].append(sc.scenario.name or sc.scenario.id)
        found = list(found.values())
    inds = [{"id": i.id, "name": i.name, "unit": i.unit, "owner": i.owner, "attribute": i.attribute,
             "parent": i.parent, "notes": i.notes,
             "baseline": i.baseline.model_dump() if i.baseline else None,
             "history": {str(y): v for y, v in i.history.items()},
             "history_sources": {str(y): s for y, s in i.history_sources.items()},
             "source": i.source.model_dump() if i.source else None,
             "targets": [t.model_dump(mode="json", include={"year", "op", "value", "low", "high", "kind",
                                                            "text", "stretch"}) for t in i.targets]}
            for i in spec.indicators]
    refs = {k: {"name": r.name, "unit": r.unit, "values": {str(y): v for y, v in r.values.items()},
                "source": r.source} for k, r in spec.references.items()}
    return clean({"schema_version": SCHEMA_VERSION, "plan": spec.plan.model_dump(), "preset": preset,
                  "simulation": {"draws": draws, "seed": seed} if draws else None,
                  "indicators": inds, "references": refs, "runs": runs, "findings": found})


def bands(run: dict) -> dict[str, list[tuple[int, float, float]]]:
    """{indicator: [(year, p10, p90), ...]} of a simulated run, for paths with some uncertainty."""
    fan = run["simulation"]["fan"] if run["simulation"] else {}
    out = {}
    for ind, by in fan.items():
        pts = sorted((int(y), v["p10"], v["p90"]) for y, v in by.items()
                     if v["p10"] is not None and v["p90"] is not None)
        if any(hi - lo > 1e-9 * max(abs(hi), 1) for _, lo, hi in pts):
            out[ind] = pts
    return out


def probabilities(run: dict) -> list[float | None]:
    """Probability of attainment per check row; None where not simulated or the pace is fixed."""
    if not run["simulation"]:
        return [None] * len(run["check"]["rows"])
    return [r["probability"] if r["draw_per"] not in (None, "fixed") else None for r in run["simulation"]["rows"]]


def ordered_indicators(data: dict) -> list[dict]:
    """Binding indicators first, then by 责任单位 in order of first appearance, then spec order."""
    inds = data["indicators"]
    owners = list(dict.fromkeys(i["owner"] for i in inds))
    return sorted(inds, key=lambda i: (i["attribute"] != "binding", owners.index(i["owner"]),
                                       inds.index(i)))


def _rows_by_indicator(run: dict) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for r in run["check"]["rows"]:
        out.setdefault(r["indicator"], []).append(r)
    return out


# ---- formatting -----------------------------------------------------------------------------

def num(v, digits: int = 4) -> str:
    """A number for people: 4 significant digits, thousands separated; None as —."""
    if v is None:
        return "—"
    if abs(v) >= 1000:
        return f"{v:,.0f}"
    s = f"{v:.{digits}g}"
    return s if "e" not in s else f"{v:.3g}"


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


def assumption_text(a: dict | None, lang: str) -> str:
    """One scenario assumption for an indicator, e.g. 'growth 10%/yr; note'."""
    t = L[lang]
    if not a:
        return t["no_assumption"]
    parts = []
    for k in ("baseline", "growth", "real_growth", "change", "deflator"):
        if k in a:
            parts.append(f"{t['fields'][k]} {_assumed_value(k, a[k], lang)}")
    if a.get("note"):
        parts.append(a["note"])
    return "; ".join(parts)


def _assumed_value(field: str, v, lang: str) -> str:
    pct = field in ("growth", "real_growth", "deflator")
    if isinstance(v, dict) and "dist" in v:
        inner = ", ".join(f"{k} {_pct(x) if pct and k in ('mean', 'sd', 'low', 'mode', 'high') else x}"
                          for k, x in v.items() if k != "dist")
        return f"{v['dist']}({inner})"
    if isinstance(v, dict):
        return ", ".join(f"{y}: {_pct(x) if pct else num(x)}" for y, x in v.items())
    if isinstance(v, str):
        return v
    if pct:
        return _pct(v) + (L[lang]["per_year"] if field != "deflator" else "")
    return (f"{v:+g}" + L[lang]["per_year"]) if field == "change" else num(v)


def _pct(x) -> str:
    return f"{x * 100:.3g}%" if isinstance(x, (int, float)) else str(x)


def _counts_text(by_status: dict, lang: str) -> str:
    sep = "," if lang == "zh" else ", "
    return sep.join(f"{status_label(k, lang)} {v}" for k, v in by_status.items() if v)


def _sc_name(run: dict) -> str:
    return run["scenario"]["name"] or run["scenario"]["id"]


# ---- SVG charts -----------------------------------------------------------------------------

def _ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    """Round tick values covering [lo, hi]."""
    span = hi - lo
    raw = span / n
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if span / (m * mag) <= n)
    first = math.floor(lo / step + 1e-9) * step
    last = math.ceil(hi / step - 1e-9) * step
    k = round((last - first) / step)
    return [first + i * step for i in range(k + 1)]


def _tick_label(v: float, step: float) -> str:
    decimals = max(0, -math.floor(math.log10(step) + 1e-9) + (1 if round(step / 10 ** math.floor(
        math.log10(step)), 6) == 2.5 else 0))
    return f"{v:,.{decimals}f}"


def _spread(ys: list[float], gap: float, lo: float, hi: float) -> list[float]:
    """Label positions near ``ys`` at least ``gap`` apart, inside [lo, hi]; same order as given."""
    order = sorted(range(len(ys)), key=lambda k: ys[k])
    out = [0.0] * len(ys)
    prev = -math.inf
    for k in order:
        out[k] = max(ys[k], prev + gap)
        prev = out[k]
    over = (prev - hi) if order and prev > hi else 0
    if over > 0:
        for k in order:
            out[k] = max(lo, out[k] - over)
    return out


def _t(x: float, y: float, s: str, cls: str = "", anchor: str = "start", fill: str | None = None) -> str:
    f = f' fill="{fill}"' if fill else ""
    c = f' class="{cls}"' if cls else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{c}{f}>{escape(s)}</text>'


def line_chart(ind: dict, runs: list[dict], lang: str) -> str:
    """History, each scenario's path, P10–P90 bands and the level targets of one indicator
    ('' when there is no number to draw)."""
    t = L[lang]
    W, H, ML, MR, MT, MB = 560, 250, 60, 86, 28, 30
    iid = ind["id"]
    projs = [next(p for p in run["project"]["indicators"] if p["indicator"] == iid) for run in runs]
    actuals = {int(y): v for y, v in projs[0]["actuals"].items()} if projs else {}
    paths = []
    for k, p in enumerate(projs):
        if p["start"] and p["path"]:
            pts = [(p["start"]["year"], p["start"]["value"])] + sorted((int(y), v) for y, v in p["path"].items())
            paths.append((_color(k), _sc_name(runs[k]), pts))
    starts = {(p["start"]["year"], p["start"]["value"]) for p in projs if p["start"] and p["start"]["assumed"]}
    band_polys = []
    for k, (run, p) in enumerate(zip(runs, projs)):
        b = bands(run).get(iid)
        if b and p["start"] and p["start"]["year"] < b[0][0]:   # the band opens from the start value
            b = [(p["start"]["year"], p["start"]["value"], p["start"]["value"])] + b
        if b:
            band_polys.append((_color(k), b))
    targets = [x for x in ind["targets"] if x["kind"] in LEVEL_KINDS and x["year"] is not None and
               (x["value"] is not None or x["op"] == "between")]
    ref_row = next((r for r in runs[0]["check"]["rows"] if r["indicator"] == iid and r["kind"] == "reference"
                    and r["target"] is not None), None) if runs else None
    if ref_row:   # a reference target resolved to the reference's value
        targets = [x if x["kind"] != "reference" else {**x, "value": ref_row["target"]} for x in targets
                   if x["kind"] != "reference" or x["year"] == ref_row["target_year"]]
    targets = [x for x in targets if x["value"] is not None or x["op"] == "between"]

    years = set(actuals) | {y for _, _, pts in paths for y, _ in pts} | {x["year"] for x in targets} | \
        {y for _, bp in band_polys for y, _, _ in bp} | {y for y, _ in starts}
    values = list(actuals.values()) + [v for _, _, pts in paths for _, v in pts] + \
        [v for _, bp in band_polys for _, lo, hi in bp for v in (lo, hi)] + [v for _, v in starts] + \
        [v for x in targets for v in (x["value"], x["low"], x["high"]) if v is not None]
    label = escape(f"{ind['id']} {ind['name']}")
    if not years or not values:
        return ""
    x0, x1 = min(years), max(years)
    if x0 == x1:
        x0, x1 = x0 - 1, x1 + 1
    lo, hi = min(values), max(values)
    if math.isclose(lo, hi, rel_tol=1e-9, abs_tol=1e-12):
        pad = max(abs(lo) * 0.05, 1e-6 if lo else 1)
        lo, hi = lo - pad, hi + pad
    if 0 < lo < 0.3 * hi:
        lo = 0.0
    ticks = _ticks(lo, hi)
    step = ticks[1] - ticks[0]
    if (min(values) - ticks[0]) < 0.08 * (ticks[-1] - ticks[0]) and not (ticks[0] == 0 and min(values) >= 0):
        ticks.insert(0, ticks[0] - step)      # room for the label under the lowest point
    if (ticks[-1] - max(values)) < 0.06 * (ticks[-1] - ticks[0]):
        ticks.append(ticks[-1] + step)        # room for the target label above the highest line
    lo, hi = ticks[0], ticks[-1]
    sx = lambda y: ML + (y - x0) / (x1 - x0) * (W - ML - MR)  # noqa: E731
    sy = lambda v: MT + (hi - v) / (hi - lo) * (H - MT - MB)  # noqa: E731
    out = [f'<svg class="chart line" data-chart="{escape(iid)}" role="img" aria-label="{label}" '
           f'viewBox="0 0 {W} {H}" preserveAspectRatio="xMidYMid meet"><title>{label}</title>']
    for v in ticks:
        out.append(f'<line class="grid" x1="{ML}" x2="{W - MR}" y1="{sy(v):.1f}" y2="{sy(v):.1f}"/>')
        out.append(_t(ML - 6, sy(v) + 4, _tick_label(v, step), "tick", "end"))
    every = 1 if x1 - x0 <= 12 else 2
    for y in range(x0, x1 + 1, every):
        out.append(_t(sx(y), H - MB + 16, str(y), "tick", "middle"))
    out.append(f'<line class="axis" x1="{ML}" x2="{W - MR}" y1="{H - MB}" y2="{H - MB}"/>')
    if ind["unit"]:
        out.append(_t(ML - 6, MT - 12, ind["unit"], "unit", "end"))
    split = max([y for y in actuals] + [y for y, _ in starts], default=None)
    if split is not None and paths and x0 < split < x1:
        out.append(f'<line class="split" x1="{sx(split):.1f}" x2="{sx(split):.1f}" y1="{MT}" y2="{H - MB}"/>')
        out.append(_t(sx(split) + 4, MT - 4, t["forecast"] + " →", "muted"))
    for color, bp in band_polys:
        pts = [(sx(y), sy(h)) for y, _, h in bp] + [(sx(y), sy(lw)) for y, lw, _ in reversed(bp)]
        out.append(f'<polygon class="band" fill="{color}" points="'
                   + " ".join(f"{x:.1f},{y:.1f}" for x, y in pts) + '"/>')
    for x in targets:
        X = sx(x["year"])
        if x["op"] == "between" and x["low"] is not None and x["high"] is not None:
            out.append(f'<rect class="target-range" x="{ML}" width="{X - ML:.1f}" y="{sy(x["high"]):.1f}" '
                       f'height="{sy(x["low"]) - sy(x["high"]):.1f}"/>')
            v = x["high"]
        else:
            v = x["value"]
        Y = sy(v)
        out.append(f'<line class="target" x1="{ML}" x2="{X:.1f}" y1="{Y:.1f}" y2="{Y:.1f}"/>')
        fill = "#fff" if x.get("stretch") else TARGET_COLOR
        out.append(f'<path class="target-mark" fill="{fill}" d="M{X:.1f},{Y - 6:.1f} l6,6 l-6,6 l-6,-6 z">'
                   f'<title>{escape(t["target_line"])} {x["year"]}: {escape(x["text"] or num(v))}</title></path>')
        out.append(_t(ML + 4, Y - 5, f"{t['target_line']} {x['year']}: {x['text'] or num(v)}", "target-label"))
    if actuals:
        pts = sorted(actuals.items())
        if len(pts) > 1:
            out.append('<polyline class="history" points="'
                       + " ".join(f"{sx(y):.1f},{sy(v):.1f}" for y, v in pts) + '"/>')
        for y, v in pts:
            out.append(f'<circle class="history-dot" cx="{sx(y):.1f}" cy="{sy(v):.1f}" r="3.5">'
                       f'<title>{y}: {num(v)}</title></circle>')
        y, v = pts[-1]
        rising = sum(p[-1][1] - v for _, _, p in paths) >= 0    # label on the side the paths leave free
        out.append(_t(sx(y) + 7, min(sy(v) + 17, H - MB - 4) if rising else max(sy(v) - 8, MT + 10), num(v), "value"))
    for y, v in sorted(starts):
        out.append(f'<circle class="assumed-start" cx="{sx(y):.1f}" cy="{sy(v):.1f}" r="4.5">'
                   f'<title>{escape(t["assumed"])} {y}: {num(v)}</title></circle>')
        out.append(_t(sx(y) + 7, min(sy(v) + 17, H - MB - 4), f"{t['assumed']} {num(v)}", "value"))
    ends = []
    for color, name, pts in paths:
        out.append(f'<polyline class="path" stroke="{color}" points="'
                   + " ".join(f"{sx(y):.1f},{sy(v):.1f}" for y, v in pts) + '"/>')
        for y, v in pts[1:]:
            out.append(f'<circle class="path-dot" fill="{color}" cx="{sx(y):.1f}" cy="{sy(v):.1f}" r="2.5">'
                       f'<title>{escape(name)} {y}: {num(v)}</title></circle>')
        ends.append((color, pts[-1]))
    label_ys = _spread([sy(v) + 4 for _, (_, v) in ends], 13, MT, H - MB)
    for (color, (y, v)), ly in zip(ends, label_ys):
        out.append(_t(sx(y) + 8, ly, num(v), "end-label", fill=color))
    out.append("</svg>")
    return "".join(out)


def pace_chart(data: dict, lang: str) -> str:
    """Assumed pace as a share of the required pace, one row per target, one dot per scenario."""
    t = L[lang]
    runs = data["runs"]
    order = {i["id"]: k for k, i in enumerate(ordered_indicators(data))}
    per_run = [run["check"]["rows"] for run in runs]
    rows = [k for k, r in enumerate(per_run[0]) if any(pr[k]["pace_ratio"] is not None for pr in per_run)]
    rows.sort(key=lambda k: order.get(per_run[0][k]["indicator"], 0))
    W, ML, MR, MT, MB, RH = 1000, 300, 180, 30, 34, 24
    H = MT + RH * max(len(rows), 1) + MB
    sx = lambda f: ML + f / 2 * (W - ML - MR)  # noqa: E731  (0 .. 200%)
    out = [f'<svg class="chart pace" data-chart="pace" role="img" aria-label="{escape(t["pace"])}" '
           f'viewBox="0 0 {W} {H}"><title>{escape(t["pace"])}</title>',
           f'<rect class="ok-zone" x="{sx(1):.1f}" y="{MT}" width="{sx(2) - sx(1):.1f}" '
           f'height="{H - MT - MB}"/>']
    for f in (0, 0.5, 1, 1.5, 2):
        out.append(f'<line class="grid" x1="{sx(f):.1f}" x2="{sx(f):.1f}" y1="{MT}" y2="{H - MB}"/>')
        out.append(_t(sx(f), H - MB + 16, f"{f:.0%}", "tick", "middle"))
    out.append(f'<line class="required" x1="{sx(1):.1f}" x2="{sx(1):.1f}" y1="{MT - 6}" y2="{H - MB}"/>')
    out.append(_t(sx(1), MT - 10, t["required_pace"] + " = 100%", "required-label", "middle"))
    for j, k in enumerate(rows):
        r0 = per_run[0][k]
        y = MT + RH * j + RH / 2
        name = r0["name"] if len(r0["name"]) <= 19 else r0["name"][:18] + "…"
        out.append(f'<g class="pace-row"><title>{escape(r0["indicator"] + " " + r0["name"])}</title>'
                   + _t(ML - 10, y + 4, name, "row-label", "end") + "</g>")
        out.append(f'<line class="row-line" x1="{ML}" x2="{W - MR}" y1="{y:.1f}" y2="{y:.1f}"/>')
        for ri, pr in enumerate(per_run):
            rr = pr[k]["pace_ratio"]
            if rr is None:
                continue
            color = _color(ri)
            tip = f"{_sc_name(runs[ri])}: {rr:.0%} ({pace_text(pr[k]['assumed_pace'], pr[k]['pace_unit'], lang)})"
            dy = (ri - (len(per_run) - 1) / 2) * 3
            if rr > 2 or rr < 0:
                X = sx(2) if rr > 2 else sx(0)
                d = 1 if rr > 2 else -1
                out.append(f'<path class="pace-dot" fill="{color}" d="M{X + 7 * d:.1f},{y + dy:.1f} '
                           f'l{-9 * d},-6 l0,12 z"><title>{escape(tip)}</title></path>')
            else:
                out.append(f'<circle class="pace-dot" fill="{color}" cx="{sx(rr):.1f}" cy="{y + dy:.1f}" '
                           f'r="5"><title>{escape(tip)}</title></circle>')
        out.append(_t(W - MR + 12, y + 4, f"{t['required']} {pace_text(r0['required_pace'], r0['pace_unit'], lang)}",
                      "row-note"))
    out.append("</svg>")
    return "".join(out)


def status_chart(data: dict, lang: str) -> str:
    """One stacked bar of target statuses per scenario."""
    runs = data["runs"]
    W, ML, MR, MT, RH = 1000, 120, 20, 10, 34
    H = MT + RH * len(runs) + 6
    out = [f'<svg class="chart status" data-chart="status" role="img" '
           f'aria-label="{escape(L[lang]["summary"])}" viewBox="0 0 {W} {H}">'
           f'<title>{escape(L[lang]["summary"])}</title>']
    for j, run in enumerate(runs):
        by = run["check"]["summary"]["by_status"]
        total = sum(by.values()) or 1
        y = MT + RH * j
        out.append(_t(ML - 10, y + 17, _sc_name(run), "row-label", "end"))
        x = ML
        for code, n in by.items():
            if not n:
                continue
            w = n / total * (W - ML - MR)
            out.append(f'<rect class="seg" x="{x:.1f}" y="{y}" width="{w:.1f}" height="24" '
                       f'fill="{STATUS_COLORS[code]}"><title>{escape(status_label(code, lang))}: {n}</title></rect>')
            if w >= 22:
                out.append(_t(x + w / 2, y + 17, str(n), "seg-label", "middle",
                              "#1f2328" if code in DARK_TEXT else "#fff"))
            x += w
    out.append("</svg>")
    return "".join(out)


# ---- HTML -----------------------------------------------------------------------------------

CSS = """
:root { --fg:#1f2328; --muted:#59636e; --line:#d1d9e0; --bg:#f6f8fa; }
* { box-sizing: border-box; }
body { font-family: %(font)s; color: var(--fg); margin: 0; background: #fff; line-height: 1.55;
       font-size: 15px; }
main { max-width: 1180px; margin: 0 auto; padding: 28px 32px 60px; }
header.top { border-bottom: 3px solid #0969da; padding-bottom: 14px; margin-bottom: 18px; }
header.top .kicker { color: #0969da; font-weight: 700; letter-spacing: .08em; font-size: 13px; }
h1 { font-size: 24px; margin: 4px 0 6px; line-height: 1.35; }
h2 { font-size: 19px; margin: 34px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15.5px; margin: 0 0 2px; }
h4 { font-size: 14.5px; margin: 18px 0 6px; }
.meta { color: var(--muted); font-size: 13.5px; }
.note { color: var(--muted); font-size: 13px; margin: 4px 0 10px; }
.key { background: var(--bg); border-left: 4px solid #0969da; padding: 10px 16px; margin: 12px 0; }
.key ul { margin: 4px 0; padding-left: 20px; }
table { border-collapse: collapse; width: 100%%; font-size: 13.5px; margin: 6px 0 10px; }
th, td { border-bottom: 1px solid var(--line); padding: 5px 7px; text-align: left; vertical-align: top; }
th { background: var(--bg); font-weight: 600; white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.chip { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 12.5px; color: #fff;
        white-space: nowrap; margin: 1px 2px 1px 0; }
.chip.dark { color: #1f2328; }
.tag { display: inline-block; border: 1px solid var(--line); border-radius: 4px; padding: 0 5px;
       font-size: 12px; color: var(--muted); }
.tag.binding { border-color: #cf222e; color: #cf222e; }
.assumed { color: #9a6700; }
.legend { font-size: 12.5px; color: var(--muted); margin: 4px 0 8px; }
.legend span.sw { display: inline-block; width: 18px; height: 3px; vertical-align: middle; margin: 0 4px 0 10px; }
.legend span.sq { display: inline-block; width: 11px; height: 11px; vertical-align: -1px; margin: 0 4px 0 10px;
                  border-radius: 2px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(520px, 1fr)); gap: 16px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px 8px; break-inside: avoid; }
.card .sub { color: var(--muted); font-size: 13px; margin-bottom: 4px; }
.card table { font-size: 12.5px; }
.card td:first-child { white-space: nowrap; }
.card th { white-space: normal; }
.why { color: var(--muted); font-size: 12px; line-height: 1.35; margin-top: 2px; }
.nw { white-space: nowrap; }
.pv { display: inline-block; min-width: 3.6em; margin-right: 4px; font-variant-numeric: tabular-nums; }
ul.plain { list-style: none; padding-left: 0; }
ul.plain li { margin-bottom: 8px; }
svg.chart { width: 100%%; height: auto; display: block; font-family: %(font)s; }
svg .grid { stroke: #e6eaef; stroke-width: 1; }
svg .axis { stroke: #8c959f; stroke-width: 1; }
svg .tick { font-size: 12px; fill: #59636e; }
svg .unit { font-size: 12px; fill: #59636e; }
svg .muted { font-size: 11.5px; fill: #8c959f; }
svg .split { stroke: #afb8c1; stroke-dasharray: 2 3; }
svg .history { fill: none; stroke: #1f2328; stroke-width: 2.2; }
svg .history-dot { fill: #1f2328; }
svg .assumed-start { fill: #fff; stroke: #9a6700; stroke-width: 2; }
svg .path { fill: none; stroke-width: 2.2; stroke-dasharray: 7 4; }
svg .band { opacity: .16; }
svg .target { stroke: %(target)s; stroke-width: 1.4; stroke-dasharray: 5 4; }
svg .target-mark { stroke: %(target)s; stroke-width: 1.5; }
svg .target-range { fill: %(target)s; opacity: .08; }
svg .target-label { font-size: 12.5px; fill: %(target)s; }
svg .value { font-size: 12px; fill: #1f2328; }
svg .end-label { font-size: 13px; font-weight: 600; }
svg .row-label { font-size: 13px; fill: #1f2328; }
svg .row-note { font-size: 12px; fill: #59636e; }
svg .row-line { stroke: #eef1f4; }
svg .ok-zone { fill: #dafbe1; opacity: .6; }
svg .required { stroke: %(target)s; stroke-width: 1.5; }
svg .required-label { font-size: 11.5px; fill: %(target)s; }
svg .seg-label { font-size: 12.5px; font-weight: 600; }
a { color: #0969da; word-break: break-all; }
footer { margin-top: 40px; color: var(--muted); font-size: 12.5px; }
@media print { main { padding: 0; } .card, table, svg { break-inside: avoid; } h2 { break-after: avoid; } }
""" % {"font": FONT_STACK, "target": TARGET_COLOR}


def _chip(code: str, lang: str, count: int | None = None) -> str:
    dark = " dark" if code in DARK_TEXT else ""
    text = status_label(code, lang) + (f" {count}" if count is not None else "")
    return f'<span class="chip{dark}" style="background:{STATUS_COLORS[code]}">{escape(text)}</span>'


def _table(headers: list[str], rows: list[list[str]], num_cols: set[int] = frozenset()) -> str:
    """``rows`` are already-escaped HTML cells."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f'<td class="num">{c}</td>' if j in num_cols else f"<td>{c}</td>"
                                    for j, c in enumerate(r)) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _legend(runs: list[dict], lang: str, history: bool = True, target: bool = True, band: bool = False) -> str:
    t = L[lang]
    parts = ['<span class="sw" style="background:#1f2328"></span>' + escape(t["history"])] if history else []
    parts += [f'<span class="sw" style="background:{_color(k)}"></span>' + escape(_sc_name(r))
              for k, r in enumerate(runs)]
    if target:
        parts.append(f'<span class="sw" style="background:{TARGET_COLOR}"></span>' + escape(t["target_line"]))
    if band:
        parts.append('<span class="sq" style="background:#0969da;opacity:.25"></span>' + escape(t["band"]))
    return '<div class="legend">' + "".join(parts) + "</div>"


def _color(k: int) -> str:
    return SCENARIO_COLORS[k % len(SCENARIO_COLORS)]


def _swatch(k: int) -> str:
    return f'<span style="color:{_color(k)}">&#9632;</span> '


def _target_cell(ind: dict, lang: str) -> str:
    return "; ".join(f"{x['text'] or num(x['value'])} ({_year(x['year'], lang)})" for x in ind["targets"]) or "—"


def _year(y: int | None, lang: str) -> str:
    return str(y) if y is not None else L[lang]["no_year"]


def _baseline_cell(ind: dict) -> str:
    b = ind["baseline"]
    return f"{num(b['value'])} ({b['year']})" if b else "—"


def _has_data(ind: dict, runs: list[dict]) -> bool:
    """Whether an indicator has anything to draw or assess (else it only serves relations)."""
    return bool(ind["targets"] or ind["baseline"] or ind["history"] or any(
        p["path"] for run in runs for p in run["project"]["indicators"] if p["indicator"] == ind["id"]))


def _owner_counts(inds: list[dict], rows_by: list[dict]) -> list[tuple[str | None, int, list[dict]]]:
    """(owner, number of targets, status counts per run) in the report's order."""
    out = []
    for o in dict.fromkeys(i["owner"] for i in inds):
        ids = [i["id"] for i in inds if i["owner"] == o]
        n = sum(len(rows_by[0].get(i, [])) for i in ids) if rows_by else 0
        if not n:
            continue
        counts = []
        for rb in rows_by:
            c: dict[str, int] = {}
            for i in ids:
                for r in rb.get(i, []):
                    c[r["status"]] = c.get(r["status"], 0) + 1
            counts.append({k: c[k] for k in STATUS_COLORS if c.get(k)})
        out.append((o, n, counts))
    return out


def _time(iso: str) -> str:
    """'2025-01-02T03:04:05+00:00' as '2025-01-02 03:04 UTC'."""
    return iso[:10] + " " + iso[11:16] + (" UTC" if iso.endswith("+00:00") else "") if len(iso) >= 16 else iso


def render_html(data: dict, lang: str = "zh") -> str:
    """The office report as one self-contained HTML page (see the module docstring)."""
    t = L[lang]
    plan = data["plan"]
    runs = data["runs"]
    inds = [i for i in ordered_indicators(data) if _has_data(i, runs)]
    aux = [i for i in ordered_indicators(data) if not _has_data(i, runs)]
    rows_by = [_rows_by_indicator(run) for run in runs]
    cards, n_charts = _cards(inds, aux, runs, rows_by, data, lang)
    body = (_head(data, inds, lang) + _summary(data, inds, rows_by, lang) + _overview(inds, runs, rows_by, lang)
            + f'<h2 id="pace">{escape(t["pace"])}</h2><p class="note">{escape(t["pace_note"])}</p>'
            + _legend(runs, lang, history=False, target=False) + pace_chart(data, lang)
            + cards + _findings(data, lang) + _assumptions(data, lang) + _provenance(data, inds, lang))
    version = runs[0]["provenance"]["sim_version"] if runs else ""
    return ('<!DOCTYPE html>\n'
            f'<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            'style-src \'unsafe-inline\'; img-src data:">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<link rel="icon" href="data:,">'
            f'<title>{escape(plan["title"])} — {escape(t["report"])}</title><style>{CSS}</style></head>'
            f'<body data-charts="{2 + n_charts}"><main>' + body
            + f'<footer>sim {escape(version)} · {escape(plan["id"])}</footer></main></body></html>\n')


def _head(data: dict, inds: list[dict], lang: str) -> str:
    t = L[lang]
    plan, runs = data["plan"], data["runs"]
    sep = "、" if lang == "zh" else ", "
    names = sep.join(_sc_name(r) for r in runs)
    gen = _time(runs[0]["provenance"]["time"]) if runs else ""
    out = (f'<header class="top"><div class="kicker">{escape(t["report"])}</div>'
           f'<h1>{escape(plan["title"])}</h1><div class="meta">'
           f'{escape(plan["region"] or "")} · {escape(t["plan_period"])} {plan["base_year"]}–{plan["target_year"]}'
           f' · {escape(t["scenarios"])}: {escape(names)} · {escape(t["generated"])} {escape(gen)}'
           + (f" · preset {escape(data['preset'])}" if data["preset"] != "default" else "") + "</div></header>")
    items = [escape(t["sum_line"].format(sc=_sc_name(run), n=run["check"]["summary"]["targets"],
                                         counts=_counts_text(run["check"]["summary"]["by_status"], lang)))
             for run in runs]
    watch = [r for r in runs[0]["check"]["rows"] if r["status"] in WATCH] if runs else []
    if watch:
        items.append(escape(t["attention"].format(sc=_sc_name(runs[0]))) + " " + "; ".join(
            f"{escape(r['name'])} {_chip(r['status'], lang)} {escape(r['owner'] or t['no_owner'])}"
            for r in watch))
    items.append(escape(t["binding_first"] if any(i["attribute"] == "binding" for i in inds) else t["no_binding"]))
    return out + (f'<section class="key"><strong>{escape(t["key"])}</strong><ul>'
                  + "".join(f"<li>{x}</li>" for x in items) + "</ul></section>")


def _summary(data: dict, inds: list[dict], rows_by: list[dict], lang: str) -> str:
    t = L[lang]
    runs = data["runs"]
    legend = '<div class="legend">' + "".join(
        f'<span class="sq" style="background:{c}"></span>{escape(status_label(k, lang))}'
        for k, c in STATUS_COLORS.items()) + "</div>"
    binding_owners = {i["owner"] for i in inds if i["attribute"] == "binding"}
    rows = [[escape(o or t["no_owner"]) + (f' <span class="tag binding">{escape(t["binding"])}</span>'
                                          if o in binding_owners else ""), str(n)]
            + ["".join(_chip(k, lang, v) for k, v in c.items()) for c in counts]
            for o, n, counts in _owner_counts(inds, rows_by)]
    return (f'<h2 id="summary">{escape(t["summary"])}</h2>' + status_chart(data, lang) + legend
            + f'<h3>{escape(t["by_owner"])}</h3>'
            + _table([t["owner"], t["n_targets"]] + [_sc_name(r) for r in runs], rows, {1}))


def _projected(r: dict) -> str:
    if r["projected"] is None:
        return ""
    return f"{r['projected']:.2f}%" if r["pace_model"] == "growth_rate" else num(r["projected"])


def _overview(inds: list[dict], runs: list[dict], rows_by: list[dict], lang: str) -> str:
    t = L[lang]
    rows = []
    for ind in inds:
        for k, r in enumerate(rows_by[0].get(ind["id"], []) if runs else []):
            attr = f' <span class="tag binding">{escape(t["binding"])}</span>' if ind["attribute"] == "binding" else ""
            cells = [f'<a href="#ind-{escape(ind["id"])}">{escape(ind["name"])}</a>{attr}',
                     escape(ind["unit"] or ""), f'<span class="nw">{escape(_baseline_cell(ind))}</span>',

                     escape(f"{r['text'] or '—'} ({_year(r['target_year'], lang)})")]
            for rb in rows_by:
                rr = rb[ind["id"]][k]
                shown = _projected(rr)
                cells.append('<span class="nw">' + (f'<span class="pv">{escape(shown)}</span>' if shown else "")
                             + _chip(rr["status"], lang) + "</span>")
            cells.append(escape(ind["owner"] or t["no_owner"]))
            rows.append(cells)
    return (f'<h2 id="overview">{escape(t["overview"])}</h2>'
            + _table([t["indicator"], t["unit"], t["baseline"], t["target"]]
                     + [f"{_sc_name(r)}: {t['projected']}" for r in runs] + [t["owner"]], rows))


def _cards(inds, aux, runs, rows_by, data, lang) -> tuple[str, int]:
    """One card per indicator: chart and a row per scenario; and the number of charts."""
    t = L[lang]
    prob_of = [{id(r): p for r, p in zip(run["check"]["rows"], probabilities(run))} for run in runs]
    with_prob = any(p is not None for run in runs for p in probabilities(run))
    cards, n_charts = [], 0
    for ind in inds:
        attr = ind["attribute"]
        tag = f' <span class="tag{" binding" if attr == "binding" else ""}">{escape(t[attr])}</span>' if attr else ""
        mine = [rb.get(ind["id"], []) for rb in rows_by]
        sub = [f"{t['owner']}: {ind['owner'] or t['no_owner']}", f"{t['baseline']} {_baseline_cell(ind)}",
               f"{t['target']} {_target_cell(ind, lang)}"]
        n_targets = len(mine[0]) if mine else 0
        same_req = [len({(rows[j]["required_pace"], rows[j]["pace_unit"]) for rows in mine}) == 1
                    for j in range(n_targets)]
        if n_targets == 1 and same_req[0] and mine[0][0]["required_pace"] is not None:
            sub.append(f"{t['required_pace']} {pace_text(mine[0][0]['required_pace'], mine[0][0]['pace_unit'], lang)}")
        show_req = not (n_targets == 1 and same_req[0])
        body = []
        for k, run in enumerate(runs):
            for j, r in enumerate(mine[k]):
                pace = escape(pace_text(r["assumed_pace"], r["pace_unit"], lang))
                if r["assumed_pace"] is not None and "pace" in r["assumed"]:
                    pace += f' <span class="assumed">({escape(t["assumed"])})</span>'
                cells = [_swatch(k) + escape(_sc_name(run)) + (f" ({_year(r['target_year'], lang)})" if n_targets > 1 else "")]
                if show_req:
                    cells.append(escape(pace_text(r["required_pace"], r["pace_unit"], lang)))
                cells.append(pace)
                cells.append(escape(_projected(r) or "—"))
                if with_prob:
                    cells.append(escape(_prob(prob_of[k].get(id(r)))))
                body.append(cells + [_chip(r["status"], lang) + f'<div class="why">{escape(reason_text(r, lang))}</div>'])
        heads = ([t["scenarios"]] + ([t["required_pace"]] if show_req else [])
                 + [t["assumed_pace"], t["projected"]] + ([t["probability"]] if with_prob else []) + [t["status"]])
        no_target = [x for x in ind["targets"] if x["kind"] not in LEVEL_KINDS + ("none",)]
        extra = (f'<div class="note">{escape(t["no_chart_target"])}: '
                 f'{escape("; ".join(x["text"] or "" for x in no_target))}</div>') if no_target else ""
        if any(x["kind"] == "none" for x in ind["targets"]):
            extra += f'<div class="note">{escape(t["no_numeric"])}</div>'
        table = _table(heads, body, {heads.index(t["projected"])} | (
            {heads.index(t["probability"])} if with_prob else set())) if body else ""
        chart = line_chart(ind, runs, lang)
        n_charts += bool(chart)
        cards.append(f'<article class="card" id="ind-{escape(ind["id"])}"><h3>{escape(ind["name"])} '
                     f'<span class="tag">{escape(ind["id"])}</span>{tag}</h3>'
                     f'<div class="sub">{escape(" · ".join(sub))}</div>' + chart + extra + table + "</article>")
    aux_note = (f'<p class="note">{escape(t["aux"])}: '
                + escape((", " if lang == "en" else "、").join(f"{i['name']} ({i['id']})" for i in aux))
                + "</p>") if aux else ""
    return (f'<h2 id="charts">{escape(t["charts"])}</h2><p class="note">{escape(t["charts_note"])}</p>'
            + _legend(runs, lang, band=any(bands(r) for r in runs)) + '<div class="cards">' + "".join(cards)
            + "</div>" + aux_note, n_charts)


def _findings(data: dict, lang: str) -> str:
    t = L[lang]
    f = data["findings"]
    if f is None:
        body = f'<p class="note">{escape(t["not_run"])}</p>'
    elif not f:
        body = f"<p>{escape(t['no_findings'])}</p>"
    else:
        n_runs = len(data["runs"])
        body = _table([t["relation"], t["kind"], t["message"], t["implied"], t["stated"], t["difference"],
                       t["scenarios"]],
                      [[escape(x["relation"] or "") + (f' <span class="chip" style="background:{TARGET_COLOR}">'
                                                        f'{escape(t["inconsistent"])}</span>' if x["inconsistent"] else ""),
                        escape(x["kind"]), escape(x["message"]),
                        escape(num(x["implied"]) + (f" {x['unit']}" if x["unit"] and x["implied"] is not None else "")),
                        escape(num(x["stated"])), escape(num(x["difference"])),
                        escape("、".join(x["scenarios"]) if len(x["scenarios"]) < n_runs else t["all"])]
                       for x in f], {3, 4, 5})
    return f'<h2 id="consistency">{escape(t["consistency"])}</h2>' + body


def _defaults_text(d: dict, lang: str) -> str:
    t = L[lang]
    out = []
    for k, v in d.items():
        if v in (None, [], {}):
            continue
        label = t["default_fields"].get(k, k)
        if k in ("growth", "real_growth", "deflator") and isinstance(v, (int, float)):
            out.append(f"{label} {_pct(v)}")
        else:
            out.append(f"{label} {t['default_values'].get(v, v) if isinstance(v, str) else v}")
    return "; ".join(out)


def _assumptions(data: dict, lang: str) -> str:
    """Each scenario's description, defaults and shocks; one table of assumptions, scenarios side by side."""
    t = L[lang]
    runs = data["runs"]
    items = []
    for k, run in enumerate(runs):
        sc = run["scenario"]
        shocks = "; ".join(f"{s['year']} " + (", ".join(s["indicators"]) if isinstance(s["indicators"], list)
                                              else str(s["indicators"]))
                           + f" {s['growth']:+.1%}" + (f" (p={s['probability']:g})" if s.get("probability", 1) < 1 else "")
                           + (f" — {s['note']}" if s.get("note") else "") for s in sc["shocks"])
        items.append(f"<li>{_swatch(k)}<strong>{escape(_sc_name(run))}</strong> <span class=\"tag\">"
                     f"{escape(sc['id'])}</span> {escape(sc['description'] or '')}<br>"
                     f'<span class="note">{escape(t["defaults"])}: {escape(_defaults_text(sc["defaults"], lang))}'
                     + (f"; {escape(t['shocks'])}: {escape(shocks)}" if shocks else "") + "</span></li>")
    ids = list(dict.fromkeys(i for run in runs for i in run["scenario"]["assumptions"]))
    names = {i["id"]: i["name"] for i in data["indicators"]}
    rows = [[escape(names.get(i, i)) + f' <span class="tag">{escape(i)}</span>']
            + [_assumption_cell(run["scenario"]["assumptions"].get(i), lang) for run in runs] for i in ids]
    return (f'<h2 id="assumptions">{escape(t["assumptions"])}</h2><ul class="plain">{"".join(items)}</ul>'
            + (_table([t["indicator"]] + [_sc_name(r) for r in runs], rows) if rows else ""))


def _assumption_cell(a: dict | None, lang: str) -> str:
    if not a:
        return f'<span class="note">{escape(L[lang]["no_assumption"])}</span>'
    note = a.get("note")
    return (escape(assumption_text({k: v for k, v in a.items() if k != "note"}, lang))
            + (f'<br><span class="note">{escape(note)}</span>' if note else ""))


def _provenance(data: dict, inds: list[dict], lang: str) -> str:
    t = L[lang]
    plan, runs = data["plan"], data["runs"]
    rows = []
    for ind in inds:
        src = ind["source"]
        plan_cell = "—"
        if src and src.get("line"):
            plan_cell = escape(t["line"].format(n=src["line"])) + (f": 「{escape(src['text'])}」" if src.get("text") else "")
        elif src and src.get("text"):
            plan_cell = escape(src["text"])
        links = []
        if ind["baseline"] and ind["baseline"].get("source"):
            links.append(_link(f"{ind['baseline']['year']}: {num(ind['baseline']['value'])}", ind["baseline"]["source"]))
        for y, v in sorted(ind["history"].items()):
            s = ind["history_sources"].get(y)
            links.append(_link(f"{y}: {num(v)}", s) if s else escape(f"{y}: {num(v)}"))
        assumed: dict[str, list[str]] = {}
        for run in runs:
            for r in run["check"]["rows"]:
                if r["indicator"] == ind["id"]:
                    for a in r["assumed"]:
                        assumed.setdefault(a, [])
                        if _sc_name(run) not in assumed[a]:
                            assumed[a].append(_sc_name(run))
        sep = "、" if lang == "zh" else ", "
        assumed_cell = "; ".join(f"{t['assumed_fields'].get(a, a)} ({t['all'] if len(s) == len(runs) else sep.join(s)})"
                                 for a, s in assumed.items())
        rows.append([escape(ind["name"]), plan_cell, "<br>".join(links) or "—",
                     f'<span class="assumed">{escape(assumed_cell)}</span>' if assumed_cell else "—"])
    refs = "".join(f"<li>{escape(r['name'])} ({escape(k)}): "
                   + escape(", ".join(f"{y}: {num(v)} {r['unit']}" for y, v in r["values"].items()))
                   + (" — " + _link(r["source"], r["source"]) if r["source"] else "") + "</li>"
                   for k, r in data["references"].items())
    files = []
    if runs:
        p0 = runs[0]["provenance"]
        files.append([escape(t["spec_file"]), escape(p0["spec"] or "—"), escape(p0["spec_sha256"] or "")])
        files += [[escape(t["scenario_file"]) + " " + _swatch(k) + escape(_sc_name(r)),
                   escape(r["provenance"]["scenario"] or "—"), escape(r["provenance"]["scenario_sha256"] or "")]
                  for k, r in enumerate(runs)]
        files.append([escape(t["sim_version"]), escape(p0["sim_version"]), ""])
    if data["simulation"]:
        files.append([escape(t["draws"]), escape(f"draws {data['simulation']['draws']}, seed "
                                                 f"{data['simulation']['seed']}"), ""])
    return (f'<h2 id="provenance">{escape(t["provenance"])}</h2><p class="note">{escape(t["prov_note"])}</p>'
            + _table([t["indicator"], t["plan_text"] + (f" ({plan['source']})" if plan.get("source") else ""),
                      t["data"], t["assumed_numbers"]], rows)
            + (f"<h4>{escape(t['references'])}</h4><ul>{refs}</ul>" if refs else "")
            + f"<h4>{escape(t['files'])}</h4>" + _table(["", "", "sha256"], files))


def _prob(p) -> str:
    """A probability for people: whole percents, one decimal near 0 and 1, never a rounded 0% or 100%."""
    if p is None:
        return "—"
    if p in (0, 1) or 0.01 <= p <= 0.99:
        return f"{p:.0%}"
    return "<0.1%" if p < 0.001 else ">99.9%" if p > 0.999 else f"{p:.1%}"


def _link(text: str, url: str) -> str:
    return f'<a href="{escape(url)}" rel="noreferrer">{escape(text)}</a>'


# ---- Markdown --------------------------------------------------------------------------------

def _md_table(headers: list[str], rows: list[list[str]]) -> str:
    esc = lambda s: str(s).replace("|", "\\|").replace("\n", " ")  # noqa: E731
    return "\n".join(["| " + " | ".join(map(esc, headers)) + " |",
                      "|" + "|".join("---" for _ in headers) + "|"]
                     + ["| " + " | ".join(map(esc, r)) + " |" for r in rows]) + "\n"


def render_md(data: dict, lang: str = "zh") -> str:
    """The briefing as Markdown: headings, bullets and tables of at most 3 + scenarios columns."""
    t = L[lang]
    runs = data["runs"]
    plan = data["plan"]
    rows_by = [_rows_by_indicator(run) for run in runs]
    inds = [i for i in ordered_indicators(data) if _has_data(i, runs)]
    out = [f"## {plan['title']}", "",
           f"{plan['region'] or ''} · {t['plan_period']} {plan['base_year']}–{plan['target_year']} · "
           f"{t['scenarios']}: " + ", ".join(_sc_name(r) for r in runs), "", f"### {t['key']}", ""]
    for run in runs:
        s = run["check"]["summary"]
        out.append("- " + t["sum_line"].format(sc=_sc_name(run), n=s["targets"],
                                               counts=_counts_text(s["by_status"], lang)))
    watch = [r for r in runs[0]["check"]["rows"] if r["status"] in WATCH] if runs else []
    if watch:
        out.append("- " + t["attention"].format(sc=_sc_name(runs[0])) + " " + "; ".join(
            f"{r['name']} ({status_label(r['status'], lang)}, {r['owner'] or t['no_owner']})" for r in watch))
    out += ["- " + (t["binding_first"] if any(i["attribute"] == "binding" for i in inds) else t["no_binding"]),
            "", f"### {t['by_owner']}", ""]
    orows = [[o or t["no_owner"], str(n)] + [", ".join(f"{status_label(k, lang)} {v}" for k, v in c.items())
                                             for c in counts]
             for o, n, counts in _owner_counts(inds, rows_by)]
    out.append(_md_table([t["owner"], t["n_targets"]] + [_sc_name(r) for r in runs], orows))
    ov = []
    for ind in inds:
        for k, r in enumerate(rows_by[0].get(ind["id"], [])):
            cells = [ind["name"] + (f" ({t['binding']})" if ind["attribute"] == "binding" else "")
                     + (f" [{ind['unit']}]" if ind["unit"] else ""),
                     _baseline_cell(ind), f"{r['text'] or '—'} ({_year(r['target_year'], lang)})"]
            for rb in rows_by:
                rr = rb[ind["id"]][k]
                cells.append(f"{_projected(rr) or '—'} {status_label(rr['status'], lang)}")
            ov.append(cells)
    out += ["", f"### {t['overview']}", "",
            _md_table([t["indicator"], t["baseline"], t["target"]]
                      + [f"{_sc_name(r)}: {t['projected']}" for r in runs], ov)]
    f = data["findings"]
    out += ["", f"### {t['consistency']}", ""]
    if f is None:
        out.append(t["not_run"])
    elif not f:
        out.append(t["no_findings"])
    else:
        out += [f"- {x['relation'] or x['kind']}: {x['message']}"
                + (f" ({', '.join(x['scenarios'])})" if len(x["scenarios"]) < len(runs) else "") for x in f]
    out += ["", f"### {t['assumptions']}", ""]
    for run in runs:
        sc = run["scenario"]
        out.append(f"- **{_sc_name(run)}** ({sc['id']}): {sc['description'] or ''}")
        for i, a in sc["assumptions"].items():
            out.append(f"  - {i}: {assumption_text(a, lang)}")
    out += ["", f"### {t['provenance']}", "", t["prov_note"], ""]
    for ind in inds:
        src = ind["source"]
        bits = []
        if src and src.get("line"):
            bits.append(f"{t['plan_text']} {t['line'].format(n=src['line'])}")
        bits += [f"{y}: {num(v)} <{ind['history_sources'][y]}>" if y in ind["history_sources"]
                 else f"{y}: {num(v)}" for y, v in sorted(ind["history"].items())]
        if ind["baseline"] and ind["baseline"].get("source"):
            bits.append(f"{t['baseline']}: <{ind['baseline']['source']}>")
        out.append(f"- {ind['name']} ({ind['id']}): " + ("; ".join(bits) or "—"))
    for k, r in data["references"].items():
        out.append(f"- {r['name']} ({k}): " + ", ".join(f"{y}: {num(v)} {r['unit']}" for y, v in r["values"].items())
                   + (f" <{r['source']}>" if r["source"] else ""))
    p = runs[0]["provenance"] if runs else {}
    out += ["", f"{t['spec_file']}: `{p.get('spec')}` (sha256 {(p.get('spec_sha256') or '')[:16]}); "
            + "; ".join(f"{t['scenario_file']} {_sc_name(r)}: `{r['provenance']['scenario']}`" for r in runs)
            + f"; sim {p.get('sim_version')}; {p.get('time')}", ""]
    return "\n".join(out)
