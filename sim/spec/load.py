"""Loading a plan spec (YAML, spec format v1) into a normalized ``Spec``, with located errors."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from sim.errors import SimError, SpecErrors
from sim.meta import Msg
from sim.spec import units
from sim.spec.fastyaml import fast_loads
from sim.spec.files import read_input
from sim.spec.located import _shape_errors, _who
from sim.spec.model import (
    Break,
    DataFile,
    Indicator,
    Plan,
    Reference,
    Relation,
    SourceRef,
    Spec,
)
from sim.spec.phrases import (
    infer_direction,
    split_compound,
)
from sim.spec.readtargets import _baseline, _targets, resolve_change  # noqa: F401  (resolve_change: sim.data)
from sim.spec.relations import RelationError
from sim.spec.relations import parse as parse_relation
from sim.spec.schema import (
    DataIn,
    IndicatorIn,
    PlanIn,
    Point,
    RelationIn,
    SpecIn,
    TargetIn,
    _DataListIn,
    _RefsIn,
    _RelsIn,
)
from sim.spec.targets import Target
from sim.spec.yamlload import MAX_BYTES, Located, decode_utf8, loads


def load_spec(path: str | Path) -> Spec:
    """Read, check and normalize the spec at ``path``; raises SpecErrors (all at once).

    A file in the plain subset of YAML is read by the fast reader (sim.spec.fastyaml); any other
    file, and any file with an error, by the located loader, whose errors are the ones reported.
    The file is read once, at most MAX_BYTES (devices and pipes included)."""
    raw = read_input(path, MAX_BYTES, "spec")
    text = decode_utf8(raw, path)
    sha = hashlib.sha256(raw).hexdigest()
    fast = fast_loads(text, str(path))
    if fast is not None:
        try:
            return _build(fast, sha)
        except SimError:
            pass
    return _build(loads(text, str(path)), sha)


def loads_spec(text: str, file: str = "<string>") -> Spec:
    """Same as ``load_spec`` for YAML text."""
    return _build(loads(text, file), hashlib.sha256(text.encode()).hexdigest())


class _Ctx:
    def __init__(self, loc: Located, plan: PlanIn):
        self.loc, self.plan = loc, plan
        self.errors: list[SimError] = []

    def err(self, path: tuple, msg: Msg, hint: Msg | None = None, indicator: str | None = None):
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
        raise SpecErrors([SimError(Msg("spec.mapping"),
                                   file=loc.file, line=1)])
    errors: list[SimError] = []
    for key in data:
        if key not in SpecIn.model_fields:
            errors.append(SimError(Msg("spec.unknown_key", key=key), file=loc.file, line=loc.line((key,)),
                                   field=str(key), hint=Msg("spec.known_keys", keys=list(SpecIn.model_fields))))
    plan = _validate(PlanIn, data.get("plan"), ("plan",), loc, errors)
    items = data.get("indicators")
    if not isinstance(items, list) or not items:
        errors.append(SimError(Msg("spec.indicators_list"), file=loc.file,
                               line=loc.line(("indicators",)), field="indicators",
                               hint=Msg("spec.indicators_hint")))
        items = []
    inds = [_validate(IndicatorIn, x, ("indicators", i), loc, errors) for i, x in enumerate(items)]
    refs_raw = data.get("references") or {}
    rels_raw = data.get("relations") or []
    refs = _validate(_RefsIn, {"references": refs_raw}, (), loc, errors)
    rels = _validate(_RelsIn, {"relations": rels_raw}, (), loc, errors)
    data_in = _validate(_DataListIn, {"data": data.get("data") or []}, (), loc, errors)
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
        ctx.err(("plan", "target_year"), Msg("spec.years_order", target=p.target_year, base=p.base_year),
                Msg("spec.years_order_hint"))
    indicators: list[Indicator] = []
    for i, ind in zip(index, spec_in.indicators):
        indicators.extend(_indicator(ctx, i, ind, spec_in.references))
    seen: dict[str, int] = {}
    for i, ind in enumerate(indicators):
        if ind.id in seen:
            ctx.errors.append(SimError(Msg("spec.duplicate_id", id=ind.id, line=seen[ind.id]),
                                       file=loc.file, line=ind.line, indicator=ind.id, field="id",
                                       hint=Msg("spec.duplicate_id_hint")))
        else:
            seen[ind.id] = ind.line
    references = {k: Reference(**r.model_dump()) for k, r in spec_in.references.items()}
    raw_ids = {x.get("id") for x in items if isinstance(x, dict)}
    relations = tuple(_relation(ctx, i, r, set(seen) | raw_ids | set(references))
                      for i, r in enumerate(spec_in.relations))
    files = tuple(_data_file(ctx, k, d) for k, d in enumerate(data_in.data if data_in else []))
    if ctx.errors:
        raise SpecErrors(ctx.errors)
    return Spec(plan=Plan(**p.model_dump()), indicators=tuple(indicators), references=references,
                relations=relations, file=loc.file, sha256=sha, data=files)


DATA_SUFFIXES = (".csv", ".xlsx")


def _data_file(ctx: _Ctx, k: int, d: str | DataIn) -> DataFile:
    """One entry of ``data:``; the file itself is read by sim.data."""
    d = DataIn(path=d) if isinstance(d, str) else d
    if Path(d.path).suffix.lower() not in DATA_SUFFIXES:
        ctx.err(("data", k), Msg("spec.data_suffix", path=d.path), Msg("spec.data_suffix_hint"))
    elif d.sheet is not None and Path(d.path).suffix.lower() != ".xlsx":
        ctx.err(("data", k, "sheet"), Msg("spec.csv_sheet", path=d.path), Msg("spec.drop_sheet"))
    return DataFile(path=d.path, sheet=d.sheet, line=ctx.loc.line(("data", k)))


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


def is_share(name: str, unit: str) -> bool:
    """A percent share bounded by 0..100 (not a growth rate)."""
    return units.is_share(unit) and unit.strip() == "%" and bool(
        SHARE_NAME.search(name)) and not GROWTH_NAME.search(name)


def _series(values: dict | None) -> tuple[dict[int, float], dict[int, str]]:
    """{year: value} and {year: source} from short (a float) or long form (a Point) entries.
    (``isinstance(v, float)`` first: an isinstance check against a pydantic model is slow.)"""
    if not values:
        return {}, {}
    out = {y: v if isinstance(v, float) else v.value for y, v in sorted(values.items())}
    return out, {y: v.source for y, v in values.items() if not isinstance(v, float) and v.source}


def _indicator(ctx: _Ctx, i: int, ind: IndicatorIn, refs: dict) -> list[Indicator]:
    path = ("indicators", i)
    plan = ctx.plan
    line = ctx.loc.line(path)
    model = _pace_model(ind)
    history, hsources = _series(ind.history)
    growth_history, _ = _series(ind.growth_history)
    if ind.target is not None and ind.targets is not None:
        ctx.err(path + ("targets",), Msg("spec.target_and_targets"), Msg("spec.target_and_targets_hint"))
    if ind.reference and ind.reference not in refs:
        ctx.err(path + ("reference",), Msg("spec.unknown_reference", ref=ind.reference),
                Msg("spec.define_reference", known=list(refs)))
    if ind.review_reason and not ind.review:
        ctx.err(path + ("review_reason",), Msg("spec.review_reason"), Msg("spec.add_review"))

    # Compound cells: baseline and target split into sub-indicators.
    base_parts = split_compound(ind.baseline, ind.unit) if isinstance(ind.baseline, str) else None
    tgt_parts = split_compound(ind.target, ind.unit) if isinstance(ind.target, str) else None
    if base_parts or tgt_parts or ind.parts:
        return _compound(ctx, i, ind, base_parts, tgt_parts, model, line)

    baseline = _baseline(ctx, path, ind)
    raw_targets = _raw_targets(ind, plan)
    direction = ind.direction or next(
        (d for _, t, _ in raw_targets if (d := infer_direction(t, ind.name))), None) or "increase"
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
        if not isinstance(ind.target, (str, int, float)) and isinstance(ind.target, TargetIn):
            return [(("target",), ind.target.target, ind.target)]
        return [(("target",), ind.target, None)]
    return [(("targets", j), t.target, t) for j, t in enumerate(ind.targets or [])]


def _compound(ctx, i, ind: IndicatorIn, base_parts, tgt_parts, model, line) -> list[Indicator]:
    path = ("indicators", i)
    if ind.targets is not None:
        ctx.err(path + ("targets",), Msg("spec.compound_targets"))
        return []
    labels = [lab for lab, _ in (base_parts or tgt_parts or [])]
    for name, parts in (("baseline", base_parts), ("target", tgt_parts)):
        value = getattr(ind, name)
        if value is None or (isinstance(value, str) and value.strip() in ("—", "-", "")):
            continue
        if parts is None:
            ctx.err(path + (name,), Msg("spec.not_compound", value=value),
                    Msg("spec.not_compound_hint"))
            return []
        if [lab for lab, _ in parts] != labels:
            ctx.err(path + (name,), Msg("spec.labels_differ", labels=[lab for lab, _ in parts], expected=labels),
                    Msg("spec.labels_differ_hint"))
            return []
    names = ind.parts or {}
    for lab in names:
        if lab not in labels:
            ctx.err(path + ("parts", lab), Msg("spec.part_not_in_cell", part=lab, labels=labels))
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
    """Errors for values the indicator's kind cannot take: a share outside 0-100, a value <= 0 under
    the compound model, a growth rate beyond -100%..+1000% a year."""
    share = is_share(ind.name, ind.unit)
    compound = out.model == "compound"

    def bad(v: float) -> bool:
        return share and not 0 <= v <= 100 or compound and v <= 0

    checks = []
    if out.baseline and bad(out.baseline.value):
        checks.append((path + ("baseline",), out.baseline.value, Msg("spec.what_baseline")))
    checks += [(path + ("history", y), v, Msg("spec.what_history", year=y))
               for y, v in out.history.items() if bad(v)]
    for j, t in enumerate(out.targets):
        if t.value is not None and t.kind in ("level", "cumulative") and bad(t.value):
            tpath = path + (("target",) if ind.target is not None else ("targets", j))
            checks.append((tpath, t.value, Msg("spec.what_target", text=t.text)))
    for y, g in out.growth_history.items():
        if not -100 < g <= 1000:
            ctx.err(path + ("growth_history", y), Msg("spec.growth_history_range", year=y, value=g),
                    Msg("spec.growth_history_hint"))
    for p, v, what in checks:
        if share and not 0 <= v <= 100:
            ctx.err(p, Msg("spec.share_range", what=what, value=v), Msg("spec.share_range_hint"))
        else:
            ctx.err(p, Msg("spec.compound_positive", what=what, value=v),
                    Msg("spec.compound_positive_hint"))


def _relation(ctx, i, r: RelationIn, known: set[str]) -> Relation:
    """A relation read by the restricted expression parser (sim.spec.relations); errors located."""
    try:
        names = parse_relation(r.expr, known).names
    except RelationError as e:
        ctx.err(("relations", i, "expr"), Msg("spec.relation", id=r.id, error=e.msg), e.hint_msg)
        names = ()
    return Relation(id=r.id, expr=r.expr, tolerance=r.tolerance, note=r.note, names=names,
                    line=ctx.loc.line(("relations", i)))
