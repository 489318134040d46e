"""Assessment: a status for every target of a plan under a scenario (METHODS.md, DESIGN.md).

Statuses: achieved, on_track, needs_acceleration, off_track, moving_away, at_risk,
not_assessable — each with a reason. Presets reproduce official methods: ``default``,
``unsd`` (observed CAGR, share thresholds .95/.5/.1/-.1), ``eurostat`` (pace ratio .95/.6/0),
``sdg-build`` (CAGR ratio .95/.6/0, target achieved first), ``cn-midterm`` (中期评估: task done
against time elapsed, margin m). Keep-the-level targets are judged by side, never by dividing
by a zero required change. No NaN or inf leaves this module: undefined numbers are None.
"""
from __future__ import annotations

import math

import numpy as np

from sim import growth
from sim.model import Indicator, Spec
from sim.scenario import (
    Pace,
    Scenario,
    Start,
    deflator_of,
    linked_history,
    pace_of,
    project_values,
    start_of,
)
from sim.targets import Target

STATUSES = ("achieved", "on_track", "needs_acceleration", "off_track", "moving_away", "at_risk",
            "not_assessable")
STATUS_LABELS = {
    "zh": {"achieved": "已达成", "on_track": "可实现", "needs_acceleration": "需加快",
           "off_track": "难以实现", "moving_away": "背离", "at_risk": "有风险",
           "not_assessable": "无法评估"},
    "en": {"achieved": "achieved", "on_track": "on track", "needs_acceleration": "needs acceleration",
           "off_track": "off track", "moving_away": "moving away", "at_risk": "at risk",
           "not_assessable": "not assessable"},
}
PRESETS = ("default", "unsd", "eurostat", "sdg-build", "cn-midterm")
BASELINE_RANGE = (0.5, 0.6, 0.7, 0.8, 0.9)   # plausible baselines as shares of the target
PRESET_BANDS = {   # (lower bound, preset code, status); first band whose bound the measure meets
    "unsd": [(0.95, "on_track", "on_track"), (0.5, "moderate_progress", "needs_acceleration"),
             (0.1, "marginal_progress", "off_track"), (-0.1, "stagnation", "off_track"),
             (-math.inf, "regression", "moving_away")],
    "eurostat": [(0.95, "significant_progress", "on_track"),
                 (0.6, "moderate_progress", "needs_acceleration"),
                 (0.0, "insufficient_progress", "off_track"), (-math.inf, "moving_away", "moving_away")],
    "sdg-build": [(0.95, "substantial_progress", "on_track"),
                  (0.6, "moderate_progress", "needs_acceleration"),
                  (0.0, "limited_progress", "off_track"), (-math.inf, "deterioration", "moving_away")],
}


def num(x) -> float | None:
    """A finite float or None."""
    if x is None:
        return None
    x = float(x)
    return x if math.isfinite(x) else None


def assess_plan(spec: Spec, sc: Scenario, preset: str = "default", margin: float = 0.1) -> list[dict]:
    """One row per indicator and target, in spec order."""
    if preset not in PRESETS:
        raise ValueError(f"unknown preset {preset!r}")
    rows = []
    for ind in spec.indicators:
        for t in ind.targets:
            rows.append(assess_target(spec, ind, t, sc, preset, margin))
    return rows


def _row(ind: Indicator, t: Target) -> dict:
    latest = ind.latest()
    return {
        "indicator": ind.id, "name": ind.name, "owner": ind.owner, "attribute": ind.attribute,
        "parent": ind.parent, "target_year": t.year, "text": t.text, "kind": t.kind, "op": t.op,
        "target": num(t.value), "target_low": num(t.low), "target_high": num(t.high),
        "stretch": t.stretch, "unit": t.unit if t.kind == "growth" else ind.unit,
        "baseline": num(ind.baseline.value) if ind.baseline else None,
        "baseline_year": ind.baseline.year if ind.baseline else None,
        "latest": num(latest[1]) if latest else None, "latest_year": latest[0] if latest else None,
        "start": None, "start_year": None, "start_assumed": False, "pace_model": ind.model, "pace_unit": None,
        "required_pace": None, "required_pace_from_base": None, "required_real_pace": None,
        "assumed_pace": None, "pace_source": None, "weak_evidence": False,
        "projected": None, "gap": None, "share_of_required": None, "pace_ratio": None,
        "status": "not_assessable", "reason": "", "preset_status": None, "assumed": [],
        "explain": {"inputs": {}, "formula": [], "branch": "", "data_points": {}, "notes": []},
    }


