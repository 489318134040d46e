"""A request's what-if applied to the served plan, and the results through the functions the CLI uses.

A request body is a JSON object (every key optional):

- ``assume``: ``{"ID.FIELD": number}``, exactly ``sim check --assume ID.FIELD=number`` (fractions:
  0.07 is 7% a year; ``defaults.FIELD`` for the scenario defaults);
- ``center``: ``{"ID.FIELD": number}``, move the centre of a drawn or per-year pace to the number and
  keep its spread or shape (normal: mean; lognormal: median exp(mu) - 1; triangular: mode; uniform:
  mid-range; per-year path: mean of the years), so a what-if keeps the scenario's uncertainty;
- ``scenario``: a whole scenario as in scenario YAML, instead of the served one;
- ``draws``, ``seed``, ``method``: the simulation settings of ``sim simulate``.

Applied in that order: scenario, then centre, then assume. Nothing is evaluated as code, and no
file is read or written.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from pydantic import ValidationError

from sim.errors import SimError, SpecErrors
from sim.meta import Msg
from sim.scenario.load import apply_assume, loads_scenario
from sim.scenario.model import (
    Bootstrap,
    LogNormal,
    Normal,
    Scenario,
    Triangular,
    Uniform,
)
from sim.spec.model import Spec
from sim.spec.schemamsg import schema_hint, schema_msg

BODY_KEYS = {"assume", "center", "scenario", "draws", "seed", "method"}
KEY = re.compile(r"[^=\s]+\.\w+")
MAX_ITEMS = 2000               # assume/center entries in one request
MAX_DRAWS = 1_000_000          # simulation draws one request may ask for
REPORT_DRAWS = 10_000          # draws of a downloaded report, as `sim report`
PACE_FIELDS = ("growth", "real_growth", "change")
RATE_FIELDS = ("growth", "real_growth", "deflator")
MAX_RATE = 10.0                # +1000% a year: beyond it paths overflow floating point over a plan's years


@dataclass(frozen=True)
class Served:
    """What one server holds: the plan, its scenario, and the page's simulation settings."""
    spec: Spec
    scenario: Scenario
    draws: int = 2000
    seed: int = 1


