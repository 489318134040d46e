"""Loading a plan spec (YAML, spec format v1) into a normalized ``Spec``, with located errors.

Two passes: the file's shape is checked against input models (unknown keys, wrong types),
then meaning (phrases, units, years, bounds, ids). Every error of the file is collected and
raised together as ``SpecErrors``.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, ValidationError

from sim import units
from sim.errors import SimError, SpecErrors
from sim.model import (
    Baseline,
    Break,
    Indicator,
    Plan,
    Reference,
    Relation,
    SourceRef,
    Spec,
)
from sim.phrases import PhraseError, infer_direction, parse_target, split_compound
from sim.relations import RelationError
from sim.relations import parse as parse_relation
from sim.targets import Frozen, Op, RelativeTo, Target
from sim.yamlload import Located, load, loads

SLUG = r"^[a-z][a-z0-9_]*$"
PLAN_SLUG = r"^[a-z0-9][a-z0-9-]*$"
YEARS = (1949, 2100)


def _no_bool(v):
    if isinstance(v, bool):
        raise ValueError("a yes/no value is not a number")
    return v


Num = Annotated[float, BeforeValidator(_no_bool), Field(allow_inf_nan=False)]
Year = Annotated[int, Field(ge=YEARS[0], le=YEARS[1]), BeforeValidator(_no_bool)]


class PlanIn(Frozen):
    id: Annotated[str, Field(pattern=PLAN_SLUG)]
    title: str
    region: str | None = None
    source: str | None = None
    base_year: Year
    target_year: Year
    notes: str | None = None


class ValueAt(Frozen):
    year: Year
    value: Num
    source: str | None = None
    note: str | None = None


class Point(Frozen):
    value: Num
    source: str | None = None
    note: str | None = None


class TargetIn(Frozen):
    year: Year | None = None
    target: Num | str | None = None
    value: Num | None = None
    op: Op | None = None
    low: Num | None = None
    high: Num | None = None
    tolerance: Annotated[float, Field(ge=0)] | None = None
    note: str | None = None


class BreakIn(Frozen):
    year: Year
    note: str | None = None
    factor: Annotated[float, Field(gt=0)] | None = None


class SourceIn(Frozen):
    line: Annotated[int, Field(ge=1)] | None = None
    text: str | None = None


class IndicatorIn(Frozen):
    id: Annotated[str, Field(pattern=SLUG)]
    name: str
    unit: str = ""
    direction: Literal["increase", "decrease"] | None = None
    basis: Literal["nominal", "real"] | None = None
    model: Literal["compound", "linear"] | None = None
    attribute: Literal["expected", "binding"] | None = None
    owner: str | None = None
    baseline: Num | str | ValueAt | None = None
    target: Num | str | TargetIn | None = None
    targets: list[TargetIn] | None = None
    parts: dict[str, Annotated[str, Field(pattern=SLUG)]] | None = None
    reference: str | None = None
    history: dict[Year, Num | Point] | None = None
    growth_history: dict[Year, Num | Point] | None = None
    breaks: list[BreakIn] = []
    source: str | SourceIn | None = None
    notes: str | None = None
    review: bool = False
    review_reason: str | None = None


class ReferenceIn(Frozen):
    name: str
    unit: str = ""
    values: dict[Year, Num]
    source: str | None = None
    note: str | None = None


class RelationIn(Frozen):
    id: Annotated[str, Field(pattern=SLUG)]
    expr: str
    tolerance: Annotated[float, Field(ge=0)] | None = None
    note: str | None = None


class _RefsIn(Frozen):
    references: dict[Annotated[str, Field(pattern=SLUG)], ReferenceIn] = {}


class _RelsIn(Frozen):
    relations: list[RelationIn] = []


class SpecIn(Frozen):
    plan: PlanIn
    indicators: Annotated[list[IndicatorIn], Field(min_length=1)]
    references: dict[Annotated[str, Field(pattern=SLUG)], ReferenceIn] = {}
    relations: list[RelationIn] = []


def load_spec(path: str | Path) -> Spec:
    """Read, check and normalize the spec at ``path``; raises SpecErrors (all at once)."""
    loc = load(path)
    raw = Path(path).read_bytes()
    return _build(loc, hashlib.sha256(raw).hexdigest())


def loads_spec(text: str, file: str = "<string>") -> Spec:
    """Same as ``load_spec`` for YAML text."""
    return _build(loads(text, file), hashlib.sha256(text.encode()).hexdigest())


# ---- pass 1: shape -------------------------------------------------------------------------

_TYPE_WORDS = {"float": "a number", "str": "text", "int": "a whole number", "bool": "true/false",
               "dict": "a mapping", "list": "a list", "none": "empty"}


def _clean_loc(loc: tuple) -> tuple:
    """Drop pydantic's union-member and validator tags from an error location."""
    out = []
    for p in loc:
        if isinstance(p, str) and (p in _TYPE_WORDS or p[:1].isupper() or "[" in p
                                   or p.startswith("function")):
            continue
        if isinstance(p, str) and p.endswith("[key]"):
            continue
        out.append(p)
    return tuple(out)


