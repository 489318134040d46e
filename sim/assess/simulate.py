"""`sim simulate` and `sim compare` data: probability, percentiles and fans per target."""
from __future__ import annotations

import math
from collections.abc import Callable, Mapping

import numpy as np

from sim.assess.derived import derive_values, resolve
from sim.assess.draws import (
    CHUNK,
    METHODS,
    PERCENTILES,
    Derived,
    Model,
    describe,
    plan_model,
    values_of,
)
from sim.assess.probability import (
    Stat,
    closed_form,
    closed_percentiles,
    closed_prob,
    meets,
    monte_carlo,
    new_seed,
    stat_values,
)
from sim.assess.status import assess_plan
from sim.assess.statuses import MEETS
from sim.errors import SimError
from sim.meta import SCHEMA_VERSION, Msg, Result, provenance
from sim.scenario.load import scenario_dict
from sim.scenario.model import (
    Scenario,
)
from sim.scenario.paths import deflator_of, start_of
from sim.spec.model import Indicator, Spec
from sim.spec.targets import Target


def _row_targets(spec: Spec):
    for ind in spec.indicators:
        for t in ind.targets:
            yield ind, t


def target_stat(spec: Spec, sc: Scenario, ind: Indicator, t: Target, row: dict, first_year: int) -> Stat:
    """What the row's target measures on a path (references resolved as the row did)."""
    if t.kind == "reference":
        t = t.model_copy(update={"value": row["target"], "kind": "level"})
    if t.kind == "growth":
        deflator = deflator_of(sc, ind)
        real = ind.growth_is_real
        return Stat(indicator=ind.id, kind="growth", year=t.year, first_year=first_year, target=t,
                    direction="increase" if t.value >= 0 else "decrease",
                    real_deflator=deflator if real else None)
    done = 0.0
    if t.kind == "cumulative":
        done = sum(v for y, v in ind.actuals().items() if spec.plan.base_year < y < first_year)
    return Stat(indicator=ind.id, kind="cumulative" if t.kind == "cumulative" else "level", year=t.year,
                first_year=first_year, target=t, direction=ind.direction, done=done)


def spec_derived(spec: Spec, sc: Scenario, model: Model) -> dict[str, tuple[str, Derived]]:
    """Indicators that follow their simulated components through the spec's relations (the one
    mechanism, sim.assess.derived.resolve), unless the scenario gives one a pace of its own;
    references are held at their latest value up to each year. Returns id -> (equation text,
    function of the sampled levels, each years x draws)."""
    own = {k for k, a in sc.assumptions.items() if any(x is not None for x in (a.growth, a.real_growth, a.change))}
    out: dict[str, tuple[str, Derived]] = {}

    def compute(r, eq, comps) -> bool:
        out[eq.lhs.id] = (eq.text, lambda vals, eq=eq, comps=comps: derive_values(
            spec, eq, {n: vals[n].T for n in comps}, model.years).T)
        return True

    resolve(spec, {d.indicator for d in model.draws}, compute, exclude=own)
    return out


def _mean_values(model: Model, derived: Mapping[str, Derived]) -> dict[str, np.ndarray]:
    """Levels along the mean paces with shocks at their expected size (the deterministic projection)."""
    paces = {}
    for d in model.draws:
        p = np.array(d.mean)
        for s in d.shocks:
            p[d.years.index(s.year)] += s.size * s.probability
        paces[d.indicator] = p[:, None]
    vals = values_of(model, paces, 1)
    for ident, fn in derived.items():
        vals[ident] = np.broadcast_to(fn(vals), (len(model.years), 1))
    return vals


def _derived_row(spec: Spec, sc: Scenario, ind: Indicator, t: Target, row: dict, det: dict, y0: int,
                 how: str) -> Stat | None:
    """A target of an indicator that follows its components: projection and status from the
    components' mean paths; its stat for Monte Carlo (None, not assessable, when the relation
    gives no finite value)."""
    s = target_stat(spec, sc, ind, t, row, y0 + 1)
    x = float(stat_values(s, det, y0)[0])
    if not math.isfinite(x):   # a division by zero or an overflow of the relation: nothing to draw
        row.update(projected=None, uncertainty=how, draw_per="derived", status="not_assessable",
                   reason=Msg("reason.derived_not_finite", how=how))
        return None
    ok = x is not None and bool(meets(s.target, np.array([x]), s.direction)[0])
    row.update(projected=x, uncertainty=how, draw_per="derived", status="on_track" if ok else "off_track",
               reason=f"{how}; projected {x:.4g} " + ("meets" if ok else "misses") + f" {t.text}"
               if x is not None else how)
    return s


