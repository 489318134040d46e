"""The rows of the targets sim.assess.vector assesses as arrays: statuses decided on arrays (the
rules of sim.assess.kinds.verdict, target tests as sim.spec.targets.Target.meets), each row
written as one dict in the key order of sim.assess.rows._row, with the Msgs of the row path
(Msgs that repeat are shared objects: a report writes each once)."""
from __future__ import annotations

import math

import numpy as np

from sim import growth
from sim.assess.kinds import linear_unit
from sim.assess.rows import _sources, num
from sim.meta import Msg
from sim.scenario.model import MAX_RATE
from sim.scenario.paths import WEAK_POINTS
from sim.spec.targets import EPS

SHARE = Msg("formula.share")
NON_POSITIVE = Msg("note.non_positive")
TREND_LINEAR = Msg("note.trend_linear")


def meets(x: np.ndarray, targets) -> np.ndarray:
    """``Target.meets`` of each target (a number, not a range) at the matching ``x``, as arrays:
    within EPS * max(1, |value|) of the value, an approximate (~) target within its tolerance."""
    v = np.array([t.value for t in targets], dtype=float)
    op = np.array([t.op for t in targets])
    tol = np.array([t.tolerance or 0.0 for t in targets], dtype=float)
    eps = EPS * np.maximum(1.0, np.abs(v))
    with np.errstate(invalid="ignore"):
        return np.select([op == ">=", op == ">", op == "<=", op == "<", op == "==", op == "~"],
                         [x >= v - eps, x > v + eps, x <= v + eps, x < v - eps, np.abs(x - v) <= eps,
                          np.abs(x - v) <= tol + eps], default=False)


def _nums(a: np.ndarray) -> list:
    """``num`` of each entry: a finite float or None."""
    return [x if f else None for x, f in zip(a.tolist(), np.isfinite(a).tolist())]


def _paces(a: np.ndarray, compound: np.ndarray) -> list:
    """``pace_out`` of each entry: % per year where compound, units per year where linear."""
    return [None if x is None else x * 100 if c else x for x, c in zip(_nums(a), compound.tolist())]


def build_rows(todo: list[tuple], latest: list[int], rate, trend_compound, level_compound, req, proj, eff,
               share, ratio) -> list[dict | None]:
    """One row per item of ``todo`` from its arrays (None where the trend is not finite, or compound
    beyond MAX_RATE a year: the row path decides), as sim.assess.kinds._level_target and verdict
    write it."""
    targets = [item[4] for item in todo]
    met_start = meets(np.array([item[6][y] for item, y in zip(todo, latest)], dtype=float), targets).tolist()
    met_proj = meets(proj, targets).tolist()
    compound = level_compound
    req_out = _paces(req, compound)
    eff_out = _paces(eff, compound)
    proj_f, share_n, ratio_n = proj.tolist(), _nums(share), _nums(ratio)
    gap_n = _nums(proj - np.array([t.value for t in targets], dtype=float))
    sources: dict = {}
    out: list = []
    for i, item in enumerate(todo):
        r = float(rate[i])
        if not math.isfinite(r) or (trend_compound[i] and r > MAX_RATE):   # a wild trend: the row path says why
            out.append(None)
            continue
        out.append(_row_of(item, latest[i], r, bool(trend_compound[i]), bool(level_compound[i]), float(req[i]),
                           req_out[i], eff_out[i], proj_f[i], gap_n[i], share_n[i], ratio_n[i], met_start[i],
                           met_proj[i], sources))
    return out