def _number(value, field: str) -> float | int:
    """A JSON number (not a boolean, not NaN/inf), else a SimError naming ``field``."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise SimError(Msg("serve.not_number", value=repr(value)), field=field, hint=Msg("serve.not_number_hint"))
    if not math.isfinite(value):
        raise SimError(Msg("serve.not_finite"), field=field, hint=Msg("serve.give_finite"))
    return value


def _items(body: dict, name: str) -> dict[str, float | int]:
    raw = body.get(name) or {}
    if not isinstance(raw, dict):
        raise SimError(Msg("serve.items", name=name), field=name)
    if len(raw) > MAX_ITEMS:
        raise SimError(Msg("serve.too_many", n=MAX_ITEMS), field=name)
    out = {}
    for key, value in raw.items():
        if not KEY.fullmatch(key):
            raise SimError(Msg("serve.key", key=key), field=f"{name}.{key}", hint=Msg("serve.key_hint"))
        out[key] = _number(value, key)
        if key.rpartition(".")[2] in RATE_FIELDS and out[key] > MAX_RATE:
            raise SimError(Msg("serve.rate_range", value=value, max=MAX_RATE), field=key, hint=Msg("serve.rates_hint"))
    return out


def check_body(body) -> dict:
    """The body as a dict with only known keys, or a SimError naming the bad one."""
    if body is None:
        return {}
    if not isinstance(body, dict):
        raise SimError(Msg("serve.body_object"), field="body", hint=Msg("serve.body_object_hint"))
    unknown = sorted(set(body) - BODY_KEYS)
    if unknown:
        raise SimError(Msg("serve.unknown_key", key=unknown[0]), field=unknown[0] or "body",
                       hint=Msg("serve.keys", keys=sorted(BODY_KEYS)))
    return body


def scenario_of(served: Served, body: dict) -> Scenario:
    """The scenario a request asks for: the served (or posted) one, centres moved, assumptions set."""
    body = check_body(body)
    assume, center = _items(body, "assume"), _items(body, "center")
    sc = served.scenario if body.get("scenario") is None else posted_scenario(body["scenario"], served.spec)
    for key, value in center.items():
        sc = centred(sc, served.spec, key, value)
    if assume:
        items = [f"{k}={v!r}" for k, v in assume.items()]
        try:
            sc = apply_assume(sc, items, served.spec)
        except SimError:
            for key, item in zip(assume, items):   # the same check one by one, to name the field
                try:
                    apply_assume(sc, [item], served.spec)
                except SimError as e:
                    ident = key.rpartition(".")[0]
                    known = ident in {i.id for i in served.spec.indicators}
                    raise e.located(field=key, indicator=ident if known else None) from None
            raise
    return sc


def posted_scenario(data, spec: Spec) -> Scenario:
    """A scenario given as data in a request, validated as a scenario file is (errors name fields)."""
    import yaml
    if not isinstance(data, dict):
        raise SimError(Msg("serve.scenario_object"), field="scenario")
    try:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    except yaml.YAMLError as e:
        raise SimError(Msg("serve.scenario_unread"), field="scenario") from None
    try:
        sc = loads_scenario(text, "<request scenario>", spec)
    except SpecErrors as e:
        first = e.errors[0]
        raise SimError([x.msg for x in e.errors], field="scenario." + (first.field or ""),
                       indicator=first.indicator, hint=first.hint_msg) from None
    for field, rate in _rates(sc):
        if rate > MAX_RATE:
            raise SimError(Msg("serve.rate_range", value=rate, max=MAX_RATE), field="scenario." + field,
                           hint=Msg("serve.rates_hint"))
    return sc


def _rates(sc: Scenario):
    """(field, rate) of every growth rate and deflator a scenario sets: numbers, the years of a path,
    the largest value a distribution centres on or reaches (normal: mean; lognormal: median)."""
    d = sc.defaults
    for name in RATE_FIELDS:
        v = getattr(d, name, None)
        if isinstance(v, (int, float)):
            yield f"defaults.{name}", v
    for ident, a in sc.assumptions.items():
        for name in RATE_FIELDS:
            v = getattr(a, name)
            if isinstance(v, dict):
                yield from ((f"assumptions.{ident}.{name}.{y}", x) for y, x in v.items())
            elif isinstance(v, (Triangular, Uniform)):
                yield f"assumptions.{ident}.{name}.high", v.high
            elif v is not None and not isinstance(v, str):
                yield f"assumptions.{ident}.{name}", center_of(v) or 0.0
    for k, shock in enumerate(sc.shocks):
        yield f"shocks.{k}.growth", shock.growth


def centred(sc: Scenario, spec: Spec, key: str, value: float) -> Scenario:
    """``sc`` with the pace ``key`` (ID.FIELD) moved so that its centre is ``value`` (see the module)."""
    ident, _, field = key.rpartition(".")
    a = sc.assumptions.get(ident)
    p = getattr(a, field, None) if a is not None and field in PACE_FIELDS else None
    if p is None or isinstance(p, str):
        raise SimError(Msg("serve.nothing_to_move", id=ident, field=field), field=key, indicator=ident,
                       hint=Msg("serve.nothing_to_move_hint"))
    if isinstance(p, Bootstrap):
        raise SimError(Msg("serve.bootstrap"), field=key, indicator=ident, hint=Msg("serve.bootstrap_hint"))
    if isinstance(p, (int, float)):
        new = value
    elif isinstance(p, dict):
        shift = value - sum(p.values()) / len(p)
        new = {y: v + shift for y, v in p.items()}
    elif isinstance(p, Normal):
        new = p.model_copy(update={"mean": value})
    elif isinstance(p, LogNormal):
        if value <= -1:
            raise SimError(Msg("serve.above_minus_one"), field=key, indicator=ident)
        new = p.model_copy(update={"mu": math.log1p(value)})
    else:
        mid = p.mode if isinstance(p, Triangular) else (p.low + p.high) / 2
        shift = value - mid
        new = p.model_copy(update={k: getattr(p, k) + shift for k in
                                   (("low", "mode", "high") if isinstance(p, Triangular) else ("low", "high"))})
    assumptions = dict(sc.assumptions) | {ident: a.model_dump() | {field: new if isinstance(new, (int, float, dict))
                                                                   else new.model_dump()}}
    try:
        return Scenario.model_validate(sc.model_dump() | {"assumptions": assumptions})
    except ValidationError as e:
        raise SimError(Msg("serve.invalid", error=schema_msg(e.errors()[0])), field=key, indicator=ident,
                       hint=schema_hint(e.errors()[0])) from None


def center_of(p) -> float | None:
    """The centre ``centred`` moves: the number, the mean of a per-year path, a distribution's centre."""
    if isinstance(p, bool) or p is None or isinstance(p, (str, Bootstrap)):
        return None
    if isinstance(p, (int, float)):
        return p
    if isinstance(p, dict):
        return sum(p.values()) / len(p)
    if isinstance(p, Normal):
        return p.mean
    if isinstance(p, LogNormal):
        return math.expm1(min(p.mu, 700.0))      # exp(709.8) is the largest float
    return p.mode if isinstance(p, Triangular) else (p.low + p.high) / 2 if isinstance(p, Uniform) else None