def _done(row: dict, status: str, reason: str, branch: str | None = None) -> dict:
    row["status"] = status
    row["reason"] = reason
    if branch:
        row["explain"]["branch"] = branch
    return row


def assess_target(spec: Spec, ind: Indicator, t: Target, sc: Scenario, preset: str = "default",
                  margin: float = 0.1) -> dict:
    row = _row(ind, t)
    ex = row["explain"]
    ex["data_points"] = {str(y): v for y, v in ind.actuals().items()}
    if t.year is None:
        return _done(row, "not_assessable", "the plan gives this target no year; `sim solve` tells "
                                            "the year it is reached at a given pace", "no target year")
    if t.kind == "none":
        return _done(row, "not_assessable", "no numeric target (qualitative or '—')", "kind none")
    if t.kind == "masked":
        return _done(row, "not_assessable", "target digits are masked in the published plan", "kind masked")
    if t.kind == "change":
        rel = t.relative_to
        return _done(row, "not_assessable",
                     f"target is relative to the {rel.year} value, which is not in the spec "
                     f"(add it to history)", "kind change, unresolved")
    if t.kind == "reference":
        t = _resolve_reference(spec, ind, t, row)
        if t is None:
            return row
    start = start_of(ind, sc, spec.plan.base_year)
    if t.kind == "growth":
        return _growth_target(row, spec, ind, t, sc, start)
    if start is None:
        return _no_start(row, ind, t, spec)
    row["start"], row["start_year"] = num(start.value), start.year
    if start.assumed:
        row["start_assumed"] = True
        row["assumed"].append("baseline")
        ex["notes"].append(f"start value {start.value:g} in {start.year} assumed by the scenario")
    return _level_target(row, spec, ind, t, sc, start, preset, margin)


def _resolve_reference(spec: Spec, ind: Indicator, t: Target, row: dict) -> Target | None:
    ref = spec.references.get(t.reference or "") if t.reference else None
    if ref is None or t.period == "year":
        _done(row, "not_assessable", f"target is relative to '{t.reference}', a series with no values "
                                     f"in the spec (add it under `references:`)", "kind reference")
        return None
    years = [y for y in ref.values if y <= t.year]
    if not years:
        _done(row, "not_assessable", f"reference '{t.reference}' has no value up to {t.year}",
              "kind reference")
        return None
    y = max(years)
    row["explain"]["notes"].append(f"target = reference '{t.reference}' ({ref.name}) {y}: "
                                   f"{ref.values[y]:g}" + (" (held constant to the target year)"
                                                            if y < t.year else ""))
    row["target"] = ref.values[y]
    return t.model_copy(update={"value": ref.values[y], "kind": "level"})


def baseline_range(ind: Indicator, t: Target, base_year: int, bases: list[float]) -> list[dict]:
    """The pace needed from ``base_year`` to ``t`` for each assumed baseline (compound: %/yr;
    linear: units per year), for an indicator whose baseline is unknown."""
    n = t.year - base_year
    b = np.array(bases, dtype=float)
    req = (growth.required_compound(b, t.value, n) if ind.model == "compound"
           else growth.required_linear(b, t.value, n))
    return [{"baseline": round(float(x), 6), "required_pace": pace_out(r, ind.model)}
            for x, r in zip(b, req)]


def _no_start(row: dict, ind: Indicator, t: Target, spec: Spec) -> dict:
    n = t.year - spec.plan.base_year
    if t.kind == "level" and t.value and t.value > 0 and n > 0:
        rng = baseline_range(ind, t, spec.plan.base_year, [t.value * s for s in BASELINE_RANGE])
        row["explain"]["baseline_range"] = rng
        unit = "%/yr" if ind.model == "compound" else linear_unit(ind)
        span = ", ".join(f"{x['baseline']:.4g}: {x['required_pace']:.3g} {unit}" for x in rng)
        return _done(row, "not_assessable",
                     f"no baseline in the plan or data and none assumed; pace needed from "
                     f"{spec.plan.base_year} by baseline: {span}", "no start value")
    return _done(row, "not_assessable", "no baseline in the plan or data and none assumed",
                 "no start value")


def _no_pace_reason(ind: Indicator, sc: Scenario) -> str:
    pts, notes = linked_history(ind)
    if sc.defaults.growth == "none" and ind.id not in sc.assumptions:
        return "no assumption for this indicator (scenario default growth: none)"
    if notes and len(pts) < 2:
        return notes[-1] + "; fewer than 2 points on one scope, so no trend"
    if len(pts) == 1:
        return "only one data point and no assumption: no trend can be fitted"
    return "no assumption and no history to fit a trend"


