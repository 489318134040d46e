"""The input schema of spec format v1 (pydantic, frozen, extra=forbid)."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field

from sim.errors import Invalid
from sim.meta import Msg
from sim.spec.targets import Frozen, Op

SLUG = r"^[a-z][a-z0-9_]*$"


PLAN_SLUG = r"^[a-z0-9][a-z0-9-]*$"


YEARS = (1949, 2100)


def _no_bool(v):
    if isinstance(v, bool):
        raise Invalid(Msg("schema.yes_no"))
    return v


MAX_MAGNITUDE = 1e15   # |x| beyond this, in the indicator's unit, is no plan's number


def _plausible(v: float) -> float:
    if abs(v) > MAX_MAGNITUDE:
        raise Invalid(Msg("schema.beyond", value=v, limit=MAX_MAGNITUDE))
    return v


def no_items() -> list:
    """A new empty list, a list field's default (a Python function: pydantic reads its signature
    from the code, where ``list``'s is parsed from text, starting the tokenizer: ~2 ms at import)."""
    return []


Num = Annotated[float, BeforeValidator(_no_bool), Field(allow_inf_nan=False), AfterValidator(_plausible)]


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
    breaks: list[BreakIn] = Field(default_factory=no_items)   # a factory: no deep copy of a default
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


class _DataListIn(Frozen):
    data: list[Annotated[str, Field(min_length=1)] | DataIn] = []


class DataIn(Frozen):
    """One file of actuals named by ``data:``: a path relative to the spec, and an .xlsx sheet."""
    path: Annotated[str, Field(min_length=1)]
    sheet: str | None = None


class SpecIn(Frozen):
    plan: PlanIn
    indicators: Annotated[list[IndicatorIn], Field(min_length=1)]
    references: dict[Annotated[str, Field(pattern=SLUG)], ReferenceIn] = {}
    relations: list[RelationIn] = []
    data: list[Annotated[str, Field(min_length=1)] | DataIn] = []
