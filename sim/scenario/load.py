"""Loading a scenario (DESIGN.md "Scenario format v1") with located errors, and `--assume`."""
from __future__ import annotations

import math
import re
import typing
from pathlib import Path

from pydantic import BaseModel, ValidationError

from sim.errors import SimError, SpecErrors
from sim.meta import Msg
from sim.scenario.model import MAX_RATE, Assumption, Defaults, Scenario, ScenarioMeta
from sim.spec.files import read_input
from sim.spec.located import _shape_errors
from sim.spec.schemamsg import schema_hint, schema_msg
from sim.spec.model import Spec
from sim.spec.schema import MAX_MAGNITUDE
from sim.spec.yamlload import MAX_BYTES, Located, decode_utf8, loads


def load_scenario(path: str | Path, spec: Spec | None = None) -> Scenario:
    """Read a scenario file; with ``spec``, indicator ids are checked against the plan."""
    import hashlib
    raw = read_input(path, MAX_BYTES, "scenario")
    loc = loads(decode_utf8(raw, path), str(path), Msg("yaml.needs_scenario"))
    sc = _build(loc)
    sc = sc.model_copy(update={"sha256": hashlib.sha256(raw).hexdigest()})
    if spec is not None:
        check_ids(sc, spec, loc)
    return sc


def loads_scenario(text: str, file: str = "<string>", spec: Spec | None = None) -> Scenario:
    loc = loads(text, file, Msg("yaml.needs_scenario"))
    sc = _build(loc)
    if spec is not None:
        check_ids(sc, spec, loc)
    return sc


INTERNAL = {"file", "sha256"}      # fields of Scenario set by the loader, not written in a file


def _known_keys(path: tuple, data=None) -> list[str]:
    """The keys a scenario allows where ``path`` ends (for an unknown key's hint); ``data`` (the
    file's) picks the distribution its ``dist:`` names among the kinds a field takes."""
    model = Scenario
    node = data
    for step in path[:-1]:
        node = _child(node, step)
        field = model.model_fields.get(step) if isinstance(step, str) else None
        if field is None:          # a list index or a dict key (an indicator id under assumptions)
            continue
        models = _models_in(field.annotation)
        if not models:
            return []
        named = [m for m in models if isinstance(node, dict) and "dist" in m.model_fields
                 and node.get("dist") in typing.get_args(m.model_fields["dist"].annotation)]
        model = (named or models)[0]
    return [k for k in model.model_fields if k not in INTERNAL]


def _child(node, step):
    try:
        return node[step] if isinstance(node, (dict, list)) else None
    except (KeyError, IndexError, TypeError):
        return None


def _models_in(ann) -> list[type[BaseModel]]:
    """The pydantic models an annotation names (``dict[str, Assumption]`` -> [Assumption])."""
    own = [ann] if isinstance(ann, type) and issubclass(ann, BaseModel) else []
    return own + [m for a in typing.get_args(ann) for m in _models_in(a)]


def _build(loc: Located) -> Scenario:
    if not isinstance(loc.data, dict):
        raise SpecErrors([SimError(Msg("scen.mapping"), file=loc.file, line=1)])
    if "plan" in loc.data and "indicators" in loc.data:
        raise SpecErrors([SimError(Msg("scen.is_spec"), file=loc.file, line=1, field="-s",
                                   hint=Msg("scen.is_spec_hint"))])
    try:
        sc = Scenario.model_validate(loc.data | {"file": loc.file})
    except ValidationError as e:
        raise SpecErrors(_shape_errors(e, loc, known_keys=lambda p: _known_keys(p, loc.data))) from None
    errors = [SimError(Msg("scen.drawn_rate", value=v, max=MAX_RATE), file=loc.file, line=loc.line(path),
                       field=".".join(map(str, path)), hint=Msg("scen.rates_hint"))
              for path, v in _dist_rates(sc) if v > MAX_RATE]
    if errors:
        raise SpecErrors(errors)
    return sc


def _dist_rates(sc: Scenario):
    """(path, value) of the ends and mode of uniform and triangular growth distributions, and of
    a normal's mean."""
    for ident, a in sc.assumptions.items():
        for field in ("growth", "real_growth"):
            d = getattr(a, field)
            for key in ("low", "mode", "high", "mean"):
                if hasattr(d, key) and isinstance(getattr(d, key), float):
                    yield ("assumptions", ident, field, key), getattr(d, key)
            if hasattr(d, "mu"):   # lognormal: the median growth exp(mu) - 1
                yield ("assumptions", ident, field, "mu"), math.expm1(min(d.mu, 700.0))


