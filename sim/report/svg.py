"""Inline SVG charts of the HTML report: paths, P10-P90 bands, targets, paces, status bars."""
from __future__ import annotations

import math
from html import escape

from sim.report.htmltext import (
    L,
    _color,
    _sc_name,
    num,
    pace_text,
    status_label,
)
from sim.report.palette import DARK_TEXT, STATUS_COLORS
from sim.report.reportdata import LEVEL_KINDS, bands, ordered_indicators

FONT_STACK = '"Noto Sans CJK SC", "WenQuanYi Micro Hei", "PingFang SC", "Microsoft YaHei", sans-serif'


TARGET_COLOR = "#cf222e"


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