def _closed_or_stat(spec: Spec, sc: Scenario, model: Model, ind: Indicator, t: Target, row: dict,
                    method: str) -> Stat | None:
    """Fill the row's probability where it is known without drawing (closed form, a past target
    year, a fixed path); else the stat to draw."""
    d = model.get(ind.id)
    start = start_of(ind, sc, spec.plan.base_year)
    if d is None or start is None or t.year <= start.year:
        x = row["projected"]
        row.update(probability=float(row["status"] in MEETS), p10=x, p50=x, p90=x,
                   method="observed" if start is not None and t.year <= start.year else "closed_form")
        return None
    s = target_stat(spec, sc, ind, t, row, start.year + 1)
    cf = closed_form(model, d, t.year) if method == "auto" and s.kind == "level" else None
    prob = closed_prob(d, *cf, s.target, s.direction) if cf else None
    if prob is None:
        return s
    row.update(probability=min(max(prob, 0.0), 1.0), se=0.0, method="closed_form",
               **dict(zip(("p10", "p50", "p90"), map(_num, closed_percentiles(d, *cf)))))
    return None


MIN_BAND_DRAWS = 100   # Monte Carlo P10/P50/P90 need this many draws (ten beyond each of P10 and P90)


def _num(x) -> float | None:
    return float(f"{x:.7g}") if x is not None and math.isfinite(x) else None


def simulate_report(spec: Spec, sc: Scenario, draws: int = 10_000, seed: int | None = None,
                    method: str = "auto", derived: Mapping[str, Derived] | None = None,
                    progress: Callable[[int, int], None] | None = None, key: tuple[int, ...] = (),
                    run: Callable | None = None) -> dict:
    """The `sim simulate` result: the `sim check` rows with a probability of attainment each.

    Rows gain probability, se (Monte Carlo standard error), p10/p50/p90 (of the measure in the
    target year: level, cumulative total or growth in %; None from fewer than MIN_BAND_DRAWS
    Monte Carlo draws, and so in the fan), method (closed_form, monte_carlo, or
    observed for a target year already past), draws, draw_per (year, path or fixed) and
    uncertainty (how the pace is drawn). ``derived`` maps indicator ids to functions of the
    sampled component levels; such indicators follow their components. ``key`` and ``run``: the
    random stream key and the chunk runner of ``monte_carlo`` (a portfolio, a cluster).
    """

    if method not in METHODS:
        raise SimError(Msg("run.method", method=method), field="--method", hint=Msg("run.methods", methods=list(METHODS)))
    seed = new_seed() if seed is None else seed
    rows = assess_plan(spec, sc)
    model = plan_model(spec, sc)
    y0 = model.years[0]
    rel = spec_derived(spec, sc, model)
    how = {k: Msg("draw.derived", expr=text) for k, (text, _) in rel.items()} | {
        k: Msg("draw.derived_components") for k in derived or {}}
    derived = {k: fn for k, (_, fn) in rel.items()} | dict(derived or {})
    det = _mean_values(model, derived) if model.draws else {}
    todo: list[tuple[dict, Stat]] = []
    for (ind, t), row in zip(_row_targets(spec), rows):
        d = model.get(ind.id)
        row.update(probability=None, se=None, p10=None, p50=None, p90=None, method=None, draws=None,
                   draw_per=(d.per or "fixed") if d else None,
                   uncertainty=describe(d, model) if d else None)
        if ind.id in derived and t.kind in ("level", "growth") and t.year in model.years[1:] and \
                t.value is not None:
            if (s := _derived_row(spec, sc, ind, t, row, det, y0, how[ind.id])) is not None:
                todo.append((row, s))
        elif row["status"] != "not_assessable" and row["projected"] is not None:
            s = _closed_or_stat(spec, sc, model, ind, t, row, method)
            if s is not None:
                todo.append((row, s))
    fan_cf, fan_mc = {}, {}
    for d in model.draws:
        forms = [closed_form(model, d, y) for y in d.years] if method == "auto" else [None]
        if all(forms):
            fan_cf[d.indicator] = {y: closed_percentiles(d, *f) for y, f in zip(d.years, forms)}
        else:
            fan_mc[d.indicator] = d.years
    fan_mc.update({i: model.years[1:] for i in derived})
    mc = None
    if todo or fan_mc:
        mc = monte_carlo(model, [s for _, s in todo], draws, seed, fan_mc, derived, progress, key=key, run=run)
        banded = draws >= MIN_BAND_DRAWS
        for (row, _), hits, pct in zip(todo, mc.hits, mc.percentiles):
            p = hits / draws
            row.update(probability=p, se=math.sqrt(p * (1 - p) / draws), method="monte_carlo", draws=draws,
                       **dict(zip(("p10", "p50", "p90"), map(_num, pct) if banded else (None,) * 3)))
    mc_fan = {} if mc is None else mc.fan if banded else {
        i: {y: (None, None, None) for y in by} for i, by in mc.fan.items()}
    fans = {**fan_cf, **mc_fan}
    fan = {i: {str(y): dict(zip(("p10", "p50", "p90"), map(_num, v))) for y, v in fans[i].items()}
           for i in [d.indicator for d in model.draws] + list(derived)}
    scen = scenario_dict(sc) | {
        "factors": [f.model_dump(mode="json", exclude_none=True) for f in sc.factors],
        "correlation": sc.correlation.model_dump(mode="json", exclude_none=True) if sc.correlation else None}
    return Result({"schema_version": SCHEMA_VERSION,
            "plan": {"id": spec.plan.id, "title": spec.plan.title, "region": spec.plan.region,
                     "base_year": spec.plan.base_year, "target_year": spec.plan.target_year},
            "scenario": scen,
            "simulation": {"draws": draws, "seed": seed, "method": method, "chunk": CHUNK,
                           "monte_carlo_run": mc is not None, "percentiles": list(PERCENTILES),
                           "min_band_draws": MIN_BAND_DRAWS},
            "rows": rows, "fan": fan, "summary": probability_summary(rows),
            "provenance": provenance(spec, sc, seed)}, "simulate")