def _at(data, path: tuple):
    for p in path:
        try:
            data = data[p]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _branch(err: dict, data, prefix: tuple) -> tuple | None:
    """The error's location, or None when the input chose another branch of a union: a mapping
    with `dist: normal` is judged only as a normal distribution (whose tag leaves the path)."""
    raw = prefix + tuple(err["loc"])
    if err["type"] == "union_tag_invalid":   # the `dist:` names no known branch
        return prefix + _clean_loc(err["loc"])
    for k in range(len(prefix), len(raw)):
        value = _at(data, prefix + _clean_loc(raw[len(prefix):k]))
        if isinstance(value, dict) and isinstance(value.get("dist"), str):
            if k < len(raw) and raw[k] == value["dist"]:
                return prefix + _clean_loc(raw[len(prefix):k] + raw[k + 1:])
            if any(p == value["dist"] for p in raw[k:]):
                continue
            return None
    return prefix + _clean_loc(err["loc"])


MISFITS = {"union_tag_not_found", "literal_error"}   # a union branch the input is not of


def _shape_errors(e: ValidationError, loc: Located, prefix: tuple = ()) -> list[SimError]:
    data = loc.data
    grouped: dict[tuple, list[dict]] = {}
    errs = e.errors()
    kept = [(p, err) for err in errs if (p := _branch(err, data, prefix)) is not None]
    for path, err in kept or [(prefix + _clean_loc(err["loc"]), err) for err in errs]:
        grouped.setdefault(path, []).append(err)
    for path in [p for p in grouped if any(q[:len(p)] == p and len(q) > len(p) for q in grouped)]:
        if all(x["type"].endswith(("_type", "_parsing")) or x["type"] in MISFITS for x in grouped[path]):
            del grouped[path]   # a branch that does not fit, where a deeper error says what does
    out = []
    for path, errs in grouped.items():
        indicator, field = _who(data, path)
        kinds = {x["type"] for x in errs}
        got = errs[0].get("input")
        if "extra_forbidden" in kinds:
            known = _known_keys(path)
            msg = f"unknown key '{path[-1]}'"
            hint = f"known keys here: {', '.join(known)}" if known else "remove it"
        elif "missing" in kinds:
            msg, hint = f"'{path[-1]}' is required", "add it"
        elif len(errs) > 1:
            msg = f"wrong type: {_show(got)}"
            hint = "expected " + _expected(path)
        elif "model_type" in kinds or "dict_type" in kinds:
            msg, hint = f"expected a mapping (key: value lines), got {_show(got)}", None
        else:
            msg, hint = f"{errs[0]['msg']}: {_show(got)}", _hint(path, errs[0])
        out.append(SimError(msg, file=loc.file, line=loc.line(path), indicator=indicator,
                            field=field, hint=hint))
    return out


def _show(v: Any) -> str:
    s = repr(v)
    return s if len(s) <= 60 else s[:57] + "..."


def _who(data, path: tuple) -> tuple[str | None, str | None]:
    """(indicator id, dotted field) for an error at ``path``."""
    if len(path) >= 2 and path[0] == "indicators" and isinstance(path[1], int):
        try:
            ind = data["indicators"][path[1]]
            ident = ind.get("id") if isinstance(ind, dict) else None
        except (IndexError, KeyError, TypeError):
            ident = None
        ident = str(ident) if ident is not None else f"#{path[1] + 1}"
        return ident, ".".join(str(p) for p in path[2:]) or None
    return None, ".".join(str(p) for p in path) or None


