"""Break-even paces, years to reach a target, and what-if grids (METHODS.md "Required pace")."""
from __future__ import annotations

import math

import numpy as np

from sim import growth
from sim.assess.draws import Draws, Model, plan_model, sample_paces, values_of
from sim.assess.kinds import linear_unit, pace_out
from sim.assess.probability import meets, new_seed, stat_values
from sim.assess.simulate import target_stat
from sim.assess.status import BASELINE_RANGE, assess_plan, assess_target, baseline_range
from sim.assess.statuses import MEETS
from sim.errors import SimError
from sim.meta import SCHEMA_VERSION, Msg, Result, provenance
from sim.scenario.load import scenario_dict
from sim.scenario.model import Assumption, Scenario
from sim.scenario.paths import Pace, deflator_of, pace_of
from sim.scenario.projection import project_indicator, project_plan
from sim.spec.model import Indicator, Spec
from sim.spec.targets import Target

MAX_YEARS = 100


BISECT_STEPS = 60


PACE_RANGE = (-0.9, 5.0)          # rates searched, fraction/yr


INCREMENT_SPAN = 10.0             # changes searched: +-10 x the larger of |target - start| and |start|


def parse_range(text: str, option: str) -> list[float]:
    """'0.03:0.10:0.005' (lo:hi:step, hi included), '3%:10%:0.5%', or a list '0.05,0.06'."""
    def num(s: str) -> float:
        s = s.strip()
        try:
            x = float(s.rstrip("%")) / (100 if s.endswith("%") else 1)
        except ValueError:
            raise SimError(Msg("range.not_number", value=s), field=option, hint=Msg("range.example")) \
                from None
        if not math.isfinite(x) or abs(x) > 1e15:
            raise SimError(Msg("range.not_finite", value=s), field=option, hint=Msg("range.example"))
        return x
    if ":" not in text:
        return [num(s) for s in text.split(",")]
    parts = [num(s) for s in text.split(":")]
    if len(parts) != 3 or parts[2] <= 0 or parts[1] < parts[0]:
        raise SimError(Msg("range.unread", text=text), field=option, hint=Msg("range.unread_hint"))
    lo, hi, step = parts
    n = int(math.floor((hi - lo) / step + 1e-9)) + 1
    if n > 10_000:
        raise SimError(Msg("range.too_many", text=text, n=n), field=option, hint=Msg("range.at_most"))
    return [round(lo + k * step, 12) for k in range(n)]


def _indicator(spec: Spec, ident: str | None) -> list[Indicator]:
    if ident is None:
        return list(spec.indicators)
    try:
        return [spec.indicator(ident)]
    except KeyError:
        raise SimError(Msg("cli.not_an_indicator", id=ident, plan=spec.plan.id), field="--indicator",
                       hint=Msg("cli.ids", ids=[i.id for i in spec.indicators])) from None


def year_reached(start_year: int, start: float, paces: list[float], mode: str, t: Target,
                 direction: str) -> int | None:
    """First year after start_year whose value meets t along ``paces`` (the last carries on)."""
    x = start
    for k in range(MAX_YEARS):
        p = paces[min(k, len(paces) - 1)]
        x = x * (1 + p) if mode == "rate" else x + p
        if bool(meets(t, np.array([x]), direction)[0]):
            return start_year + k + 1
    return None


def _monotone(t: Target, direction: str) -> int:
    """+1 if a higher pace makes the target likelier, -1 if less likely, 0 if neither."""
    if t.op in (">=", ">") or (t.op == "~" and direction == "increase"):
        return 1
    if t.op in ("<=", "<") or (t.op == "~" and direction == "decrease"):
        return -1
    return 0


def pace_for_probability(model: Model, d: Draws, stat, p: float, draws: int, seed: int,
                         sd: float | None = None) -> tuple[float | None, str]:
    """(mean pace meeting the stat's target with probability p, note). Pace in fraction/yr (rate) or
    units/yr (change); None when the scenario has no spread, the target is two-sided, or no pace in
    the searched range gets there."""
    paces = sample_paces(model, draws, np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(0,))))
    base = np.broadcast_to(paces[d.indicator], (len(d.years), draws)).astype(float)
    if sd and d.dist is None:         # a spread around a fixed pace
        z = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(1,))).standard_normal(base.shape)
        base = base + sd * z
    if np.ptp(base) == 0:
        return None, Msg("solve.no_spread")
    sign = _monotone(stat.target, stat.direction)
    if sign == 0:
        return None, Msg("solve.two_sided")
    one = Model(draws=(d,), years=model.years)
    y0 = model.years[0]

    def prob(delta: float) -> float:
        vals = values_of(one, {d.indicator: base + delta}, draws)
        return float(np.mean(meets(stat.target, stat_values(stat, vals, y0), stat.direction)))

    mean = float(np.mean(d.mean))
    if d.mode == "rate":
        lo, hi = PACE_RANGE[0] - mean, PACE_RANGE[1] - mean
    else:
        span = INCREMENT_SPAN * max(abs((stat.target.value or 0) - d.start), abs(d.start), 1.0)
        lo, hi = -span - mean, span - mean
    if sign < 0:
        lo, hi = hi, lo                 # walk from the pace that fails to the pace that meets
    if prob(hi) < p:
        return None, Msg("solve.not_reached_p")
    if prob(lo) >= p:
        return mean + lo, Msg("solve.met_at_lowest")
    for _ in range(BISECT_STEPS):
        mid = 0.5 * (lo + hi)
        if prob(mid) >= p:
            hi = mid
        else:
            lo = mid
    return mean + hi, ""


