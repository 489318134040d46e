"""The normalized plan: immutable models that every later layer reads."""
from __future__ import annotations

import re
from typing import Literal

from pydantic import Field

from sim.spec.targets import Frozen, Target

REAL_GROWTH_NAME = re.compile(r"生产总值|增加值|GDP")


Direction = Literal["increase", "decrease"]


PaceModel = Literal["compound", "linear"]


class Baseline(Frozen):
    year: int
    value: float
    source: str | None = None


class Break(Frozen):
    """A series break (口径变化): values before ``year`` times ``factor`` are on the new scope."""
    year: int
    note: str | None = None
    factor: float | None = None


class Observation(Frozen):
    """One actual as read, with where it came from: a row of a `data:` file or a YAML `history:` entry.

    ``measure`` level (in the indicator's unit) or growth (% a year); ``vintage`` one of VINTAGES or None
    (an unqualified value, ranked with 最终核实); ``published`` an ISO date or None."""
    indicator: str
    measure: Literal["level", "growth"] = "level"
    year: int
    value: float
    vintage: str | None = None
    published: str | None = None
    file: str
    sheet: str | None = None
    row: int | None = None
    source: str | None = None

    @property
    def where(self) -> str:
        """``file:row`` (with ``[sheet]``), the place to look the value up."""
        return f"{self.file}{f' [{self.sheet}]' if self.sheet else ''}{f':{self.row}' if self.row else ''}"


VINTAGES = ("预计", "快报", "初步核实", "最终核实")   # estimate < flash < preliminary < final


class DataFile(Frozen):
    """A file of actuals named by the spec's ``data:`` (``path`` as written, relative to the spec)."""
    path: str
    sheet: str | None = None
    line: int | None = None
    sha256: str | None = None


class Unmatched(Frozen):
    """A data row whose indicator cell names no indicator of the plan."""
    file: str
    sheet: str | None = None
    row: int
    name: str


class SourceRef(Frozen):
    line: int | None = None
    text: str | None = None


class Indicator(Frozen):
    id: str
    name: str
    unit: str = ""
    direction: Direction = "increase"
    basis: Literal["nominal", "real"] | None = None
    model: PaceModel = "compound"
    attribute: Literal["expected", "binding"] | None = None
    owner: str | None = None
    baseline: Baseline | None = None
    history: dict[int, float] = Field(default_factory=dict)
    history_sources: dict[int, str] = Field(default_factory=dict)
    growth_history: dict[int, float] = Field(default_factory=dict)
    history_refs: dict[int, Observation] = Field(default_factory=dict)     # the chosen actual of each year, where it came from
    growth_refs: dict[int, Observation] = Field(default_factory=dict)
    targets: tuple[Target, ...] = ()
    breaks: tuple[Break, ...] = ()
    reference: str | None = None
    parent: str | None = None          # for a sub-indicator of a compound cell
    source: SourceRef | None = None
    notes: str | None = None
    review: bool = False
    review_reason: str | None = None
    line: int | None = None            # where the indicator starts in the spec file

    @property
    def growth_is_real(self) -> bool:
        """GDP and value added: levels at current prices, growth (published, targeted) at
        comparable prices, so growth between levels is deflated before it meets a target."""
        return self.basis == "nominal" and bool(REAL_GROWTH_NAME.search(self.name))

    def actuals(self) -> dict[int, float]:
        """History merged with the baseline, by year (history wins where both exist)."""
        out = {self.baseline.year: self.baseline.value} if self.baseline else {}
        out.update(self.history)
        return dict(sorted(out.items()))

    def latest(self) -> tuple[int, float] | None:
        """(year, value) of the latest actual, or None."""
        a = self.actuals()
        return (max(a), a[max(a)]) if a else None


class Reference(Frozen):
    name: str
    unit: str = ""
    values: dict[int, float] = Field(default_factory=dict)
    source: str | None = None
    note: str | None = None


class Relation(Frozen):
    id: str
    expr: str
    tolerance: float | None = None
    note: str | None = None
    names: tuple[str, ...] = ()        # ids the expression uses, left-hand side first
    line: int | None = None


class Plan(Frozen):
    id: str
    title: str
    region: str | None = None
    source: str | None = None
    base_year: int
    target_year: int
    notes: str | None = None


class Spec(Frozen):
    plan: Plan
    indicators: tuple[Indicator, ...]
    references: dict[str, Reference] = Field(default_factory=dict)
    relations: tuple[Relation, ...] = ()
    file: str | None = None
    sha256: str | None = None
    data: tuple[DataFile, ...] = ()
    observations: tuple[Observation, ...] = ()   # every actual of every vintage (data files and history)
    as_of: str | None = None                      # ISO date the actuals were selected as of, if any
    unmatched: tuple[Unmatched, ...] = ()

    def indicator(self, id: str) -> Indicator:
        for ind in self.indicators:
            if ind.id == id:
                return ind
        raise KeyError(id)
