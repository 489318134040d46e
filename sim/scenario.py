"""Scenarios (DESIGN.md "Scenario format v1"): assumptions applied to a plan, deterministic part.

For every indicator the scenario gives a start (the latest actual, or an assumed baseline) and a
per-year pace for the years after it: a growth rate (multiplicative) or a change in units per
year (additive). Where it comes from is recorded in ``pace_source``, and every value that came
from an assumption rather than from the plan or data is listed in ``assumed``.

Per-year paths: the value for a year applies from that year on (the last value carries on; years
before the first key take the first value). A distribution stands in for its mean here; its
draws belong to simulation. Shocks add to the growth of their year (for additive paces, the
shock times the start value).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal, Union

import numpy as np
from pydantic import Field, ValidationError, model_validator

from sim import growth
from sim.errors import SimError, SpecErrors
from sim.model import Indicator, Spec
from sim.spec import Num, Year, _shape_errors
from sim.targets import Frozen
from sim.yamlload import Located, load, loads

GROWTH_HISTORY_YEARS = 3     # published growth rates averaged when there is no level trend
WEAK_POINTS = 4              # fewer trend points than this is weak evidence (METHODS.md)


class Normal(Frozen):
    dist: Literal["normal"]
    mean: Num
    sd: Annotated[float, Field(ge=0)]
    per: Literal["year", "path"] = "year"


class LogNormal(Frozen):
    """The growth factor 1+g is lognormal: log(1+g) ~ Normal(mu, sigma)."""
    dist: Literal["lognormal"]
    mu: Num
    sigma: Annotated[float, Field(ge=0)]
    per: Literal["year", "path"] = "year"


class Triangular(Frozen):
    dist: Literal["triangular"]
    low: Num
    mode: Num
    high: Num
    per: Literal["year", "path"] = "year"


class Uniform(Frozen):
    dist: Literal["uniform"]
    low: Num
    high: Num
    per: Literal["year", "path"] = "year"


class Bootstrap(Frozen):
    """Resample the indicator's own historical growth rates."""
    dist: Literal["bootstrap"]
    per: Literal["year", "path"] = "year"


Dist = Annotated[Union[Normal, LogNormal, Triangular, Uniform, Bootstrap], Field(discriminator="dist")]
PaceInput = Union[Num, dict[Year, Num], Dist]   # a number, a per-year path, or a distribution


class Assumption(Frozen):
    baseline: Num | None = None
    growth: PaceInput | Literal["trend", "none"] | None = None
    real_growth: PaceInput | None = None
    change: PaceInput | None = None
    deflator: Num | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _rates_above_minus_one(self):
        """A growth rate of -100% or less would make a level zero or negative."""
        for field in ("growth", "real_growth"):
            v = getattr(self, field)
            rates = v.values() if isinstance(v, dict) else [v] if isinstance(v, (int, float)) else []
            if any(r <= -1 for r in rates):
                raise ValueError(f"{field}: a growth rate must be above -1 (-100% a year); rates are "
                                 "fractions, e.g. 0.07 for 7%")
        return self


class Defaults(Frozen):
    growth: Num | Literal["trend", "none"] = "trend"
    real_growth: Num | None = None
    deflator: Num = 0.0
    trend_weights_half_life: Annotated[float, Field(gt=0)] | None = None
    exclude_years: list[Year] = []


class Shock(Frozen):
    year: Year
    indicators: list[str] | Literal["all"] = "all"
    growth: Num
    probability: Annotated[float, Field(ge=0, le=1)] = 1.0
    note: str | None = None


class Factor(Frozen):
    """A shared factor F: indicator i's pace gains ``loadings[i] * F`` each year (or once per path).

    F ~ Normal(0, sd), or, with ``of``, the surprise in that indicator's own drawn pace (draw
    minus its mean), e.g. GDP growth driving trade and tourism.
    """
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")]
    sd: Annotated[float, Field(ge=0)] | None = None
    of: str | None = None
    per: Literal["year", "path"] = "year"
    loadings: dict[str, Num]
    note: str | None = None

    @model_validator(mode="after")
    def _one_source(self):
        if (self.sd is None) == (self.of is None):
            raise ValueError(f"factor '{self.id}' needs exactly one of `sd` (its own normal draws) or "
                             "`of` (an indicator whose growth surprise it is)")
        return self