def _pace_out(x: float | None, mode: str) -> float | None:
    """A rate (mode 'rate') or a change per year, shown as `sim check` shows paces."""
    return pace_out(x, "compound" if mode == "rate" else "linear")


def _unit(mode: str, ind: Indicator) -> str:
    return "%/yr" if mode == "rate" else linear_unit(ind)


def probability_usage(probability: float | None) -> None:
    """A usage error unless ``probability`` is None or strictly between 0 and 1."""
    if probability is not None and not 0 < probability < 1:
        raise SimError(Msg("solve.probability"), field="--probability")


def solve_report(spec: Spec, sc: Scenario, indicator: str | None = None, probability: float | None = None,
                 pace: float | None = None, sd: float | None = None, baselines: list[float] | None = None,
                 draws: int = 10_000, seed: int | None = None) -> Result:
    """Per target: break-even pace, pace for a probability, year reached, pace by baseline."""

    probability_usage(probability)
    seed = new_seed() if seed is None else seed
    inds = {i.id for i in _indicator(spec, indicator)}
    model = plan_model(spec, sc)
    projection = project_plan(spec, sc)   # each indicator's start and pace, once
    long_paces: dict[str, Pace | None] = {}
    rows = []
    for row in assess_plan(spec, sc, projection=projection):
        if row["indicator"] not in inds:
            continue
        ind = spec.indicator(row["indicator"])
        t = next(t for t in ind.targets if (t.year, t.text, t.kind, t.op) == (row["target_year"], row["text"],
                                                                              row["kind"], row["op"]))
        out = {k: row[k] for k in ("indicator", "name", "unit", "owner", "text", "target_year", "kind", "op", "target",
                                   "start", "start_year", "start_assumed", "pace_model", "pace_unit",
                                   "assumed_pace", "pace_source", "status")}
        out.update(break_even_pace=row["required_pace"], break_even_real_pace=row["required_real_pace"],
                   probability=probability, pace_for_probability=None, pace_for_probability_real=None,
                   pace_for_probability_unit=None, year_reached=None, year_reached_pace=None,
                   year_reached_pace_unit=None, draw_per=None, baseline_range=None, notes=[])
        rows.append(out)
        if t.kind == "growth":
            out["notes"].append(Msg("solve.growth_own"))
            continue
        start = projection[ind.id].start
        if start is None:
            _baselines(out, ind, t, spec, baselines, BASELINE_RANGE)
            continue
        out.update(start=start.value, start_year=start.year, start_assumed=start.assumed)
        if t.kind == "reference" and row["target"] is not None:
            t = t.model_copy(update={"value": row["target"], "kind": "level"})
        if t.kind not in ("level", "cumulative") or (t.value is None and t.op != "between"):
            out["notes"].append(row["reason"])
            continue
        mode = "rate" if row["pace_model"] == "compound" else "increment"
        if t.kind == "level":
            if pace is None and ind.id not in long_paces:
                long_paces[ind.id] = pace_of(ind, sc, start, start.year + MAX_YEARS)
            _reached(out, ind, start, t, mode, pace, long_paces.get(ind.id))
        if t.year is None:
            out["notes"].append(Msg("solve.no_year"))
            continue
        d = model.get(ind.id)
        if probability is not None and d is not None and t.year > start.year:
            s = target_stat(spec, sc, ind, t, row, start.year + 1)
            out["draw_per"] = d.per or ("year" if sd else "fixed")
            x, note = pace_for_probability(model, d, s, probability, draws, seed, sd)
            out["pace_for_probability"] = _pace_out(x, d.mode)
            out["pace_for_probability_unit"] = _unit(d.mode, ind)
            if x is not None and row["required_real_pace"] is not None:
                defl = deflator_of(sc, ind)
                out["pace_for_probability_real"] = _pace_out(float(growth.real_from_nominal(x, defl)), "rate")
            if note:
                out["notes"].append(Msg(note.code, p=probability))
        elif probability is not None:
            out["notes"].append(Msg("solve.no_pace_spread") if d is None else Msg("solve.year_not_after"))
    return Result({"schema_version": SCHEMA_VERSION,
            "plan": {"id": spec.plan.id, "title": spec.plan.title, "base_year": spec.plan.base_year,
                     "target_year": spec.plan.target_year},
            "scenario": scenario_dict(sc),
            "solve": {"indicator": indicator, "probability": probability, "pace": pace, "sd": sd,
                      "draws": draws if probability is not None else None,
                      "seed": seed if probability is not None else None, "max_years": MAX_YEARS},
            "rows": rows, "provenance": provenance(spec, sc, seed if probability is not None else None)}, "solve")