def _assumed_fields(row: dict, pace, sc: Scenario, ind: Indicator):
    a = sc.assumptions.get(ind.id)
    if pace.assumed:
        row["assumed"].append("pace")
    if a is not None and (a.deflator is not None or a.real_growth is not None) or "deflator" in pace.source:
        row["assumed"].append("deflator")
    row["pace_source"] = pace.source
    row["weak_evidence"] = pace.weak
    row["explain"]["notes"].extend(pace.notes)
    if pace.points is not None:
        row["explain"]["trend_points"] = pace.points
        row["explain"]["trend_years"] = list(pace.fitted_years)
    row["assumed"] = list(dict.fromkeys(row["assumed"]))


def _year_rates(ind: Indicator, years: list[int], deflator: float, start: Start | None = None,
                pace: Pace | None = None) -> dict[int, tuple[float, str]]:
    """Growth of each year as a fraction, with where it came from: published growth first, then
    two levels, then the scenario's pace. Real (deflated) where the indicator's growth is real."""
    acts = ind.actuals()
    real = ind.growth_is_real
    deflate = (lambda r: float(growth.real_from_nominal(r, deflator))) if real else float
    path = project_values(start, pace) if pace is not None and math.isfinite(start.value) else {}
    out = {}
    for y in years:
        if y in ind.growth_history:
            out[y] = (ind.growth_history[y] / 100, "published")
        elif y in acts and y - 1 in acts and acts[y - 1] > 0:
            out[y] = (deflate(acts[y] / acts[y - 1] - 1), "levels")
        elif pace is not None and y in pace.years:
            k = pace.years.index(y)
            prev = start.value if k == 0 else path.get(pace.years[k - 1], float("nan"))
            r = pace.values[k] if pace.mode == "rate" else pace.values[k] / prev
            if math.isfinite(r):
                out[y] = (deflate(r), "projected")
    return out


def _mean_rate(rates: list[float]) -> float:
    """Average annual growth of a run of yearly rates: prod(1 + r)^(1/n) - 1."""
    return float(np.prod([1 + r for r in rates]) ** (1 / len(rates)) - 1)


def _growth_target(row, spec, ind, t: Target, sc, start: Start | None) -> dict:
    """A growth-rate target (增长8.5%) is judged on the growth of its year, an average target
    (年均增长7%) on the average from the base year; no level is needed for a rate pace."""
    ex = row["explain"]
    real = ind.growth_is_real
    row["pace_model"] = "growth_rate"
    row["pace_unit"] = "%/yr"
    row["required_pace"] = t.value
    deflator = deflator_of(sc, ind)
    average = t.period == "annual_average"
    b = ind.baseline.year if ind.baseline else spec.plan.base_year
    years = list(range(b + 1, t.year + 1)) if average else [t.year]
    what = f"average growth {b}-{t.year}" if average else f"growth {t.year}"
    if real:
        ex["formula"].append(f"real growth = (1 + nominal)/(1 + deflator {deflator:.1%}) - 1 for levels "
                             "and paces (GDP and value-added growth targets are at comparable prices)")
    if average:
        ex["formula"].append("average growth = prod(1 + g_y)^(1/n) - 1 over the years of the period")
    known = _year_rates(ind, years, deflator)
    if len(known) == len(years):
        actual = _mean_rate([r for r, _ in known.values()]) * 100
        row["projected"] = num(actual)
        row["gap"] = num(actual - t.value)
        ex["inputs"] = {"target_growth_pct": t.value, "years": {str(y): r * 100 for y, (r, _) in known.items()}}
        ok = t.meets(actual)
        return _done(row, "achieved" if ok else "off_track",
                     f"actual {what}: {actual:.2f}% " + ("meets" if ok else "misses") + f" the target {t.text}",
                     "growth target, actual known")
    acts = ind.actuals()
    data_years = set(acts) | set(ind.growth_history)
    if data_years and max(data_years) >= t.year:
        return _done(row, "not_assessable", f"the target year {t.year} has passed and its growth is not "
                                            f"in the data (latest data {max(data_years)}; add "
                                            f"{t.year} to growth_history)", "growth target passed")
    if start is None:   # a rate needs no level: project from the year before the target
        start = Start(year=min(t.year - 1, spec.plan.base_year), value=float("nan"))
    pace = pace_of(ind, sc, start, t.year)
    if pace is None:
        return _done(row, "not_assessable", _no_pace_reason(ind, sc), "growth target, no pace")
    if pace.mode == "increment" and not math.isfinite(start.value):
        return _done(row, "not_assessable", "a change in units per year needs a start level to give "
                                            "a growth rate; assume a baseline", "growth target, no level")
    _assumed_fields(row, pace, sc, ind)
    rates = _year_rates(ind, years, deflator, start, pace)
    missing = [y for y in years if y not in rates]
    if missing:
        ex["notes"].append(f"no growth for {', '.join(map(str, missing))}: averaged over the other years")
    g = _mean_rate([rates[y][0] for y in years if y in rates])
    gp = g * 100
    row["assumed_pace"] = num(gp)
    row["projected"] = num(gp)
    row["gap"] = num(gp - t.value)
    rr = growth.pace_ratio(gp, t.value)
    row["pace_ratio"] = num(rr)
    ex["inputs"] = {"target_growth_pct": t.value, "assumed_growth_pct": num(gp), "year": t.year,
                    "deflator": deflator if real else None,
                    "years": {str(y): {"growth_pct": r * 100, "from": src} for y, (r, src) in rates.items()}}
    ex["formula"].append("pace ratio = assumed growth / target growth")
    if t.meets(gp) or (t.op == "~" and _overshoot_ok(gp, t, "increase" if t.value >= 0 else "decrease")):
        return _done(row, "on_track", f"assumed {what} {gp:.2f}% meets {t.text}", "growth target")
    rr = num(rr)
    if rr is None:
        return _done(row, "moving_away" if (gp < 0) != (t.value < 0) else "off_track",
                     f"assumed {what} {gp:.2f}% against a target of {t.value:g}%", "growth target")
    status = "needs_acceleration" if rr >= 0.5 else "off_track" if rr >= 0 else "moving_away"
    return _done(row, status, f"assumed {what} {gp:.2f}% is {rr:.0%} of the {t.value:g}% required",
                 "growth target")