_MODELS = {"plan": PlanIn, "indicators": IndicatorIn, "references": ReferenceIn,
           "relations": RelationIn}


def _known_keys(path: tuple) -> list[str]:
    if len(path) == 1:
        return list(SpecIn.model_fields)
    model = _MODELS.get(path[0])
    if model is IndicatorIn and len(path) > 3:
        sub = {"targets": TargetIn, "target": TargetIn, "baseline": ValueAt, "breaks": BreakIn,
               "source": SourceIn, "history": Point, "growth_history": Point}.get(path[2])
        return list(sub.model_fields) if sub else []
    return list(model.model_fields) if model else []


def _expected(path: tuple) -> str:
    last = next((p for p in reversed(path) if isinstance(p, str)), "")
    return {"baseline": "a number, null, a compound cell like '在地91家属地51家', or {year, value}",
            "target": "a number or the plan's phrase, e.g. '1200以上'",
            "history": "{year: value} or {year: {value, source}}",
            "growth_history": "{year: percent} or {year: {value, source}}",
            "source": "text or {line, text}"}.get(last, "another type")


def _hint(path: tuple, err: dict) -> str | None:
    if isinstance(err.get("input"), bool) and err["type"] in ("string_type", "literal_error"):
        return "YAML reads yes/no/on/off/true/false as a yes/no value; put it in quotes"
    if path and path[-1] in ("id",) and "pattern" in err["type"]:
        return "ids are lowercase slugs: letters, digits and '_' (plan ids use '-')"
    if err["type"] in ("int_parsing", "int_type", "int_from_float"):
        return "years are whole numbers such as 2025"
    if err["type"] in ("float_parsing", "float_type"):
        return "write a number such as 1.38 (the unit goes in `unit:`)"
    if err["type"] == "literal_error":
        return None
    return None


# ---- pass 2: meaning -----------------------------------------------------------------------

class _Ctx:
    def __init__(self, loc: Located, plan: PlanIn):
        self.loc, self.plan = loc, plan
        self.errors: list[SimError] = []

    def err(self, path: tuple, msg: str, hint: str | None = None, indicator: str | None = None):
        ind, field = _who(self.loc.data, path)
        self.errors.append(SimError(msg, file=self.loc.file, line=self.loc.line(path),
                                    indicator=indicator or ind, field=field, hint=hint))


def _validate(model, data, prefix: tuple, loc: Located, errors: list):
    """``model`` built from ``data``, or None with its errors (located under ``prefix``) added."""
    try:
        return model.model_validate(data)
    except ValidationError as e:
        errors.extend(_shape_errors(e, loc, prefix))
        return None