def _reached(out: dict, ind: Indicator, start, t: Target, mode: str, pace: float | None, p: Pace | None):
    """The year ``t`` is reached at the pace given, else along ``p`` (the scenario's pace for
    MAX_YEARS years)."""
    if pace is not None:
        paces = [pace]
    else:
        if p is None:
            out["notes"].append(Msg("solve.no_pace_reached"))
            return
        mode, paces = p.mode, list(p.values)
    y = year_reached(start.year, start.value, paces, mode, t, ind.direction)
    out["year_reached"] = y
    out["year_reached_pace"] = _pace_out(float(np.mean(paces[:y - start.year] if y else paces)), mode)
    out["year_reached_pace_unit"] = _unit(mode, ind)
    if out["year_reached"] is None:
        out["notes"].append(Msg("solve.not_within", years=MAX_YEARS))


def _baselines(out: dict, ind: Indicator, t: Target, spec: Spec, baselines, shares):
    n = t.year - spec.plan.base_year
    if t.kind != "level" or not t.value or t.value <= 0 or n <= 0:
        out["notes"].append(Msg("solve.no_start"))
        return
    out["baseline_range"] = baseline_range(ind, t, spec.plan.base_year,
                                           baselines or [t.value * s for s in shares])
    out["notes"].append(Msg("solve.baselines", year=spec.plan.base_year))


def sweep_usage(growth_values, change_values, deflators) -> None:
    """A usage error unless exactly one of growth and change values is given (deflators only with growth)."""
    if (growth_values is None) == (change_values is None):
        raise SimError(Msg("sweep.one_of"), field="--growth")
    if change_values is not None and deflators:
        raise SimError(Msg("sweep.deflator"), field="--deflator")


def sweep_report(spec: Spec, sc: Scenario, indicator: str, growth_values: list[float] | None = None,
                 change_values: list[float] | None = None, deflators: list[float] | None = None) -> Result:
    """Projected target-year value and status over a grid: growth (or change) by deflator.

    With ``deflators`` the growth values are real growth (nominal = (1+g)(1+deflator)-1), as the
    scenario field real_growth; without, they are the indicator's growth as the field growth.
    """

    ind = _indicator(spec, indicator)[0]
    sweep_usage(growth_values, change_values, deflators)
    if not ind.targets:
        raise SimError(Msg("sweep.no_target", id=ind.id), field="--indicator")
    field = "change" if change_values is not None else "real_growth" if deflators else "growth"
    values = change_values if change_values is not None else growth_values
    base = (sc.assumptions.get(ind.id) or Assumption()).model_dump()
    cells = []
    for d in deflators or [None]:
        for v in values:
            a = base | {"growth": None, "real_growth": None, "change": None, field: v}
            if d is not None:
                a["deflator"] = d
            s2 = sc.model_copy(update={"assumptions": sc.assumptions | {ind.id: Assumption(**a)}})
            proj = project_indicator(spec, ind, s2)
            for t in ind.targets:
                row = assess_target(spec, ind, t, s2, proj=proj)
                cells.append({"target_year": t.year, "text": t.text, field: v, "deflator": d,
                              "projected": row["projected"], "status": row["status"],
                              "meets": row["status"] in MEETS})
    proj = project_indicator(spec, ind, sc)
    checks = [assess_target(spec, ind, t, sc, proj=proj) for t in ind.targets]
    return Result({"schema_version": SCHEMA_VERSION,
            "plan": {"id": spec.plan.id, "title": spec.plan.title},
            "scenario": scenario_dict(sc), "indicator": {"id": ind.id, "name": ind.name, "unit": ind.unit},
            "field": field, "values": values, "deflators": deflators,
            "targets": [{"year": t.year, "text": t.text, "required_pace": r["required_pace"],
                         "required_real_pace": r["required_real_pace"], "pace_unit": r["pace_unit"],
                         "break_even_real_by_deflator": _real_by(r, deflators),
                         "start": r["start"], "start_year": r["start_year"]} for t, r in zip(ind.targets, checks)],
            "cells": cells, "provenance": provenance(spec, sc)}, "sweep")


def _real_by(row: dict, deflators: list[float] | None) -> list[dict] | None:
    """The break-even real growth (%/yr) at each deflator: (1 + required)/(1 + deflator) - 1."""
    r = row["required_pace"]
    if not deflators or r is None or row["pace_unit"] != "%/yr":
        return None
    return [{"deflator": d, "real_pace": _pace_out(float(growth.real_from_nominal(r / 100, d)), "rate")}
            for d in deflators]
