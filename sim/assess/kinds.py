"""Assessment of one target by kind: level targets (required pace, projection, share of the required
change, keep-the-level), growth-rate targets (annual or 年均 rates), cumulative targets (累计法)."""
from __future__ import annotations

import math

import numpy as np

from sim import growth
from sim.assess.rows import _assumed_fields, _done, _no_pace_reason, num
from sim.meta import Msg
from sim.scenario.paths import Pace, Start, deflator_of, project_values
from sim.scenario.projection import Projection, pace_until
from sim.spec.model import Indicator
from sim.spec.targets import Target


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


def _growth_target(row, spec, ind, t: Target, sc, start: Start | None, proj: Projection | None = None) -> dict:
    """A growth-rate target (增长8.5%) is judged on the growth of its year, an average target
    (年均增长7%) on the average from the base year; no level is needed for a rate pace. ``proj``:
    the scenario's projection of ``ind`` (its pace is read from it, not computed again)."""
    ex = row["explain"]
    real = ind.growth_is_real
    row["pace_model"] = "growth_rate"
    row["pace_unit"] = "%/yr"
    row["required_pace"] = t.value
    deflator = deflator_of(sc, ind)
    average = t.period == "annual_average"
    b = ind.baseline.year if ind.baseline else spec.plan.base_year
    years = list(range(b + 1, t.year + 1)) if average else [t.year]
    what = Msg("what.average_growth", start=b, year=t.year) if average else Msg("what.growth", year=t.year)
    if real:
        ex["formula"].append(Msg("formula.real_growth", deflator=deflator))
    if average:
        ex["formula"].append(Msg("formula.average_growth"))
    known = _year_rates(ind, years, deflator)
    if len(known) == len(years):
        actual = _mean_rate([r for r, _ in known.values()]) * 100
        row["projected"] = num(actual)
        row["gap"] = num(actual - t.value)
        ex["inputs"] = {"target_growth_pct": t.value, "years": {str(y): r * 100 for y, (r, _) in known.items()}}
        ok = t.meets(actual)
        return _done(row, "achieved" if ok else "off_track",
                     Msg("reason.growth_actual", what=what, actual=actual, meets=ok, target=t.text),
                     "growth target, actual known")
    acts = ind.actuals()
    data_years = set(acts) | set(ind.growth_history)
    if data_years and max(data_years) >= t.year:
        return _done(row, "not_assessable", Msg("reason.growth_year_passed", year=t.year,
                                                latest=max(data_years)), "growth target passed")
    if start is None:   # a rate needs no level: project from the year before the target
        start = Start(year=min(t.year - 1, spec.plan.base_year), value=float("nan"))
    pace = pace_until(proj, ind, sc, start, t.year)
    if pace is None:
        return _done(row, "not_assessable", _no_pace_reason(ind, sc), "growth target, no pace")
    if pace.mode == "increment" and not math.isfinite(start.value):
        return _done(row, "not_assessable", Msg("reason.growth_no_level"), "growth target, no level")
    _assumed_fields(row, pace, sc, ind)
    rates = _year_rates(ind, years, deflator, start, pace)
    missing = [y for y in years if y not in rates]
    if missing:
        ex["notes"].append(Msg("note.growth_missing", years=missing))
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
    ex["formula"].append(Msg("formula.growth_ratio"))
    if t.meets(gp) or (t.op == "~" and _overshoot_ok(gp, t, "increase" if t.value >= 0 else "decrease")):
        return _done(row, "on_track", Msg("reason.growth_meets", what=what, growth=gp, target=t.text),
                     "growth target")
    rr = num(rr)
    if rr is None:
        return _done(row, "moving_away" if (gp < 0) != (t.value < 0) else "off_track",
                     Msg("reason.growth_against", what=what, growth=gp, target=t.value), "growth target")
    status = "needs_acceleration" if rr >= 0.5 else "off_track" if rr >= 0 else "moving_away"
    return _done(row, status, Msg("reason.growth_ratio", what=what, growth=gp, ratio=rr, target=t.value),
                 "growth target")


def _overshoot_ok(x: float, t: Target, direction: str) -> bool:
    """An approximate target (左右) exceeded in the indicator's good direction."""
    return (x > t.value) if direction == "increase" else (x < t.value)