def check_ids(sc: Scenario, spec: Spec, loc: Located | None = None, portfolio: bool = False):
    """Assumptions name indicators of the plan (of any plan of the portfolio ``spec`` joins, when
    ``portfolio``), and an assumed baseline obeys the spec's rules."""
    known = {i.id: i for i in spec.indicators}
    errors = []

    def not_ours(ident):
        return Msg("scen.not_indicator", id=ident, plan=spec.plan.id, portfolio=portfolio)

    for ident, a in sc.assumptions.items():
        ind = known.get(ident)
        if ind is not None and a.baseline is not None and ind.model == "compound" and a.baseline <= 0:
            errors.append(SimError(Msg("scen.baseline_positive", value=a.baseline, id=ident), file=sc.file, indicator=ident,
                                   line=loc.line(("assumptions", ident, "baseline")) if loc else None,
                                   field=f"assumptions.{ident}.baseline",
                                   hint=Msg("scen.baseline_positive_hint")))
        if ident not in known:
            errors.append(SimError(not_ours(ident),
                                   file=sc.file, line=loc.line(("assumptions", ident)) if loc else None,
                                   field=f"assumptions.{ident}",
                                   hint=Msg("scen.known_ids", ids=sorted(known))))
    for k, sh in enumerate(sc.shocks):
        for ident in (sh.indicators if sh.indicators != "all" else []):
            if ident not in known:
                errors.append(SimError(not_ours(ident),
                                       file=sc.file, line=loc.line(("shocks", k)) if loc else None,
                                       field=f"shocks.{k}.indicators"))
    for k, f in enumerate(sc.factors):
        for ident in list(f.loadings) + ([f.of] if f.of else []):
            if ident not in known:
                errors.append(SimError(not_ours(ident),
                                       file=sc.file, line=loc.line(("factors", k)) if loc else None,
                                       field=f"factors.{k}"))
    for ident in sc.correlation.indicators if sc.correlation else []:
        if ident not in known:
            errors.append(SimError(not_ours(ident),
                                   file=sc.file, line=loc.line(("correlation",)) if loc else None,
                                   field="correlation.indicators"))
    if errors:
        raise SpecErrors(errors)


ASSUME_FIELDS = {"growth", "real_growth", "change", "baseline", "deflator"}


def apply_assume(sc: Scenario, items: list[str], spec: Spec, portfolio: bool = False) -> Scenario:
    """``--assume ID.FIELD=VALUE`` overrides (``defaults.deflator=0.02`` for the defaults); with
    ``portfolio``, ``spec`` joins every plan of a portfolio."""
    assumptions = dict(sc.assumptions)
    defaults = sc.defaults.model_dump()
    known = {i.id for i in spec.indicators}
    for item in items:
        m = re.fullmatch(r"([^=]+)\.(\w+)=(.+)", item.strip())
        if not m:
            raise SimError(Msg("assume.unread", item=item), field="--assume", hint=Msg("assume.unread_hint"))
        ident, field, raw = m.groups()
        value = _assume_value(raw, item)
        if ident == "defaults":
            if field not in Defaults.model_fields:
                raise SimError(Msg("assume.unknown_default", field=field, item=item), field="--assume",
                               hint=Msg("assume.defaults", fields=list(Defaults.model_fields)))
            defaults[field] = value
            continue
        if ident not in known:
            raise SimError(Msg("assume.not_indicator", id=ident, item=item, plan=spec.plan.id, portfolio=portfolio),
                           field="--assume", hint=Msg("scen.known_ids", ids=sorted(known)))
        if field not in ASSUME_FIELDS:
            raise SimError(Msg("assume.unknown_field", field=field, item=item), field="--assume",
                           hint=Msg("assume.fields", fields=sorted(ASSUME_FIELDS)))
        base = assumptions.get(ident, Assumption())
        base = base.model_dump() if isinstance(base, Assumption) else base   # a dict when set just before
        base[field] = value
        note = f"--assume {item}"
        if field in PACE_FIELDS:   # the pace the user gives replaces the scenario's, whatever its form
            replaced = [f for f in PACE_FIELDS if f != field and base.get(f) is not None]
            for f in replaced:
                base[f] = None
            if replaced:
                note += f" (replaces the scenario's {', '.join(replaced)})"
        base["note"] = ((base.get("note") or "") + " " + note).strip()
        assumptions[ident] = base
    try:
        out = Scenario.model_validate(sc.model_dump() | {"assumptions": assumptions,
                                                         "defaults": defaults})
    except ValidationError as e:
        raise SimError(Msg("assume.invalid", error=schema_msg(e.errors()[0])), field="--assume",
                       hint=schema_hint(e.errors()[0])) from None
    try:
        check_ids(out, spec, portfolio=portfolio)
    except SpecErrors as e:
        raise SimError([x.msg for x in e.errors], field="--assume", hint=e.errors[0].hint_msg) from None
    return out


PACE_FIELDS = ("change", "real_growth", "growth")   # the forms a pace takes (pace_of's precedence)


def _assume_value(raw: str, item: str):
    if raw in ("trend", "none"):
        return raw
    try:
        value = float(raw.rstrip("%")) / (100 if raw.endswith("%") else 1)
    except ValueError:
        raise SimError(Msg("assume.not_number", raw=raw, item=item), field="--assume",
                       hint=Msg("assume.example")) from None
    if not math.isfinite(value) or abs(value) > MAX_MAGNITUDE:
        raise SimError(Msg("assume.not_finite", raw=raw, item=item), field="--assume",
                       hint=Msg("assume.example"))
    return value


def scenario_dict(sc: Scenario) -> dict:
    """The scenario as plain data for reports: id, name, description, defaults, assumptions, shocks."""
    return {"id": sc.scenario.id, "name": sc.scenario.name, "description": sc.scenario.description,
            "defaults": sc.defaults.model_dump(mode="json"),
            "assumptions": {k: a.model_dump(mode="json", exclude_none=True)
                            for k, a in sc.assumptions.items()},
            "shocks": [s.model_dump(mode="json") for s in sc.shocks]}


def default_scenario() -> Scenario:
    return Scenario(scenario=ScenarioMeta(id="trend", name="趋势外推",
                                          description=Msg("scenario.default")))
