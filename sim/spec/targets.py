"""The normalized target: what a phrase such as ``1200以上`` means (DESIGN.md, a contract)."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from sim.meta import Msg

Op = Literal[">=", ">", "<=", "<", "==", "~", "between"]


EPS = 1e-9  # relative slack for floating-point comparisons with a target


Kind = Literal["level", "growth", "cumulative", "reference", "masked", "none", "change"]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RelativeTo(Frozen):
    """A target stated as a change from a reference year's value.

    ``mode`` ratio: target = ref * (1 + change); points: target = ref + change (indicator unit).
    """
    year: int
    change: float
    mode: Literal["ratio", "points"] = "ratio"


class Target(Frozen):
    """One normalized target. ``value`` is in the indicator's unit (growth: percent per year).

    ``year`` is None for a target the plan gives no year (无为市 `突破一千亿`): it cannot be
    judged by a date; `sim solve` tells the year it is reached at a given pace.
    """
    year: int | None
    op: Op
    value: float | None = None
    unit: str = ""
    kind: Kind
    text: str
    tolerance: float | None = None      # for op '~', absolute, in the unit of value
    low: float | None = None            # for op 'between'
    high: float | None = None
    convention: Msg | None = None       # how the phrase was read (a Msg of sim.report.labels.conventions)
    stretch: bool = False               # a 力争 value: a second, higher target
    reference: str | None = None        # kind reference: the series compared with
    relative_to: RelativeTo | None = None
    period: Literal["year", "annual_average"] | None = None   # kind growth
    masked_kind: Literal["level", "growth", "cumulative"] | None = None

    @property
    def plain(self) -> bool:
        """Whether the phrase was read first as a plain number (``1200``, ``2万``, ``3:1``)."""
        c = self.convention
        while c is not None and c.code == "convention.and":
            c = c.args["first"]
        return c is not None and c.code == "convention.plain"

    def meets(self, x: float) -> bool | None:
        """Whether value ``x`` satisfies this target; None if the target has no number."""
        v = self.value
        if self.op == "between":
            if self.low is None:
                return None
            eps = EPS * max(1.0, abs(self.low), abs(self.high))
            return self.low - eps <= x <= self.high + eps
        if v is None:
            return None
        eps = EPS * max(1.0, abs(v))   # a projection landing on the target meets it
        if self.op == "~":
            return abs(x - v) <= (self.tolerance or 0.0) + eps
        return {">=": x >= v - eps, ">": x > v + eps, "<=": x <= v + eps, "<": x < v - eps,
                "==": abs(x - v) <= eps}[self.op]

    @property
    def assessable(self) -> bool:
        return self.kind in ("level", "growth", "cumulative") and (
            self.value is not None or self.op == "between")