def _row_of(item: tuple, start_year: int, rate: float, trend_compound: bool, level_compound: bool, req: float,
            req_out, eff_out, proj: float, gap, share, ratio, met_start: bool, met_proj: bool,
            shared: dict) -> dict:
    """One row, in the order and with the Msgs of sim.assess.status and sim.assess.kinds."""
    _, _, _, ind, t, sc, acts = item
    x_t = acts[start_year]
    T = t.year
    n = T - start_year
    x_star = t.value
    keep = math.isclose(x_star, x_t, rel_tol=1e-9, abs_tol=1e-12)
    notes = []
    if level_compound:
        model = "compound"
        formula = [Msg("formula.required_compound", target=x_star, latest=x_t, n=n)]
    else:
        model = "linear"
        if ind.model == "compound":
            notes.append(NON_POSITIVE)
        formula = [Msg("formula.required_linear", target=x_star, latest=x_t, n=n)]
    if keep:
        req_out = 0.0
    b = ind.baseline
    from_base = None
    if b and b.year < start_year:
        nb = T - b.year
        rb = (growth.required_compound(b.value, x_star, nb) if model == "compound" and b.value > 0
              else growth.required_linear(b.value, x_star, nb))
        from_base = num(rb)
        from_base = None if from_base is None else from_base * 100 if model == "compound" else from_base
    real = None
    if ind.basis == "nominal" and model == "compound":
        d = sc.defaults.deflator
        real = num(growth.real_from_nominal(req, d))
        real = None if real is None else real * 100
        formula.append(_shared(shared, "formula.real_pace", deflator=d))
    if not trend_compound and ind.model == "compound":
        notes.append(TREND_LINEAR)
    ys = list(acts)
    points = len(ys)
    formula.append(Msg("formula.projected", year=T, latest=x_t, mode="rate" if trend_compound else "increment"))
    if not keep:
        formula.append(SHARE)
    else:
        share = ratio = None
    status, reason, branch = _verdict(t, ind, x_t, x_star, proj, start_year, keep, share, met_start, met_proj)
    ref = ind.history_refs.get(start_year) if ind.history_refs else None
    tv = x_t if math.isfinite(x_t) else None
    return {
        "indicator": ind.id, "name": ind.name, "owner": ind.owner, "attribute": ind.attribute,
        "parent": ind.parent, "target_year": T, "text": t.text, "kind": t.kind, "op": t.op,
        "target": x_star if math.isfinite(x_star) else None, "target_low": None if t.low is None else num(t.low),
        "target_high": None if t.high is None else num(t.high),
        "stretch": t.stretch, "unit": ind.unit, "level_unit": ind.unit,
        "baseline": num(b.value) if b else None, "baseline_year": b.year if b else None,
        "latest": tv, "latest_year": start_year, "latest_vintage": ref.vintage if ref else None,
        "start": tv, "start_year": start_year, "start_assumed": False,
        "pace_model": model, "pace_unit": "%/yr" if model == "compound" else linear_unit(ind),
        "required_pace": req_out, "required_pace_from_base": from_base, "required_real_pace": real,
        "assumed_pace": eff_out,
        "pace_source": _trend_msg(shared, trend_compound, points, ys[0], ys[-1]),
        "weak_evidence": points < WEAK_POINTS, "projected": proj if math.isfinite(proj) else None, "gap": gap,
        "share_of_required": share, "pace_ratio": ratio,
        "status": status, "reason": reason, "preset_status": None, "preset_reason": None, "assumed": [],
        "explain": {
            "inputs": {"latest_year": start_year, "latest": x_t, "target_year": T, "target": x_star,
                       "years_left": n, "op": t.op,
                       "pace_by_year": dict.fromkeys(map(str, range(start_year + 1, T + 1)), rate)},
            "formula": formula, "branch": branch, "data_points": dict(zip(map(str, ys), acts.values())),
            "notes": notes, "sources": _sources(ind), "convention": t.convention,
            "trend_points": points, "trend_years": ys},
    }


def _trend_msg(shared: dict, compound: bool, points: int, start: int, end: int) -> Msg:
    """The pace source of a trend fitted on ``points`` actuals ``start``..``end``, one Msg per run."""
    key = (compound, points, start, end)
    m = shared.get(key)
    if m is None:
        m = shared[key] = Msg("pace.trend", model="compound" if compound else "linear", n=points, start=start,
                              end=end, weighted=False)
    return m


def _shared(shared: dict, code: str, **args) -> Msg:
    """One Msg object for all equal (code, args) of a run (args of plain types, told apart by type;
    a zero float, which may be -0.0, is not shared)."""
    if any(v == 0.0 and type(v) is float for v in args.values()):
        return Msg(code, **args)
    key = (code, *((k, type(v), v) for k, v in args.items()))
    m = shared.get(key)
    if m is None:
        m = shared[key] = Msg(code, **args)
    return m


def _verdict(t, ind, x_t: float, x_star: float, proj: float, start_year: int, keep: bool, share,
             met_start: bool, met_proj: bool) -> tuple[str, Msg, str]:
    """(status, reason, branch) by the rules of sim.assess.kinds.verdict (not cumulative)."""
    if keep:
        return ("on_track" if met_proj else "at_risk",
                Msg("reason.keep", target=x_star, latest=x_t, projected=proj, holds=met_proj), "keep the level")
    if met_start:
        if met_proj:
            return "achieved", Msg("reason.already_met", latest=x_t, year=start_year, target=t.text), "already met"
        return ("at_risk", Msg("reason.met_falls_back", latest=x_t, target=t.text, projected=proj),
                "already met, projection breaks")
    if met_proj or (t.op == "~" and ((proj > x_star) if ind.direction == "increase" else (proj < x_star))):
        return "on_track", Msg("reason.projected_meets", projected=proj, target=t.text), "projection meets"
    if share is None:
        return "off_track", Msg("reason.projected_misses", projected=proj, target=t.text), "projection misses"
    status = "needs_acceleration" if share >= 0.5 else "off_track" if share >= 0 else "moving_away"
    return status, Msg("reason.share", projected=proj, share=share, target=t.text), "share of required change"