def _build(loc: Located, sha: str) -> Spec:
    data = loc.data
    if not isinstance(data, dict):
        raise SpecErrors([SimError("a spec is a mapping with `plan:` and `indicators:`",
                                   file=loc.file, line=1)])
    errors: list[SimError] = []
    for key in data:
        if key not in SpecIn.model_fields:
            errors.append(SimError(f"unknown key '{key}'", file=loc.file, line=loc.line((key,)),
                                   field=str(key), hint="known keys: " + ", ".join(SpecIn.model_fields)))
    plan = _validate(PlanIn, data.get("plan"), ("plan",), loc, errors)
    items = data.get("indicators")
    if not isinstance(items, list) or not items:
        errors.append(SimError("`indicators:` must be a non-empty list", file=loc.file,
                               line=loc.line(("indicators",)), field="indicators",
                               hint="list the plan's indicators, each starting with '- id:'"))
        items = []
    inds = [_validate(IndicatorIn, x, ("indicators", i), loc, errors) for i, x in enumerate(items)]
    refs_raw = data.get("references") or {}
    rels_raw = data.get("relations") or []
    refs = _validate(_RefsIn, {"references": refs_raw}, (), loc, errors)
    rels = _validate(_RelsIn, {"relations": rels_raw}, (), loc, errors)
    if plan is None:
        raise SpecErrors(errors)
    spec_in = SpecIn.model_construct(plan=plan, indicators=[x for x in inds if x is not None],
                                     references=refs.references if refs else {},
                                     relations=rels.relations if rels else [])
    index = [i for i, x in enumerate(inds) if x is not None]
    ctx = _Ctx(loc, spec_in.plan)
    ctx.errors = errors
    p = spec_in.plan
    if p.target_year < p.base_year:
        ctx.err(("plan", "target_year"), f"target_year {p.target_year} is before base_year {p.base_year}",
                "swap them or fix the year")
    indicators: list[Indicator] = []
    for i, ind in zip(index, spec_in.indicators):
        indicators.extend(_indicator(ctx, i, ind, spec_in.references))
    seen: dict[str, int] = {}
    for i, ind in enumerate(indicators):
        if ind.id in seen:
            ctx.errors.append(SimError(f"duplicate id '{ind.id}' (first at line {seen[ind.id]})",
                                       file=loc.file, line=ind.line, indicator=ind.id, field="id",
                                       hint="ids must be unique in a plan; rename one"))
        else:
            seen[ind.id] = ind.line
    references = {k: Reference(**r.model_dump()) for k, r in spec_in.references.items()}
    raw_ids = {x.get("id") for x in items if isinstance(x, dict)}
    relations = tuple(_relation(ctx, i, r, set(seen) | raw_ids | set(references))
                      for i, r in enumerate(spec_in.relations))
    if ctx.errors:
        raise SpecErrors(ctx.errors)
    return Spec(plan=Plan(**p.model_dump()), indicators=tuple(indicators), references=references,
                relations=relations, file=loc.file, sha256=sha)


LINEAR_NAME = re.compile(r"率|比重|比例|占比|强度|指数|之比|比$|收入比|增速|增幅")
GROWTH_NAME = re.compile(r"增长率|增速|增幅")
SHARE_NAME = re.compile(r"率|比重|比例|占比|占.*比")


def _pace_model(ind: IndicatorIn) -> str:
    """compound for money, counts and physical levels; linear for %, ratios, intensities, rates."""
    if ind.model:
        return ind.model
    if units.is_linear_unit(ind.unit) or LINEAR_NAME.search(ind.name):
        return "linear"
    return "compound"


def _is_share(ind: IndicatorIn) -> bool:
    """A percent share bounded by 0..100 (not a growth rate)."""
    return units.is_share(ind.unit) and ind.unit.strip() == "%" and bool(
        SHARE_NAME.search(ind.name)) and not GROWTH_NAME.search(ind.name)


def _series(values: dict | None) -> tuple[dict[int, float], dict[int, str]]:
    """{year: value} and {year: source} from short or long form entries."""
    out, sources = {}, {}
    for y, v in (values or {}).items():
        if isinstance(v, Point):
            out[y] = v.value
            if v.source:
                sources[y] = v.source
        else:
            out[y] = v
    return dict(sorted(out.items())), sources


def _indicator(ctx: _Ctx, i: int, ind: IndicatorIn, refs: dict) -> list[Indicator]:
    path = ("indicators", i)
    plan = ctx.plan
    line = ctx.loc.line(path)
    model = _pace_model(ind)
    history, hsources = _series(ind.history)
    growth_history, _ = _series(ind.growth_history)
    if ind.target is not None and ind.targets is not None:
        ctx.err(path + ("targets",), "both `target` and `targets` are given",
                "use `target:` for one value at plan.target_year, or `targets:` for milestones")
    if ind.reference and ind.reference not in refs:
        ctx.err(path + ("reference",), f"unknown reference '{ind.reference}'",
                f"define it under `references:` (known: {', '.join(refs) or 'none'})")
    if ind.review_reason and not ind.review:
        ctx.err(path + ("review_reason",), "review_reason without `review: true`", "add review: true")

    # Compound cells: baseline and target split into sub-indicators.
    base_parts = split_compound(ind.baseline, ind.unit) if isinstance(ind.baseline, str) else None
    tgt_parts = split_compound(ind.target, ind.unit) if isinstance(ind.target, str) else None
    if base_parts or tgt_parts or ind.parts:
        return _compound(ctx, i, ind, base_parts, tgt_parts, model, line)

    baseline = _baseline(ctx, path, ind)
    raw_targets = _raw_targets(ind, plan)
    direction = ind.direction or next(
        (d for _, t, _ in raw_targets if (d := infer_direction(t))), None) or "increase"
    targets: list[Target] = []
    for tpath, t, tin in raw_targets:
        targets.extend(_targets(ctx, path + tpath, ind, t, tin, direction, baseline, history))
    out = Indicator(
        id=ind.id, name=ind.name, unit=ind.unit, direction=direction, basis=ind.basis, model=model,
        attribute=ind.attribute, owner=ind.owner, baseline=baseline, history=history,
        history_sources=hsources, growth_history=growth_history, targets=tuple(targets),
        breaks=tuple(Break(**b.model_dump()) for b in ind.breaks), reference=ind.reference,
        source=_source(ind.source), notes=ind.notes, review=ind.review,
        review_reason=ind.review_reason, line=line)
    _check_values(ctx, path, ind, out)
    return [out]