class Correlation(Frozen):
    """Correlated draws of the listed indicators' paces (a Gaussian copula with this matrix)."""
    indicators: list[str]
    matrix: list[list[Num]]
    note: str | None = None

    @model_validator(mode="after")
    def _is_correlation(self):
        """Square, one row per indicator, symmetric, unit diagonal, entries in [-1, 1], PSD."""
        k = len(self.indicators)
        if len(set(self.indicators)) != k:
            raise ValueError("an indicator is listed twice in `indicators`")
        if len(self.matrix) != k or any(len(row) != k for row in self.matrix):
            raise ValueError(f"the matrix must be {k} x {k}, one row and column per listed indicator")
        R = np.array(self.matrix, dtype=float)
        if not np.allclose(R, R.T) or not np.allclose(np.diag(R), 1) or np.any(np.abs(R) > 1):
            raise ValueError("not a correlation matrix: symmetric, 1 on the diagonal, entries in [-1, 1]")
        smallest = np.linalg.eigvalsh(R).min()
        if smallest < -1e-9:
            raise ValueError(f"not positive semi-definite (smallest eigenvalue {smallest:.3g}): the "
                             "correlations contradict each other; lower some of them")
        return self


class ScenarioMeta(Frozen):
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")]
    name: str | None = None
    description: str | None = None


class Scenario(Frozen):
    scenario: ScenarioMeta
    defaults: Defaults = Defaults()
    assumptions: dict[str, Assumption] = {}
    shocks: list[Shock] = []
    factors: list[Factor] = []
    correlation: Correlation | None = None
    file: str | None = None
    sha256: str | None = None


def load_scenario(path: str | Path, spec: Spec | None = None) -> Scenario:
    """Read a scenario file; with ``spec``, indicator ids are checked against the plan."""
    import hashlib
    loc = load(path)
    sc = _build(loc)
    sc = sc.model_copy(update={"sha256": hashlib.sha256(Path(path).read_bytes()).hexdigest()})
    if spec is not None:
        check_ids(sc, spec, loc)
    return sc


def loads_scenario(text: str, file: str = "<string>", spec: Spec | None = None) -> Scenario:
    loc = loads(text, file)
    sc = _build(loc)
    if spec is not None:
        check_ids(sc, spec, loc)
    return sc


def _build(loc: Located) -> Scenario:
    if not isinstance(loc.data, dict):
        raise SpecErrors([SimError("a scenario is a mapping with `scenario:`", file=loc.file, line=1)])
    try:
        return Scenario.model_validate(loc.data | {"file": loc.file})
    except ValidationError as e:
        raise SpecErrors(_shape_errors(e, loc)) from None