BANDS = ((0.9, "likely"), (0.5, "more_likely_than_not"), (0.1, "unlikely"), (0.0, "very_unlikely"))


def probability_summary(rows: list[dict]) -> dict:
    """Targets with a probability, by band (>= .9, .5, .1, 0) and by method."""
    with_p = [r for r in rows if r.get("probability") is not None]
    bands = {b: 0 for _, b in BANDS}
    for r in with_p:
        bands[next(b for lo, b in BANDS if r["probability"] >= lo)] += 1
    methods: dict[str, int] = {}
    for r in with_p:
        methods[r["method"]] = methods.get(r["method"], 0) + 1
    return {"targets": len(rows), "with_probability": len(with_p), "by_band": bands, "by_method": methods}


def compare_report(spec: Spec, scenarios: list[Scenario], draws: int = 10_000, seed: int | None = None,
                   progress: Callable[[int, int], None] | None = None) -> dict:
    """Per target and scenario: projected value, status and probability. Every scenario is drawn
    with the same seed (common random numbers), so differences come from the assumptions."""

    seed = new_seed() if seed is None else seed
    total = draws * len(scenarios)
    reports = [simulate_report(spec, sc, draws, seed, progress=progress and (
        lambda done, _, k=k: progress(k * draws + done, total))) for k, sc in enumerate(scenarios)]
    ids = []
    for r in reports:
        sid = r["scenario"]["id"]
        ids.append(sid if sid not in ids else f"{sid}-{len(ids) + 1}")
    keys = ("projected", "status", "probability", "p10", "p50", "p90", "method", "draws", "draw_per")
    rows = []
    for k, base in enumerate(reports[0]["rows"]):
        row = {key: base[key] for key in ("indicator", "name", "text", "target_year", "unit", "owner",
                                         "attribute")}
        row["scenarios"] = {sid: {key: r["rows"][k][key] for key in keys} for sid, r in zip(ids, reports)}
        rows.append(row)
    prov = provenance(spec, scenarios[0], seed)
    prov["scenario"] = [sc.file for sc in scenarios]
    prov["scenario_sha256"] = [sc.sha256 for sc in scenarios]
    return Result({"schema_version": SCHEMA_VERSION, "plan": reports[0]["plan"],
            "scenarios": [dict(r["scenario"], key=sid) for sid, r in zip(ids, reports)],
            "simulation": {"draws": draws, "seed": seed, "common_random_numbers": True,
                           "monte_carlo_run": any(r["simulation"]["monte_carlo_run"] for r in reports),
                           "min_band_draws": MIN_BAND_DRAWS},
            "rows": rows, "summary": {sid: r["summary"] for sid, r in zip(ids, reports)},
            "provenance": prov}, "compare")