def simulation_settings(body: dict) -> tuple[int, int | None, str]:
    """(draws, seed, method) of a simulate request; the defaults of `sim simulate`."""
    draws = body.get("draws", 10_000)
    if isinstance(draws, bool) or not isinstance(draws, int) or not 1 <= draws <= MAX_DRAWS:
        raise SimError(Msg("serve.draws", max=MAX_DRAWS), field="draws")
    seed = body.get("seed")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int) or seed < 0):
        raise SimError(Msg("serve.seed"), field="seed")
    method = body.get("method", "auto")
    if method not in ("auto", "monte-carlo", "monte_carlo"):
        raise SimError(Msg("serve.method", method=repr(method)), field="method", hint=Msg("serve.methods"))
    return draws, seed, method.replace("-", "_")


def check_json(served: Served, body: dict) -> str:
    """The `sim check --format json` document for the request."""
    from sim.report.check import check_report
    from sim.report.checktext import render_check
    return render_check(check_report(served.spec, scenario_of(served, body)), "json")


def simulate_json(served: Served, body: dict) -> str:
    """The `sim simulate --format json` document for the request."""
    from sim.assess.simulate import simulate_report
    from sim.report.simulation import render_simulation
    sc = scenario_of(served, body)
    draws, seed, method = simulation_settings(body)
    return render_simulation(simulate_report(served.spec, sc, draws, seed, method), "json")


def scenario_yaml(sc: Scenario, note: str = "") -> str:
    """The scenario as scenario YAML that `sim check -s` reads back to the same scenario."""
    import yaml
    data = sc.model_dump(exclude_none=True, exclude={"file", "sha256"})
    for name in ("shocks", "factors"):
        if not data.get(name):
            data.pop(name, None)
    head = "".join(f"# {line}\n" for line in note.splitlines())
    return head + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def report_file(served: Served, sc: Scenario, fmt: str, lang: str) -> bytes:
    """The office report of the scenario, HTML or xlsx: what `sim report SPEC -s FILE --seed SEED`
    writes for that scenario (10,000 draws, the page's seed)."""
    from sim.report.reportdata import report_data
    data = report_data(served.spec, [sc], draws=REPORT_DRAWS, seed=served.seed)
    if fmt == "xlsx":
        from sim.report.xlsx import report_workbook
        return report_workbook(data, lang)
    from sim.report.html import render_html
    return render_html(data, lang).encode("utf-8")
