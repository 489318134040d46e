"""Preset cn-midterm: the classes of Chinese mid-term reviews (中期评估; METHODS.md "Preset cn-midterm").

Time elapsed ``tau = (t - b)/(T - b)``; task done ``s = (x_t - x_b)/(x* - x_b)`` (the share of the
planned change done; ``ln(x_t/x_b)/ln(x*/x_b)`` with task "log"); margin ``m``. Classes:
achieved_early 提前实现, ahead 快于预期 (``s >= tau + m``), on_schedule 基本符合预期
(``|s - tau| < m``, or a bound held at ``b`` and at ``t``), lagging 滞后 (``s <= tau - m``, or a bound
held at ``b`` and broken at ``t``). Growth-rate targets: average growth ``b -> t`` against the rate with
margin ``m_g`` (percentage points). Reference growth targets: year by year against ``references:``.
"""
from __future__ import annotations

import math

from sim.assess.presets import Method, level_goal
from sim.assess.rows import num
from sim.meta import Msg
from sim.scenario.model import Scenario
from sim.scenario.paths import deflator_of, linked_history
from sim.spec.model import Indicator, Spec
from sim.spec.targets import Target

ONE_SIDED = (">=", ">", "<=", "<")


def midterm(row: dict, spec: Spec, ind: Indicator, t: Target, sc: Scenario, method: Method
            ) -> tuple[str, Msg, dict]:
    """(class, reason, details) of one target under cn-midterm."""
    if t.year is None:
        return "not_assessable", Msg("midterm.no_year"), {}
    b = ind.baseline.year if ind.baseline else spec.plan.base_year
    if t.kind == "growth":
        return _growth(ind, t, b, sc, method)
    if t.kind == "reference" and t.period == "year":
        return _reference_growth(spec, ind, t, b, sc, method)
    if row["kind"] not in ("level", "cumulative", "reference") or row["target"] is None and t.op != "between":
        return "not_assessable", Msg("midterm.no_number"), {}
    pts, _ = linked_history(ind)
    after = [y for y in pts if y > b]
    if not after:
        return "not_assessable", Msg("midterm.no_actual_after", year=b), {}
    t_year = max(after)
    x_t = pts[t_year]
    T = t.year
    if T <= b:
        return "not_assessable", Msg("midterm.target_not_after", year=T, base=b), {}
    tau = min((t_year - b) / (T - b), 1.0)
    if row["kind"] == "cumulative":
        return _cumulative(pts, b, t_year, tau, row["target"], method)
    if b not in pts:
        return "not_assessable", Msg("midterm.no_base_value", year=b), {}
    x_b = pts[b]
    x_star = level_goal(row, t, x_t)
    details = {"base_year": b, "base": x_b, "latest_year": t_year, "latest": x_t, "target_year": T,
               "target": x_star, "time_elapsed": tau, "margin": method.margin}
    at = dict(target=t.text, base_year=b, base=x_b, year=t_year, latest=x_t)
    if t.op in ONE_SIDED:
        at_b, at_t = bool(t.meets(x_b)), bool(t.meets(x_t))
        if at_b and at_t:
            return "on_schedule", Msg("midterm.bound_held", **at), details
        if at_t:
            return "achieved_early", Msg("midterm.bound_met", **at), details
        if at_b:
            return "lagging", Msg("midterm.bound_broken", **at), details
    elif t.meets(x_t):
        return "achieved_early", Msg("midterm.met", latest=x_t, year=t_year, target=t.text), details
    if math.isclose(x_star, x_b, rel_tol=1e-12, abs_tol=1e-12):
        return "not_assessable", Msg("midterm.equal_base", target=x_star), details
    s, form = _task_done(x_b, x_t, x_star, method.task)
    details.update({"task_done": s, "task_form": form})
    return _by_share(s, tau, method.margin, details)


def _task_done(x_b: float, x_t: float, x_star: float, task: str) -> tuple[float, str]:
    if task == "log" and x_b > 0 and x_t > 0 and x_star > 0:
        return math.log(x_t / x_b) / math.log(x_star / x_b), "s = ln(x_t/x_b)/ln(x*/x_b)"
    form = "s = (x_t - x_b)/(x* - x_b)"
    if task == "log":
        form += " (log form needs positive values: linear used)"
    return (x_t - x_b) / (x_star - x_b), form


