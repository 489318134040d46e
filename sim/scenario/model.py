"""Scenario models (pydantic, frozen): distributions, assumptions, defaults, shocks, factors."""
from __future__ import annotations

from typing import Annotated, Literal, Union

import numpy as np
from pydantic import AfterValidator, Field, model_validator

from sim.errors import Invalid
from sim.meta import Msg
from sim.spec.schema import MAX_MAGNITUDE, Num, Year
from sim.spec.targets import Frozen

MAX_RATE = 10.0   # growth beyond ±1000% a year is no plan's assumption

Spread = Annotated[float, Field(ge=0, le=MAX_RATE, allow_inf_nan=False)]   # an sd or sigma of growth


class Normal(Frozen):
    """Growth ~ Normal(mean, sd); draws at or below -100% are raised to RATE_FLOOR (sim.assess.draws)."""
    dist: Literal["normal"]
    mean: Num
    sd: Spread
    per: Literal["year", "path"] = "year"


class LogNormal(Frozen):
    """The growth factor 1+g is lognormal: log(1+g) ~ Normal(mu, sigma)."""
    dist: Literal["lognormal"]
    mu: Num
    sigma: Spread
    per: Literal["year", "path"] = "year"


class Triangular(Frozen):
    dist: Literal["triangular"]
    low: Num
    mode: Num
    high: Num
    per: Literal["year", "path"] = "year"

    @model_validator(mode="after")
    def _ordered(self):
        if not (self.low <= self.mode <= self.high and self.low < self.high):
            raise Invalid(Msg("dist.triangular", low=self.low, mode=self.mode, high=self.high))
        return self


class Uniform(Frozen):
    dist: Literal["uniform"]
    low: Num
    high: Num
    per: Literal["year", "path"] = "year"

    @model_validator(mode="after")
    def _ordered(self):
        if not self.low < self.high:
            raise Invalid(Msg("dist.uniform", low=self.low, high=self.high))
        return self


class Bootstrap(Frozen):
    """Resample the indicator's own historical growth rates."""
    dist: Literal["bootstrap"]
    per: Literal["year", "path"] = "year"


Dist = Annotated[Union[Normal, LogNormal, Triangular, Uniform, Bootstrap], Field(discriminator="dist")]


PaceInput = Union[Num, Annotated[dict[Year, Num], Field(min_length=1)], Dist]   # a number, a per-year
# path (at least one year), or a distribution


def _rate(v: float) -> float:
    if not -1 < v <= MAX_RATE:
        raise Invalid(Msg("scen.rate", max=MAX_RATE))
    return v


Rate = Annotated[Num, AfterValidator(_rate)]   # a growth rate, fraction/yr


RatePace = Union[Rate, Annotated[dict[Year, Rate], Field(min_length=1)], Dist]   # a growth pace: each rate above -100% and within ±1000%


class Assumption(Frozen):
    baseline: Num | None = None
    growth: RatePace | Literal["trend", "none"] | None = None
    real_growth: RatePace | None = None
    change: PaceInput | None = None
    deflator: Num | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _bounded(self):
        """Growth rates above -1 (-100% a year would make a level zero or negative) and within
        ±MAX_RATE, for numbers, paths and the support of uniform/triangular draws; a mean within
        the same range; levels, changes and deflators within what a plan can mean."""
        for field in ("growth", "real_growth"):
            v = getattr(self, field)
            rates = (list(v.values()) if isinstance(v, dict) else [v] if isinstance(v, (int, float))
                     else [v.low, v.high] if isinstance(v, (Uniform, Triangular))
                     else [v.mean] if isinstance(v, Normal) else [])
            if any(r <= -1 for r in rates):
                raise Invalid(Msg("scen.rate_field", field=field))
        c = self.change
        steps = (list(c.values()) if isinstance(c, dict) else [c] if isinstance(c, (int, float))
                 else [c.low, c.high] if isinstance(c, (Uniform, Triangular))
                 else [c.mean, c.sd] if isinstance(c, Normal) else [])
        for what, v in [("baseline", self.baseline), *(("change", x) for x in steps)]:
            if v is not None and abs(v) > MAX_MAGNITUDE:
                raise Invalid(Msg("scen.beyond", what=what, value=v, limit=MAX_MAGNITUDE))
        if self.deflator is not None and not -1 < self.deflator <= MAX_RATE:
            raise Invalid(Msg("scen.deflator", value=self.deflator, max=MAX_RATE))
        return self


class Defaults(Frozen):
    """What applies to every indicator without an assumption of its own (to every plan of a
    portfolio): a growth or real growth that is a number or a distribution (drawn by `sim
    simulate` as an indicator's own would be), the trend, or none."""
    growth: Rate | Dist | Literal["trend", "none"] = "trend"
    real_growth: Rate | Dist | None = None
    deflator: Rate = 0.0
    trend_weights_half_life: Annotated[float, Field(gt=0)] | None = None
    exclude_years: list[Year] = []


class Shock(Frozen):
    year: Year
    indicators: list[str] | Literal["all"] = "all"
    growth: Rate          # above -1: a shock of -100% or more would wipe the level out
    probability: Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)] = 1.0
    note: str | None = None


class Factor(Frozen):
    """A shared factor F: indicator i's pace gains ``loadings[i] * F`` each year (or once per path).

    F ~ Normal(0, sd), or, with ``of``, the surprise in that indicator's own drawn pace (draw
    minus its mean), e.g. GDP growth driving trade and tourism.
    """
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")]
    sd: Spread | None = None
    of: str | None = None
    per: Literal["year", "path"] = "year"
    loadings: dict[str, Num]
    note: str | None = None

    @model_validator(mode="after")
    def _one_source(self):
        if (self.sd is None) == (self.of is None):
            raise Invalid(Msg("scen.factor_one", id=self.id))
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
            raise Invalid(Msg("corr.twice"))
        if len(self.matrix) != k or any(len(row) != k for row in self.matrix):
            raise Invalid(Msg("corr.shape", k=k))
        R = np.array(self.matrix, dtype=float)
        if not np.allclose(R, R.T) or not np.allclose(np.diag(R), 1) or np.any(np.abs(R) > 1):
            raise Invalid(Msg("corr.not_corr"))
        smallest = np.linalg.eigvalsh(R).min()
        if smallest < -1e-9:
            raise Invalid(Msg("corr.not_psd", smallest=float(smallest)))
        return self


class ScenarioMeta(Frozen):
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")]
    name: str | None = None
    description: str | Msg | None = None     # a Msg for sim's own default scenario


class Scenario(Frozen):
    scenario: ScenarioMeta
    defaults: Defaults = Defaults()
    assumptions: dict[str, Assumption] = {}
    shocks: list[Shock] = []
    factors: list[Factor] = []
    correlation: Correlation | None = None
    file: str | None = None
    sha256: str | None = None
