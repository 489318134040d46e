"""Scenario models (pydantic, frozen): distributions, assumptions, defaults, shocks, factors."""
from __future__ import annotations

from typing import Annotated, Literal, Union

import numpy as np
from pydantic import Field, model_validator

from sim.meta import Msg
from sim.spec.schema import Num, Year
from sim.spec.targets import Frozen


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
    """What applies to every indicator without an assumption of its own (to every plan of a
    portfolio): a growth or real growth that is a number or a distribution (drawn by `sim
    simulate` as an indicator's own would be), the trend, or none."""
    growth: Num | Dist | Literal["trend", "none"] = "trend"
    real_growth: Num | Dist | None = None
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