def check_ids(sc: Scenario, spec: Spec, loc: Located | None = None):
    """Assumptions name indicators of the plan, and an assumed baseline obeys the spec's rules."""
    known = {i.id: i for i in spec.indicators}
    errors = []
    for ident, a in sc.assumptions.items():
        ind = known.get(ident)
        if ind is not None and a.baseline is not None and ind.model == "compound" and a.baseline <= 0:
            errors.append(SimError(f"assumed baseline {a.baseline:g} is not positive, but '{ident}' "
                                   "grows on a compound model", file=sc.file, indicator=ident,
                                   line=loc.line(("assumptions", ident, "baseline")) if loc else None,
                                   field=f"assumptions.{ident}.baseline",
                                   hint="assume a positive baseline, or set `model: linear` in the spec"))
        if ident not in known:
            errors.append(SimError(f"'{ident}' is not an indicator of plan {spec.plan.id}",
                                   file=sc.file, line=loc.line(("assumptions", ident)) if loc else None,
                                   field=f"assumptions.{ident}",
                                   hint="known ids: " + ", ".join(sorted(known))))
    for k, sh in enumerate(sc.shocks):
        for ident in (sh.indicators if sh.indicators != "all" else []):
            if ident not in known:
                errors.append(SimError(f"'{ident}' is not an indicator of plan {spec.plan.id}",
                                       file=sc.file, line=loc.line(("shocks", k)) if loc else None,
                                       field=f"shocks.{k}.indicators"))
    for k, f in enumerate(sc.factors):
        for ident in list(f.loadings) + ([f.of] if f.of else []):
            if ident not in known:
                errors.append(SimError(f"'{ident}' is not an indicator of plan {spec.plan.id}",
                                       file=sc.file, line=loc.line(("factors", k)) if loc else None,
                                       field=f"factors.{k}"))
    for ident in sc.correlation.indicators if sc.correlation else []:
        if ident not in known:
            errors.append(SimError(f"'{ident}' is not an indicator of plan {spec.plan.id}",
                                   file=sc.file, line=loc.line(("correlation",)) if loc else None,
                                   field="correlation.indicators"))
    if errors:
        raise SpecErrors(errors)


ASSUME_FIELDS = {"growth", "real_growth", "change", "baseline", "deflator"}


def apply_assume(sc: Scenario, items: list[str], spec: Spec) -> Scenario:
    """``--assume ID.FIELD=VALUE`` overrides (``defaults.deflator=0.02`` for the defaults)."""
    assumptions = dict(sc.assumptions)
    defaults = sc.defaults.model_dump()
    known = {i.id for i in spec.indicators}
    for item in items:
        m = re.fullmatch(r"([^=]+)\.(\w+)=(.+)", item.strip())
        if not m:
            raise SimError(f"cannot read --assume '{item}'", field="--assume",
                           hint="write ID.FIELD=VALUE, e.g. gdp.growth=0.07 or defaults.deflator=0.02")
        ident, field, raw = m.groups()
        value = _assume_value(raw, item)
        if ident == "defaults":
            if field not in Defaults.model_fields:
                raise SimError(f"unknown default '{field}' in --assume '{item}'", field="--assume",
                               hint="defaults: " + ", ".join(Defaults.model_fields))
            defaults[field] = value
            continue
        if ident not in known:
            raise SimError(f"'{ident}' in --assume '{item}' is not an indicator of plan {spec.plan.id}",
                           field="--assume", hint="known ids: " + ", ".join(sorted(known)))
        if field not in ASSUME_FIELDS:
            raise SimError(f"unknown field '{field}' in --assume '{item}'", field="--assume",
                           hint="fields: " + ", ".join(sorted(ASSUME_FIELDS)))
        base = assumptions.get(ident, Assumption()).model_dump()
        base[field] = value
        base["note"] = ((base.get("note") or "") + f" --assume {item}").strip()
        assumptions[ident] = base
    try:
        out = Scenario.model_validate(sc.model_dump() | {"assumptions": assumptions,
                                                         "defaults": defaults})
    except ValidationError as e:
        raise SimError(f"--assume gives an invalid value: {e.errors()[0]['msg']}",
                       field="--assume") from None
    try:
        check_ids(out, spec)
    except SpecErrors as e:
        raise SimError("; ".join(x.message for x in e.errors), field="--assume",
                       hint=e.errors[0].hint) from None
    return out


def _assume_value(raw: str, item: str):
    if raw in ("trend", "none"):
        return raw
    try:
        return float(raw.rstrip("%")) / (100 if raw.endswith("%") else 1)
    except ValueError:
        raise SimError(f"'{raw}' in --assume '{item}' is not a number", field="--assume",
                       hint="e.g. 0.07 or 7%") from None