def _overshoot_ok(x: float, t: Target, direction: str) -> bool:
    """An approximate target (左右) exceeded in the indicator's good direction."""
    return (x > t.value) if direction == "increase" else (x < t.value)


def _level_target(row, spec, ind: Indicator, t: Target, sc, start: Start, preset, margin) -> dict:
    ex = row["explain"]
    T = t.year
    x_t = start.value
    n = T - start.year
    between = t.op == "between"
    x_star = t.value if not between else (t.low if x_t < t.low else t.high)
    ex["inputs"] = {"latest_year": start.year, "latest": x_t, "target_year": T, "target": x_star,
                    "years_left": n, "op": t.op}
    if n <= 0:
        actual = ind.actuals().get(T)
        if actual is None:
            return _done(row, "not_assessable", f"the target year {T} has passed and its actual is "
                                                "not in the data", "target year passed")
        row["projected"] = actual
        ok = t.meets(actual)
        return _done(row, "achieved" if ok else "off_track",
                     f"actual {T}: {actual:g} " + ("meets" if ok else "misses") + f" {t.text}",
                     "target year passed")
    cumulative = t.kind == "cumulative"
    done_sum = sum(v for y, v in ind.actuals().items() if spec.plan.base_year < y <= start.year)
    model = ind.model
    row["pace_unit"] = "%/yr" if model == "compound" else linear_unit(ind)
    if cumulative:
        remaining = x_star - done_sum
        req = growth.required_cumulative(x_t, remaining, n)
        row["pace_model"] = model = "compound"
        row["pace_unit"] = "%/yr"
        ex["formula"].append(f"累计法: solve sum_(i=1..{n}) {x_t:g}(1+r)^i = {remaining:g} "
                             f"(total {x_star:g} less {done_sum:g} done)")
    elif model == "compound" and x_t > 0 and x_star > 0:
        req = growth.required_compound(x_t, x_star, n)
        ex["formula"].append(f"required = ({x_star:g}/{x_t:g})^(1/{n}) - 1")
    else:
        if model == "compound":
            ex["notes"].append("non-positive value: linear pace instead of compound")
            model = row["pace_model"] = "linear"
            row["pace_unit"] = linear_unit(ind)
        req = growth.required_linear(x_t, x_star, n)
        ex["formula"].append(f"required = ({x_star:g} - {x_t:g})/{n} units per year")
    keep = not between and math.isclose(x_star, x_t, rel_tol=1e-9, abs_tol=1e-12) and not cumulative
    row["required_pace"] = pace_out(0.0 if keep else req, model)
    b = ind.baseline
    if b and b.year < start.year and not cumulative:
        nb = T - b.year
        rb = (growth.required_compound(b.value, x_star, nb) if model == "compound" and b.value > 0
              else growth.required_linear(b.value, x_star, nb))
        row["required_pace_from_base"] = pace_out(rb, model)
    if ind.basis == "nominal" and model == "compound" and not cumulative:
        d = deflator_of(sc, ind)
        row["required_real_pace"] = pace_out(growth.real_from_nominal(req, d), model)
        ex["formula"].append(f"real pace needed = (1 + nominal)/(1 + deflator {d:.1%}) - 1")

    pace = (_observed_pace(ind, start, T, model) if preset in PRESET_BANDS
            else pace_of(ind, sc, start, T))
    if pace is None and preset != "cn-midterm":
        if keep and t.meets(x_t):
            return _done(row, "not_assessable", "keep-the-level target met now; "
                         + _no_pace_reason(ind, sc) + " to tell whether it holds", "keep level, no pace")
        return _done(row, "not_assessable", _no_pace_reason(ind, sc), "no pace")
    proj = None
    if pace is not None:
        _assumed_fields(row, pace, sc, ind)
        path = project_values(start, pace)
        proj = path[T]
        if cumulative:
            proj = done_sum + sum(path.values())
        row["projected"] = num(proj)
        row["gap"] = num(proj - x_star)
        if cumulative:   # the constant rate that gives the projected total (same 累计法)
            eff = growth.required_cumulative(x_t, proj - done_sum, n)
        elif model == "compound" and proj > 0 and x_t > 0:
            eff = growth.required_compound(x_t, proj, n)
        else:
            eff = growth.required_linear(x_t, proj, n)
        row["assumed_pace"] = pace_out(eff, model)
        ex["inputs"]["pace_by_year"] = {str(y): v for y, v in zip(pace.years, pace.values)}
        ex["formula"].append(f"projected {T} = {x_t:g} along the {pace.mode} path "
                             f"({'x(1+g)' if pace.mode == 'rate' else 'x + d'} each year)")
        if not keep:
            share = growth.share_of_required(x_t, proj, x_star) if not cumulative else \
                growth.share_of_required(0.0, proj, x_star)
            row["share_of_required"] = num(share)
            row["pace_ratio"] = num(growth.pace_ratio(eff, req))
            ex["formula"].append("share of required change P = (projected - latest)/(target - latest)")

    if preset == "cn-midterm":
        return _midterm(row, ind, t, start, x_star, model, margin)
    if keep:
        ok = t.meets(proj)
        return _done(row, "on_track" if ok else "at_risk",
                     f"keep-the-level target (target {x_star:g} = latest {x_t:g}): projection {proj:.4g} "
                     + ("stays on the right side" if ok else "breaks it"), "keep the level")
    if t.meets(x_t) and not cumulative:
        if t.meets(proj):
            return _done(row, "achieved", f"latest actual {x_t:g} ({start.year}) already meets {t.text}",
                         "already met")
        return _done(row, "at_risk", f"latest actual {x_t:g} meets {t.text}, but the projection "
                                     f"{proj:.4g} falls back", "already met, projection breaks")
    if preset in PRESET_BANDS:
        return _preset_status(row, preset)
    if t.meets(proj) or (t.op == "~" and _overshoot_ok(proj, t, ind.direction)):
        return _done(row, "on_track", f"projected {proj:.4g} meets {t.text}", "projection meets")
    share = row["share_of_required"]
    if share is None:
        return _done(row, "off_track", f"projected {proj:.4g} misses {t.text}", "projection misses")
    status = "needs_acceleration" if share >= 0.5 else "off_track" if share >= 0 else "moving_away"
    return _done(row, status, f"projected {proj:.4g} covers {share:.0%} of the change needed "
                              f"to {t.text}", "share of required change")


