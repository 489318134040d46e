"""Official methods as presets (METHODS.md "Presets"): unsd, eurostat, sdg-build and cn-midterm."""
from __future__ import annotations

import math

from sim import growth
from sim.assess.rows import _done, num
from sim.meta import Msg
from sim.scenario.paths import Pace, Start, linked_history
from sim.spec.model import Indicator
from sim.spec.targets import Target

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


def _observed_pace(ind: Indicator, start: Start, T: int, model: str) -> Pace | None:
    """The official methods' pace: observed CAGR (or linear slope) from the first actual to the latest."""
    pts, notes = linked_history(ind)
    ys = sorted(pts)
    if len(ys) < 2:
        return None
    y0, y1 = ys[0], ys[-1]
    if model == "compound" and pts[y0] > 0 and pts[y1] > 0:
        r = float(growth.required_compound(pts[y0], pts[y1], y1 - y0))
        mode, what = "rate", "cagr"
    else:
        r = float(growth.required_linear(pts[y0], pts[y1], y1 - y0))
        mode, what = "increment", "linear"
    years = tuple(range(start.year + 1, T + 1))
    return Pace(mode=mode, years=years, values=(r,) * len(years),
                source=Msg("pace.observed", what=what, start=y0, end=y1), assumed=False,
                points=2, weak=len(ys) < 4, fitted_years=(y0, y1), notes=tuple(notes))


def _preset_status(row: dict, preset: str) -> dict:
    measure = row["share_of_required"] if preset == "unsd" else row["pace_ratio"]
    name = "share" if preset == "unsd" else "ratio"
    if measure is None:
        return _done(row, "not_assessable", Msg("reason.preset_undefined", measure=name), f"preset {preset}")
    for bound, code, status in PRESET_BANDS[preset]:
        if measure >= bound:
            row["preset_status"] = code
            return _done(row, status, Msg("reason.preset_band", preset=preset, measure=name, value=measure,
                                               band=code), f"preset {preset}")
    raise AssertionError("bands end at -inf")


def _midterm(row, ind: Indicator, t: Target, start: Start, x_star, model, margin) -> dict:
    """中期评估: task done s against time elapsed tau = (t-b)/(T-b), margin m."""
    b = ind.baseline
    if b is None or start.year <= b.year:
        return _done(row, "not_assessable", Msg("reason.midterm_no_actual"),
                     "preset cn-midterm")
    tau = (start.year - b.year) / (t.year - b.year)
    x_b, x_t = b.value, start.value
    if t.meets(x_t):
        row["preset_status"] = "achieved_early"
        return _done(row, "achieved", Msg("reason.midterm_early", latest=x_t, year=start.year, target=t.text),
                     "preset cn-midterm")
    if model == "compound" and x_b > 0 and x_t > 0 and x_star > 0 and x_star != x_b:
        s = math.log(x_t / x_b) / math.log(x_star / x_b)
    elif x_star != x_b:
        s = (x_t - x_b) / (x_star - x_b)
    else:
        return _done(row, "at_risk", Msg("reason.midterm_keep"),
                     "preset cn-midterm")
    row["explain"]["inputs"].update({"time_elapsed": tau, "task_done": s, "margin": margin})
    row["explain"]["formula"].append(Msg("formula.midterm"))
    row["share_of_required"] = num(s)
    if s >= tau + margin:
        code, status = "ahead", "on_track"
    elif s > tau - margin:
        code, status = "on_schedule", "on_track"
    else:
        code, status = "lagging", "off_track" if s >= 0 else "moving_away"
    row["preset_status"] = code
    return _done(row, status, Msg("reason.midterm", band=code, done=s, elapsed=tau), "preset cn-midterm")