def _level_target(row, spec, ind: Indicator, t: Target, sc, start: Start, proj: Projection | None = None) -> dict:
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
            return _done(row, "not_assessable", Msg("reason.year_passed", year=T), "target year passed")
        row["projected"] = actual
        ok = t.meets(actual)
        return _done(row, "achieved" if ok else "off_track",
                     Msg("reason.actual", year=T, actual=actual, meets=ok, target=t.text),
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
        ex["formula"].append(Msg("formula.cumulative", n=n, latest=x_t, remaining=remaining, total=x_star,
                                 done=done_sum))
    elif model == "compound" and x_t > 0 and x_star > 0:
        req = growth.required_compound(x_t, x_star, n)
        ex["formula"].append(Msg("formula.required_compound", target=x_star, latest=x_t, n=n))
    else:
        model = linear_fallback(row, ind, model)
        req = growth.required_linear(x_t, x_star, n)
        ex["formula"].append(Msg("formula.required_linear", target=x_star, latest=x_t, n=n))
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
        ex["formula"].append(Msg("formula.real_pace", deflator=d))

    pace = pace_until(proj, ind, sc, start, T)
    if pace is None:
        if keep and t.meets(x_t):
            return _done(row, "not_assessable", Msg("reason.keep_no_pace", why=_no_pace_reason(ind, sc)),
                         "keep level, no pace")
        if not keep and not cumulative and t.meets(x_t):   # DESIGN.md: the latest actual already meets it
            return _done(row, "achieved", Msg("reason.already_met_no_pace", latest=x_t, year=start.year,
                                              target=t.text, why=_no_pace_reason(ind, sc)), "already met, no pace")
        return _done(row, "not_assessable", _no_pace_reason(ind, sc), "no pace")
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
    ex["formula"].append(Msg("formula.projected", year=T, latest=x_t, mode=pace.mode))
    if not keep:
        share = growth.share_of_required(x_t, proj, x_star) if not cumulative else \
            growth.share_of_required(0.0, proj, x_star)
        row["share_of_required"] = num(share)
        row["pace_ratio"] = num(growth.pace_ratio(eff, req))
        ex["formula"].append(Msg("formula.share"))

    return verdict(row, ind, t, x_t, x_star, proj, start.year, keep, cumulative)


def verdict(row: dict, ind: Indicator, t: Target, x_t: float, x_star: float, proj: float, start_year: int,
            keep: bool, cumulative: bool = False) -> dict:
    """The status of a level (or cumulative) target ``x_star`` from its start ``x_t`` and projection ``proj``
    (METHODS.md "Projection and share of required change"): keep-the-level targets by side, already
    met, projection meets, else by the share of the required change (row["share_of_required"])."""
    if keep:
        ok = t.meets(proj)
        return _done(row, "on_track" if ok else "at_risk",
                     Msg("reason.keep", target=x_star, latest=x_t, projected=proj, holds=ok), "keep the level")
    if t.meets(x_t) and not cumulative:
        if t.meets(proj):
            return _done(row, "achieved", Msg("reason.already_met", latest=x_t, year=start_year, target=t.text),
                         "already met")
        return _done(row, "at_risk", Msg("reason.met_falls_back", latest=x_t, target=t.text, projected=proj),
                     "already met, projection breaks")
    if t.meets(proj) or (t.op == "~" and _overshoot_ok(proj, t, ind.direction)):
        return _done(row, "on_track", Msg("reason.projected_meets", projected=proj, target=t.text),
                     "projection meets")
    share = row["share_of_required"]
    if share is None:
        return _done(row, "off_track", Msg("reason.projected_misses", projected=proj, target=t.text),
                     "projection misses")
    status = "needs_acceleration" if share >= 0.5 else "off_track" if share >= 0 else "moving_away"
    return _done(row, status, Msg("reason.share", projected=proj, share=share, target=t.text),
                 "share of required change")


def linear_fallback(row: dict, ind: Indicator, model: str) -> str:
    """The linear model for a level the compound formula cannot take (a start or target <= 0),
    noted in the row; ``model`` unchanged when it is linear already."""
    if model == "compound":
        row["explain"]["notes"].append(Msg("note.non_positive"))
        model = row["pace_model"] = "linear"
        row["pace_unit"] = linear_unit(ind)
    return model


def linear_unit(ind: Indicator) -> str:
    """Unit of a linear pace: percentage points for % indicators."""
    return "pp/yr" if ind.unit.strip() == "%" else f"{ind.unit or 'units'}/yr"


def pace_out(x, model: str) -> float | None:
    """Pace for output: percent per year for compound, units per year for linear."""
    x = num(x)
    return None if x is None else (x * 100 if model == "compound" else x)