def linear_unit(ind: Indicator) -> str:
    """Unit of a linear pace: percentage points for % indicators."""
    return "pp/yr" if ind.unit.strip() == "%" else f"{ind.unit or 'units'}/yr"


def pace_out(x, model: str) -> float | None:
    """Pace for output: percent per year for compound, units per year for linear."""
    x = num(x)
    return None if x is None else (x * 100 if model == "compound" else x)


def _observed_pace(ind: Indicator, start: Start, T: int, model: str) -> Pace | None:
    """The official methods' pace: observed CAGR (or linear slope) from the first actual to the latest."""
    pts, notes = linked_history(ind)
    ys = sorted(pts)
    if len(ys) < 2:
        return None
    y0, y1 = ys[0], ys[-1]
    if model == "compound" and pts[y0] > 0 and pts[y1] > 0:
        r = float(growth.required_compound(pts[y0], pts[y1], y1 - y0))
        mode, what = "rate", "CAGR"
    else:
        r = float(growth.required_linear(pts[y0], pts[y1], y1 - y0))
        mode, what = "increment", "linear change"
    years = tuple(range(start.year + 1, T + 1))
    return Pace(mode=mode, years=years, values=(r,) * len(years),
                source=f"observed {what} {y0}-{y1} (official-method preset)", assumed=False,
                points=2, weak=len(ys) < 4, fitted_years=(y0, y1), notes=tuple(notes))