def _source(src) -> SourceRef | None:
    if src is None:
        return None
    return SourceRef(text=src) if isinstance(src, str) else SourceRef(**src.model_dump())


def _raw_targets(ind: IndicatorIn, plan: PlanIn) -> list[tuple[tuple, Any, TargetIn | None]]:
    """(path, phrase or number, long form) for each target as written."""
    if ind.target is not None:
        if isinstance(ind.target, TargetIn):
            return [(("target",), ind.target.target, ind.target)]
        return [(("target",), ind.target, None)]
    return [(("targets", j), t.target, t) for j, t in enumerate(ind.targets or [])]


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
            ctx.err(path + ("baseline",), f"cannot read the baseline '{b}': {e}", e.hint)
            return None
        t = parsed[0]
        if t.kind == "none":
            return None
        if len(parsed) != 1 or t.kind != "level" or t.value is None or not (
                t.convention or "").startswith("plain number"):
            ctx.err(path + ("baseline",), f"the baseline '{b}' is not a plain value",
                    "a baseline is a number (with an optional magnitude, e.g. '2万'), or null")
            return None
        return Baseline(year=year, value=t.value)
    return Baseline(year=year, value=float(b))


def _targets(ctx, path, ind: IndicatorIn, text, tin: TargetIn | None, direction, baseline,
             history) -> list[Target]:
    plan = ctx.plan
    milestone = path[-2:-1] == ("targets",)
    year = tin.year if tin is not None and "year" in tin.model_fields_set else plan.target_year
    if milestone and "year" not in tin.model_fields_set:
        ctx.err(path + ("year",), "a milestone in `targets:` needs a year",
                "add `year: 2027`, or `year: null` for a target the plan gives no year")
        return []
    base_year = baseline.year if baseline else plan.base_year
    if year is not None and year <= base_year:
        ctx.err(path, f"target year {year} is not after the baseline year {base_year}",
                "a target must lie after its baseline")
        return []
    if tin is not None and text is None:
        return _long_form(ctx, path, ind, tin, year, direction)
    if tin is not None and (tin.value is not None or tin.op is not None):
        ctx.err(path, "give either `target:` (a phrase) or `value:`/`op:`, not both")
        return []
    try:
        parsed = parse_target(text, unit=ind.unit, year=year, direction=direction,
                              base_year=plan.base_year)
    except PhraseError as e:
        ctx.err(path, str(e), e.hint)
        return []
    out = []
    for t in parsed:
        if tin is not None and tin.tolerance is not None and t.op == "~":
            t = t.model_copy(update={"tolerance": tin.tolerance})
        if t.kind == "reference" and ind.reference:
            t = t.model_copy(update={"reference": ind.reference})
        out.append(_resolve_change(t, baseline, history))
    return out


