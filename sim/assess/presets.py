"""Official methods as presets (METHODS.md "Presets"): unsd, eurostat and sdg-build measured from the
base year, and cn-midterm (sim.assess.midterm). A preset adds its own class to a row
(``preset_status``, ``preset_reason``, ``explain.preset``) and keeps the default ``status``.

From the base year ``b`` (the first actual after ``b`` where ``x_b`` is missing) to the latest actual
``t`` and the target year ``T``: observed ``CAGR_a = (x_t/x_b)^(1/(t-b)) - 1``, required
``CAGR_r = (x*/x_b)^(1/(T-b)) - 1``, projected ``x̂_T = x_b (1 + CAGR_a)^(T-b)``.
unsd: ``P = (x̂_T - x_b)/(x* - x_b)``; eurostat and sdg-build: ``RR = CAGR_a/CAGR_r``. Where a
method breaks (a value <= 0, a target equal to the base value) the class says so; nothing is
divided by zero and no zero is replaced by 0.001.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from sim.assess.rows import num
from sim.meta import Msg
from sim.scenario.paths import linked_history
from sim.spec.model import Indicator, Spec
from sim.spec.targets import Target

PRESET_BANDS = {   # (lower bound, class); the first band whose bound the measure meets
    "unsd": [(0.95, "on_track"), (0.5, "moderate_progress"), (0.1, "marginal_progress"),
             (-0.1, "stagnation"), (-math.inf, "regression")],
    "eurostat": [(0.95, "significant_progress"), (0.6, "moderate_progress"),
                 (0.0, "insufficient_progress"), (-math.inf, "moving_away")],
    "sdg-build": [(0.95, "substantial_progress"), (0.6, "moderate_progress"),
                  (0.0, "limited_progress"), (-math.inf, "deterioration")],
}


@dataclass(frozen=True)
class Method:
    """A preset and its settings: cn-midterm margin ``m`` on task done against time elapsed,
    growth margin ``m_g`` in percentage points, task done linear (default) or log."""
    preset: str = "default"
    margin: float = 0.1
    growth_margin: float = 0.5
    task: Literal["linear", "log"] = "linear"


def base_point(ind: Indicator, b: int, t: int) -> tuple[int, float]:
    """(year, value) at ``b`` on the linked series, else the first actual after ``b`` (up to ``t``,
    which must have one)."""
    pts, _ = linked_history(ind)
    y = min(y for y in pts if b <= y <= t)
    return y, pts[y]


def level_goal(row: dict, t: Target, x_t: float) -> float | None:
    """The target value a level row is judged against (the nearer end of a range)."""
    if t.op == "between":
        return t.low if x_t < t.low else t.high
    return row["target"]


def international(row: dict, spec: Spec, ind: Indicator, t: Target, preset: str
                  ) -> tuple[str, Msg, dict]:
    """unsd / eurostat / sdg-build on a level target: (class, reason, details)."""
    if row["kind"] != "level" or t.year is None:
        return "not_assessable", Msg("preset.level_only", preset=preset, kind=row["kind"]), {}
    b = ind.baseline.year if ind.baseline else spec.plan.base_year
    pts, _ = linked_history(ind)
    if not pts or max(pts) <= b:
        return "not_assessable", Msg("preset.no_actual_after", preset=preset, year=b), {}
    t_year = max(pts)
    x_t = pts[t_year]
    y_b, x_b = base_point(ind, b, t_year)
    moved = None if y_b == b else (b, y_b)
    if y_b >= t_year:
        return "not_assessable", Msg("preset.no_actual_after", preset=preset, year=y_b), {}
    x_star = level_goal(row, t, x_t)
    T = t.year
    details = {"base_year": y_b, "base": x_b, "latest_year": t_year, "latest": x_t, "target_year": T,
               "target": x_star}
    if x_star is None or T <= y_b:
        return "not_assessable", Msg("preset.no_year_after", preset=preset, moved=moved), details
    if t.meets(x_t):
        return "target_achieved", Msg("preset.achieved", latest=x_t, year=t_year, target=t.text,
                                      moved=moved), details
    if x_b <= 0 or x_t <= 0 or x_star <= 0:
        return "undefined_nonpositive", Msg("preset.nonpositive", base=x_b, latest=x_t, target=x_star,
                                            moved=moved), details
    if math.isclose(x_star, x_b, rel_tol=1e-12):
        return "undefined_target_equals_base", Msg("preset.equal_base", target=x_star, moved=moved), details
    cagr_a = (x_t / x_b) ** (1 / (t_year - y_b)) - 1
    cagr_r = (x_star / x_b) ** (1 / (T - y_b)) - 1
    proj = x_b * (1 + cagr_a) ** (T - y_b)
    details.update({"observed_cagr": num(cagr_a), "required_cagr": num(cagr_r), "projected": num(proj)})
    formula = [f"CAGR_a = ({x_t:g}/{x_b:g})^(1/{t_year - y_b}) - 1 = {cagr_a:.4%}",
               f"CAGR_r = ({x_star:g}/{x_b:g})^(1/{T - y_b}) - 1 = {cagr_r:.4%}"]
    if preset == "unsd":
        measure = (proj - x_b) / (x_star - x_b)
        formula += [f"x̂_T = {x_b:g}(1 + CAGR_a)^{T - y_b} = {proj:.6g}",
                    f"P = (x̂_T - x_b)/(x* - x_b) = {measure:.4f}"]
        name = "P"
    else:
        measure = cagr_a / cagr_r
        formula.append(f"RR = CAGR_a/CAGR_r = {measure:.4f}")
        name = "RR"
    if not math.isfinite(measure):
        return "not_assessable", Msg("preset.not_finite", measure=name), details
    details.update({"measure": name, "value": measure, "formula": formula})
    code = next(c for bound, c in PRESET_BANDS[preset] if measure >= bound)
    return code, Msg("preset.band", preset=preset, measure=name, value=measure, observed=cagr_a,
                     required=cagr_r, base_year=y_b, band=code, moved=moved), details