def _preset_status(row: dict, preset: str) -> dict:
    measure = row["share_of_required"] if preset == "unsd" else row["pace_ratio"]
    name = "share of required change P" if preset == "unsd" else "pace ratio RR"
    if measure is None:
        return _done(row, "not_assessable", f"{name} undefined", f"preset {preset}")
    for bound, code, status in PRESET_BANDS[preset]:
        if measure >= bound:
            row["preset_status"] = code
            return _done(row, status, f"{preset}: {name} = {measure:.2f} -> {code}", f"preset {preset}")
    raise AssertionError("bands end at -inf")


def _midterm(row, ind: Indicator, t: Target, start: Start, x_star, model, margin) -> dict:
    """中期评估: task done s against time elapsed tau = (t-b)/(T-b), margin m."""
    b = ind.baseline
    if b is None or start.year <= b.year:
        return _done(row, "not_assessable", "cn-midterm needs an actual after the base year",
                     "preset cn-midterm")
    tau = (start.year - b.year) / (t.year - b.year)
    x_b, x_t = b.value, start.value
    if t.meets(x_t):
        row["preset_status"] = "achieved_early"
        return _done(row, "achieved", f"提前实现: {x_t:g} ({start.year}) meets {t.text}", "preset cn-midterm")
    if model == "compound" and x_b > 0 and x_t > 0 and x_star > 0 and x_star != x_b:
        s = math.log(x_t / x_b) / math.log(x_star / x_b)
    elif x_star != x_b:
        s = (x_t - x_b) / (x_star - x_b)
    else:
        return _done(row, "at_risk", "keep-the-level target not met at the latest actual",
                     "preset cn-midterm")
    row["explain"]["inputs"].update({"time_elapsed": tau, "task_done": s, "margin": margin})
    row["explain"]["formula"].append("tau = (t-b)/(T-b); s = task done (log shares for compound)")
    row["share_of_required"] = num(s)
    if s >= tau + margin:
        code, status = "ahead", "on_track"
    elif s > tau - margin:
        code, status = "on_schedule", "on_track"
    else:
        code, status = "lagging", "off_track" if s >= 0 else "moving_away"
    row["preset_status"] = code
    head = "时间过半、任务过半" if s >= tau else "任务进度落后于时间进度"
    return _done(row, status, f"{code}: task done {s:.0%} vs time elapsed {tau:.0%} ({head})",
                 "preset cn-midterm")


def summary(rows: list[dict]) -> dict:
    """Counts by status, by owner; binding indicators not on track named first."""
    counts = {s: 0 for s in STATUSES}
    by_owner: dict[str, dict[str, int]] = {}
    for r in rows:
        counts[r["status"]] += 1
        o = by_owner.setdefault(r["owner"] or "—", {})
        o[r["status"]] = o.get(r["status"], 0) + 1
    bad = ("moving_away", "off_track", "at_risk", "needs_acceleration")
    binding = [r for r in rows if r["attribute"] == "binding" and r["status"] in bad]
    others = [r for r in rows if r["attribute"] != "binding" and r["status"] in bad]
    order = {s: i for i, s in enumerate(bad)}
    pick = lambda rs: [{"indicator": r["indicator"], "name": r["name"], "target_year": r["target_year"],  # noqa: E731
                        "status": r["status"], "owner": r["owner"]}
                       for r in sorted(rs, key=lambda r: order[r["status"]])]
    return {"targets": len(rows), "by_status": counts, "by_owner": by_owner,
            "binding_not_on_track": pick(binding), "not_on_track": pick(others)}
