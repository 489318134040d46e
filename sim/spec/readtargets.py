"""Reading an indicator's baseline and targets (short and long forms) into normalized values, with
located errors: text where a number belongs, phrases, ranges, changes from a reference year."""
from __future__ import annotations

from sim.meta import Msg
from sim.spec.model import Baseline
from sim.spec.phrases import CONVENTIONS, NONE_TEXTS, PhraseError, normalize, parse_target
from sim.spec.schema import IndicatorIn, TargetIn, ValueAt
from sim.spec.targets import RelativeTo, Target


def _baseline(ctx, path, ind: IndicatorIn) -> Baseline | None:
    b = ind.baseline
    year = ctx.plan.base_year
    if b is None:
        return None
    if isinstance(b, ValueAt):
        return Baseline(year=b.year, value=b.value, source=b.source)
    if isinstance(b, str):
        try:
            parsed = parse_target(b, unit=ind.unit, year=year)
        except PhraseError as e:
            ctx.err(path + ("baseline",), Msg("target.baseline_unread", value=b, error=e.msg), e.hint)
            return None
        t = parsed[0]
        if t.kind == "none" and normalize(b) in NONE_TEXTS:
            return None
        if t.kind == "none":
            ctx.err(path + ("baseline",), Msg("target.baseline_text", value=b),
                    Msg("target.baseline_text_hint"))
            return None
        if len(parsed) != 1 or t.kind != "level" or t.value is None or not t.plain:
            ctx.err(path + ("baseline",), Msg("target.baseline_plain", value=b),
                    Msg("target.baseline_plain_hint"))
            return None
        return Baseline(year=year, value=t.value)
    return Baseline(year=year, value=float(b))


def _targets(ctx, path, ind: IndicatorIn, text, tin: TargetIn | None, direction, baseline,
             history) -> list[Target]:
    plan = ctx.plan
    milestone = path[-2:-1] == ("targets",)
    year = tin.year if tin is not None and "year" in tin.model_fields_set else plan.target_year
    if milestone and "year" not in tin.model_fields_set:
        ctx.err(path + ("year",), Msg("target.milestone_year"), Msg("target.milestone_year_hint"))
        return []
    base_year = baseline.year if baseline else plan.base_year
    if year is not None and year <= base_year:
        ctx.err(path, Msg("target.year_order", year=year, base=base_year),
                Msg("target.year_order_hint"))
        return []
    if tin is not None and text is None:
        return _long_form(ctx, path, ind, tin, year, direction)
    if tin is not None and (tin.value is not None or tin.op is not None):
        ctx.err(path, Msg("target.phrase_and_value"))
        return []
    try:
        parsed = parse_target(text, unit=ind.unit, year=year, direction=direction,
                              base_year=plan.base_year, name=ind.name)
    except PhraseError as e:
        ctx.err(path, e.msg, e.hint)
        return []
    out = []
    for t in parsed:
        if tin is not None and tin.tolerance is not None and t.op == "~":
            t = t.model_copy(update={"tolerance": tin.tolerance})
        if t.kind == "reference" and ind.reference:
            t = t.model_copy(update={"reference": ind.reference})
        out.append(resolve_change(t, baseline, history))
    return out


def _long_form(ctx, path, ind, tin: TargetIn, year, direction) -> list[Target]:
    if tin.low is not None or tin.high is not None:
        if tin.low is None or tin.high is None or tin.low > tin.high:
            ctx.err(path, Msg("target.range_order"))
            return []
        return [Target(year=year, op="between", low=tin.low, high=tin.high, unit=ind.unit,
                       kind="level", text=f"{tin.low:g}-{tin.high:g}",
                       convention=CONVENTIONS["between"])]
    if tin.value is None:
        ctx.err(path, Msg("target.needs_value"), Msg("target.needs_value_hint"))
        return []
    op = tin.op or ("<=" if direction == "decrease" else ">=")
    tol = tin.tolerance if op == "~" else None
    if op == "~" and tol is None:
        tol = 0.05 * abs(tin.value)
    return [Target(year=year, op=op, value=tin.value, unit=ind.unit, kind="level",
                   text=f"{op} {tin.value:g}", tolerance=tol,
                   convention=Msg("convention.long_form" if tin.op else "convention.long_form_direction"))]


def resolve_change(t: Target, baseline: Baseline | None, history: dict) -> Target:
    """A relative-change target becomes a level once its reference year's value is known."""
    if t.kind != "change" or t.relative_to is None:
        return t
    rel: RelativeTo = t.relative_to
    known = dict(history)
    if baseline:
        known.setdefault(baseline.year, baseline.value)
    ref = known.get(rel.year)
    if ref is None:
        return t
    value = ref * (1 + rel.change) if rel.mode == "ratio" else ref + rel.change
    tol = 0.05 * abs(value) if t.op == "~" else None
    return t.model_copy(update={"kind": "level", "value": value, "tolerance": tol})