def _long_form(ctx, path, ind, tin: TargetIn, year, direction) -> list[Target]:
    if tin.low is not None or tin.high is not None:
        if tin.low is None or tin.high is None or tin.low > tin.high:
            ctx.err(path, "a range needs `low` <= `high`")
            return []
        return [Target(year=year, op="between", low=tin.low, high=tin.high, unit=ind.unit,
                       kind="level", text=f"{tin.low:g}-{tin.high:g}",
                       convention="range: both ends included")]
    if tin.value is None:
        ctx.err(path, "a target needs `target:` (a phrase), `value:`, or `low:`/`high:`",
                "e.g. {year: 2025, value: 3, op: '>='}")
        return []
    op = tin.op or ("<=" if direction == "decrease" else ">=")
    tol = tin.tolerance if op == "~" else None
    if op == "~" and tol is None:
        tol = 0.05 * abs(tin.value)
    return [Target(year=year, op=op, value=tin.value, unit=ind.unit, kind="level",
                   text=f"{op} {tin.value:g}", tolerance=tol,
                   convention="long form: operator as given" if tin.op else
                   "long form without op: by the indicator's direction")]


def _resolve_change(t: Target, baseline: Baseline | None, history: dict) -> Target:
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


def _compound(ctx, i, ind: IndicatorIn, base_parts, tgt_parts, model, line) -> list[Indicator]:
    path = ("indicators", i)
    if ind.targets is not None:
        ctx.err(path + ("targets",), "a compound cell takes `target:` as one cell, not `targets:`")
        return []
    labels = [lab for lab, _ in (base_parts or tgt_parts or [])]
    for name, parts in (("baseline", base_parts), ("target", tgt_parts)):
        value = getattr(ind, name)
        if value is None or (isinstance(value, str) and value.strip() in ("—", "-", "")):
            continue
        if parts is None:
            ctx.err(path + (name,), f"'{value}' is not a compound cell like '在地91家属地51家'",
                    "with `parts:`, both baseline and target are cells of label-value pairs")
            return []
        if [lab for lab, _ in parts] != labels:
            ctx.err(path + (name,), f"labels {[lab for lab, _ in parts]} differ from {labels}",
                    "the baseline and target cells must name the same parts in the same order")
            return []
    names = ind.parts or {}
    for lab in names:
        if lab not in labels:
            ctx.err(path + ("parts", lab), f"part '{lab}' is not in the cell (parts: {labels})")
    subs = []
    for k, lab in enumerate(labels):
        sub_id = names.get(lab, f"{ind.id}.{lab}")
        cell = {"baseline": base_parts[k][1] if base_parts else None,
                "target": tgt_parts[k][1] if tgt_parts else None}
        sub_in = ind.model_copy(update={
            "id": sub_id if names.get(lab) else ind.id, "name": f"{ind.name}({lab})",
            "baseline": cell["baseline"], "target": cell["target"], "parts": None})
        built = _indicator(ctx, i, sub_in, {ind.reference: None} if ind.reference else {})
        subs.extend(b.model_copy(update={"id": sub_id, "parent": ind.id}) for b in built)
    return subs


def _check_values(ctx, path, ind: IndicatorIn, out: Indicator):
    share = _is_share(ind)
    checks = []
    if out.baseline:
        checks.append((path + ("baseline",), out.baseline.value, "baseline"))
    for y, v in out.history.items():
        checks.append((path + ("history", y), v, f"history {y}"))
    for j, t in enumerate(out.targets):
        if t.value is not None and t.kind in ("level", "cumulative"):
            tpath = path + (("target",) if ind.target is not None else ("targets", j))
            checks.append((tpath, t.value, f"target {t.text!r}"))
    for p, v, what in checks:
        if share and not 0 <= v <= 100:
            ctx.err(p, f"{what} is {v:g}%, outside 0-100 for a share",
                    "a share is a percentage between 0 and 100; check the unit or the value")
        elif out.model == "compound" and v <= 0:
            ctx.err(p, f"{what} is {v:g}, but a compound (growth-rate) model needs positive values",
                    "set `model: linear` for an indicator that can be zero or negative")


def _relation(ctx, i, r: RelationIn, known: set[str]) -> Relation:
    """A relation read by the restricted expression parser (sim.relations); errors located."""
    try:
        names = parse_relation(r.expr, known).names
    except RelationError as e:
        ctx.err(("relations", i, "expr"), f"relation '{r.id}': {e.message}", e.hint)
        names = ()
    return Relation(id=r.id, expr=r.expr, tolerance=r.tolerance, note=r.note, names=names,
                    line=ctx.loc.line(("relations", i)))