def scenario_dict(sc: Scenario) -> dict:
    """The scenario as plain data for reports: id, name, description, defaults, assumptions, shocks."""
    return {"id": sc.scenario.id, "name": sc.scenario.name, "description": sc.scenario.description,
            "defaults": sc.defaults.model_dump(mode="json"),
            "assumptions": {k: a.model_dump(mode="json", exclude_none=True)
                            for k, a in sc.assumptions.items()},
            "shocks": [s.model_dump(mode="json") for s in sc.shocks]}


def default_scenario() -> Scenario:
    return Scenario(scenario=ScenarioMeta(id="trend", name="趋势外推",
                                          description="No scenario file: recent trend where history "
                                                      "allows, otherwise not assessable."))


# ---- applying a scenario to one indicator ----------------------------------------------------

class Start(Frozen):
    year: int
    value: float
    assumed: bool = False


class Pace(Frozen):
    """The pace of one indicator for the years ``years``: rates (compound) or increments."""
    mode: Literal["rate", "increment"]
    years: tuple[int, ...]
    values: tuple[float, ...]          # per year, after deflator and shocks
    source: str                        # e.g. "assumption: real_growth 6.0% + deflator 1.5%"
    assumed: bool                      # came from the scenario rather than data
    points: int | None = None          # trend: data points used
    weak: bool = False                 # trend on fewer than WEAK_POINTS points
    fitted_years: tuple[int, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def mean(self) -> float:
        return float(np.mean(self.values)) if self.values else float("nan")


def start_of(ind: Indicator, sc: Scenario, base_year: int) -> Start | None:
    """The latest actual, or the scenario's assumed baseline (at ``base_year``) when there is none."""
    a = sc.assumptions.get(ind.id)
    latest = ind.latest()
    if latest:
        return Start(year=latest[0], value=latest[1])
    if a and a.baseline is not None:
        return Start(year=base_year, value=a.baseline, assumed=True)
    return None


def linked_history(ind: Indicator) -> tuple[dict[int, float], list[str]]:
    """Actuals on one scope: values before a break times its factor; without a factor only the
    points from the latest unlinked break on are kept."""
    pts = ind.actuals()
    notes = []
    for br in sorted(ind.breaks, key=lambda b: b.year):
        if br.factor is not None:
            pts = {y: (v * br.factor if y < br.year else v) for y, v in pts.items()}
            notes.append(f"series break {br.year} linked by factor {br.factor:g}")
        else:
            dropped = [y for y in pts if y < br.year]
            pts = {y: v for y, v in pts.items() if y >= br.year}
            if dropped:
                notes.append(f"series break {br.year} ({br.note or '口径变化'}) without a link "
                             f"factor: years {', '.join(map(str, dropped))} not used")
    return pts, notes


def deflator_of(sc: Scenario, ind: Indicator) -> float:
    """The GDP deflator for an indicator: its own assumption's, else the scenario default."""
    a = sc.assumptions.get(ind.id)
    return a.deflator if a is not None and a.deflator is not None else sc.defaults.deflator


def pace_of(ind: Indicator, sc: Scenario, start: Start, until: int) -> Pace | None:
    """The pace for years start.year+1 .. until, or None (with no assumption and no trend)."""
    years = tuple(range(start.year + 1, until + 1))
    a = sc.assumptions.get(ind.id) or Assumption()
    d = sc.defaults
    deflator = deflator_of(sc, ind)
    nominal = ind.basis == "nominal"
    pace = None
    field, dist = pace_dist(ind, sc)
    pool = bootstrap_pool(ind, sc, field) if isinstance(dist, Bootstrap) else None
    if a.change is not None:
        pace = _path(a.change, years, "increment", f"assumption: change {_show(a.change, pool)} units/yr",
                     pool)
    elif a.real_growth is not None:
        pace = _real(_path(a.real_growth, years, "rate", "assumption: real_growth", pool), deflator, nominal)
    elif isinstance(a.growth, str) and a.growth == "none":
        return None
    elif a.growth is not None and a.growth != "trend":
        pace = _path(a.growth, years, "rate", f"assumption: growth {_show(a.growth, pool)}", pool)
    if pace is None:
        if a.growth != "trend" and d.real_growth is not None and a.growth is None:
            pace = _real(_path(d.real_growth, years, "rate", "default: real_growth"), deflator, nominal)
        elif a.growth != "trend" and d.growth not in ("trend", "none"):
            pace = _path(d.growth, years, "rate", f"default: growth {d.growth:.1%}")
        elif a.growth == "trend" or d.growth == "trend":
            pace = _trend(ind, years, d, deflator)
    if pace is None:
        return None
    return _shocked(pace, ind, sc, start)


def pace_dist(ind: Indicator, sc: Scenario) -> tuple[str | None, Dist | None]:
    """The assumption field that sets the indicator's pace ('change', 'real_growth', 'growth' or
    None for defaults and trend) and its distribution (None for a number or a per-year path),
    with the precedence of ``pace_of``."""
    a = sc.assumptions.get(ind.id)
    if a is None:
        return None, None
    for field in ("change", "real_growth", "growth"):
        p = getattr(a, field)
        if p is not None and not isinstance(p, str):
            return field, (p if not isinstance(p, (int, float, dict)) else None)
        if p is not None:
            return None, None
    return None, None


def historical_paces(ind: Indicator, field: str | None) -> np.ndarray:
    """The indicator's own yearly paces, the pool a bootstrap draws from.

    change: level differences per year between consecutive actuals (units/yr). growth: level
    ratios annualized over each gap, else published growth rates (fraction); real_growth:
    published growth rates first. Series breaks are linked as in ``linked_history``.
    """
    pts, _ = linked_history(ind)
    ys = sorted(pts)
    pairs = list(zip(ys[:-1], ys[1:]))
    if field == "change":
        return np.array([(pts[b] - pts[a]) / (b - a) for a, b in pairs])
    levels = np.array([(pts[b] / pts[a]) ** (1 / (b - a)) - 1 for a, b in pairs
                       if pts[a] > 0 and pts[b] > 0])
    published = np.array([v / 100 for _, v in sorted(ind.growth_history.items())])
    first, second = (published, levels) if field == "real_growth" else (levels, published)
    return first if first.size else second


def bootstrap_pool(ind: Indicator, sc: Scenario, field: str) -> np.ndarray:
    """``historical_paces``, or a located error when there are fewer than 2 to draw from."""
    pool = historical_paces(ind, field)
    if pool.size < 2:
        raise SimError(f"a bootstrap needs at least 2 historical paces; the indicator has {pool.size}",
                       file=sc.file, indicator=ind.id, field=f"assumptions.{ind.id}.{field}",
                       hint="add actuals to `history` (or published rates to `growth_history`), "
                            "or assume another distribution")
    return pool


def _show(p, pool=None) -> str:
    if isinstance(p, (int, float)):
        return f"{p:.4g}"
    if isinstance(p, dict):
        return "path " + ", ".join(f"{y}: {v:.4g}" for y, v in sorted(p.items()))
    return f"{p.dist} distribution (mean {dist_mean(p, pool):.4g})"


def dist_mean(p, pool=None) -> float:
    """Mean growth of a distribution (a lognormal factor: exp(mu + sigma^2/2) - 1; a bootstrap:
    the mean of ``pool``, the indicator's historical paces)."""
    if isinstance(p, Normal):
        return p.mean
    if isinstance(p, LogNormal):
        return float(np.exp(p.mu + p.sigma ** 2 / 2) - 1)
    if isinstance(p, Triangular):
        return (p.low + p.mode + p.high) / 3
    if isinstance(p, Uniform):
        return (p.low + p.high) / 2
    if pool is None:
        raise ValueError("a bootstrap's mean needs its pool")
    return float(np.mean(pool))


def _path(p, years, mode, source, pool=None) -> Pace:
    if isinstance(p, (int, float)):
        vals = [float(p)] * len(years)
    elif isinstance(p, dict):
        keys = sorted(p)
        vals = [float(p[max([k for k in keys if k <= y], default=keys[0])]) for y in years]
    else:
        return Pace(mode=mode, years=years, values=(dist_mean(p, pool),) * len(years),
                    source=source + f" ({_show(p, pool)}: mean used; draws in `sim simulate`)",
                    assumed=True)
    return Pace(mode=mode, years=years, values=tuple(vals), source=source, assumed=True)


def _real(p: Pace, deflator: float, nominal: bool) -> Pace:
    if not nominal or not deflator:
        return p
    vals = tuple(float(v) for v in growth.nominal_from_real(np.array(p.values), deflator))
    return p.model_copy(update={"values": vals,
                                "source": p.source + f" + deflator {deflator:.1%} (nominal basis)"})


def _trend(ind: Indicator, years, d: Defaults, deflator: float) -> Pace | None:
    pts, notes = linked_history(ind)
    pts = {y: v for y, v in pts.items() if y not in d.exclude_years}
    if len(pts) >= 2:
        ys = np.array(sorted(pts), dtype=float)
        vs = np.array([pts[int(y)] for y in ys])
        w = growth.recency_weights(ys, d.trend_weights_half_life) if d.trend_weights_half_life else None
        model = ind.model
        if model == "compound" and np.any(vs <= 0):
            model = "linear"
            notes.append("values not all positive: linear trend instead of compound")
        rate, _, n = growth.trend(ys, vs, model, w)
        if np.isfinite(rate):
            kind = "log-linear OLS (compound)" if model == "compound" else "linear OLS"
            return Pace(mode="rate" if model == "compound" else "increment", years=years,
                        values=(float(rate),) * len(years),
                        source=f"trend: {kind} over {n} points {int(ys[0])}-{int(ys[-1])}"
                               + (", recency-weighted" if w is not None else ""),
                        assumed=False, points=n, weak=n < WEAK_POINTS,
                        fitted_years=tuple(int(y) for y in ys), notes=tuple(notes))
    gh = {y: v for y, v in ind.growth_history.items() if y not in d.exclude_years}
    if gh:
        recent = sorted(gh)[-GROWTH_HISTORY_YEARS:]
        mean = float(np.mean([gh[y] for y in recent])) / 100
        real = ind.growth_is_real
        rate = float(growth.nominal_from_real(mean, deflator)) if real else mean
        src = (f"trend: mean of published growth {recent[0]}-{recent[-1]} ({len(recent)} yrs, "
               f"{mean:.1%}" + (f" real + deflator {deflator:.1%}" if real and deflator else "") + ")")
        return Pace(mode="rate", years=years, values=(rate,) * len(years), source=src,
                    assumed=real and bool(deflator), points=len(recent), weak=True,
                    fitted_years=tuple(recent), notes=tuple(notes))
    return None


def _shocked(p: Pace, ind: Indicator, sc: Scenario, start: Start) -> Pace:
    vals = list(p.values)
    notes = list(p.notes)
    for sh in sc.shocks:
        if (sh.indicators == "all" or ind.id in sh.indicators) and sh.year in p.years:
            k = p.years.index(sh.year)
            size = sh.growth * sh.probability
            vals[k] += size if p.mode == "rate" else size * start.value
            notes.append(f"shock {sh.year}: growth {size:+.1%}"
                         + (f" (expected: {sh.growth:+.1%} x p={sh.probability:g})"
                            if sh.probability < 1 else ""))
    if vals == list(p.values):
        return p
    return p.model_copy(update={"values": tuple(vals), "notes": tuple(notes), "assumed": True})


def project_values(start: Start, pace: Pace) -> dict[int, float]:
    """Projected value by year from ``start`` along ``pace``."""
    if not pace.years:
        return {}
    model = "compound" if pace.mode == "rate" else "linear"
    vals = growth.project(np.array([start.value]), np.array([pace.values]), model)[0]
    return {y: float(v) for y, v in zip(pace.years, vals)}