def _by_share(s: float, tau: float, m: float, details: dict) -> tuple[str, Msg, dict]:
    if not math.isfinite(s):
        return "not_assessable", Msg("midterm.not_finite"), details
    if s >= tau + m - 1e-12:
        code = "ahead"
    elif s <= tau - m + 1e-12:
        code = "lagging"
    else:
        code = "on_schedule"
    return code, Msg("midterm.share", done=s, elapsed=tau, margin=m), details


def _cumulative(pts: dict, b: int, t_year: int, tau: float, total, method: Method) -> tuple[str, Msg, dict]:
    done = sum(v for y, v in pts.items() if b < y <= t_year)
    details = {"base_year": b, "latest_year": t_year, "target": total, "done": done, "time_elapsed": tau,
               "margin": method.margin}
    if not total:
        return "not_assessable", Msg("midterm.cumulative_zero"), details
    s = done / total
    details.update({"task_done": s, "task_form": "s = sum of actuals after b / planned total"})
    if s >= 1:
        return "achieved_early", Msg("midterm.cumulative_done", done=done, year=t_year, total=total), details
    return _by_share(s, tau, method.margin, details)


def year_growth(ind: Indicator, years: list[int], sc: Scenario) -> dict[int, float]:
    """Actual growth by year in % (published growth first, else from two levels; real for GDP)."""
    from sim.assess.kinds import _year_rates
    return {y: r * 100 for y, (r, _) in _year_rates(ind, years, deflator_of(sc, ind)).items()}


def _good_side(t: Target, diff: float) -> float:
    """``diff`` (actual minus target) signed so that positive is the good side."""
    return -diff if t.op in ("<=", "<") else diff


def _growth(ind: Indicator, t: Target, b: int, sc: Scenario, method: Method) -> tuple[str, Msg, dict]:
    last = max([*ind.actuals(), *ind.growth_history], default=None)
    if last is None or last <= b:
        return "not_assessable", Msg("midterm.no_growth_after", year=b), {}
    t_year = min(last, t.year)
    g = year_growth(ind, list(range(b + 1, t_year + 1)), sc)
    if not g:
        return "not_assessable", Msg("midterm.no_growth", base=b, year=t_year), {}
    avg = (math.prod(1 + v / 100 for v in g.values()) ** (1 / len(g)) - 1) * 100
    mg = method.growth_margin
    d = _good_side(t, avg - t.value)
    details = {"base_year": b, "latest_year": t_year, "years": {str(y): v for y, v in g.items()},
               "average_growth": num(avg), "target_growth": t.value, "growth_margin_pp": mg}
    missing = [y for y in range(b + 1, t_year + 1) if y not in g]
    band = "ahead" if d >= mg - 1e-12 else "on_schedule" if d >= -mg - 1e-12 else "lagging"
    return band, Msg("midterm.growth", band=band, base=b, year=t_year, average=avg, target=t.value, margin=mg,
                     missing=missing), details


def _reference_growth(spec: Spec, ind: Indicator, t: Target, b: int, sc: Scenario, method: Method
                      ) -> tuple[str, Msg, dict]:
    ref = spec.references.get(t.reference or "")
    if ref is None or not ref.values:
        return "not_assessable", Msg("midterm.reference_missing", ref=t.reference), {}
    last = max([*ind.actuals(), *ind.growth_history], default=b)
    years = list(range(b + 1, min(last, t.year) + 1))
    own = year_growth(ind, years, sc)
    rates = "%" in ref.unit
    other = {y: (ref.values[y] if rates else (ref.values[y] / ref.values[y - 1] - 1) * 100)
             for y in years if y in ref.values and (rates or (ref.values.get(y - 1) or 0) > 0)}
    both = [y for y in years if y in own and y in other]
    if not both:
        return "not_assessable", Msg("midterm.reference_no_year", year=b + 1, own=not own), {}
    details = {"base_year": b, "years": {str(y): {"growth": own[y], "reference": other[y]} for y in both},
               "reference": t.reference, "growth_margin_pp": method.growth_margin}
    if t.op == "~":
        mean = sum(own[y] - other[y] for y in both) / len(both)
        details["mean_difference_pp"] = mean
        ok = abs(mean) <= method.growth_margin + 1e-12
        why = Msg("midterm.reference_sync", target=t.text, holds=ok, mean=mean, margin=method.growth_margin,
                  first=both[0], last=both[-1])
    else:
        bad = [y for y in both if not t.model_copy(update={"value": other[y]}).meets(own[y])]
        ok = not bad
        why = Msg("midterm.reference_every", target=t.text, holds=ok, first=both[0], last=both[-1], bad=bad)
    return ("on_schedule" if ok else "lagging"), why, details
