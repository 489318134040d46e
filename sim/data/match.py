"""Rows of a data file matched to a plan's indicators (by id, then by name; ``<id>.growth`` or
``<name>增速`` for a growth rate) and converted into the indicator's unit."""
from __future__ import annotations

import re

from sim.data import cells
from sim.errors import SimError
from sim.meta import Msg
from sim.spec import units
from sim.spec.load import is_share
from sim.spec.model import Indicator, Observation, Spec, Unmatched
from sim.spec.phrasewords import INVISIBLE

GROWTH_SUFFIX = re.compile(r"(?:增速|增长率|增幅|增长|\.growth|growth)$", re.IGNORECASE)


def norm(name: str) -> str:
    """A name compared without spaces and invisible format marks (zero-width spaces, direction
    marks), with full-width brackets as ASCII, case-insensitive."""
    return re.sub(r"\s+", "", INVISIBLE.sub("", name)).translate(str.maketrans("（）【】：", "()[]:")).lower()


class Matcher:
    """Indicator lookup by id and by name."""

    def __init__(self, spec: Spec):
        self.ids = {i.id: i for i in spec.indicators}
        self.names: dict[str, list[Indicator]] = {}
        for i in spec.indicators:
            self.names.setdefault(norm(i.name), []).append(i)

    def _by_name(self, r: dict, name: str) -> Indicator | None:
        found = self.names.get(norm(name), [])
        if len(found) > 1:
            cells.fail(r, Msg("data.several", name=name, ids=[i.id for i in found]), Msg("data.use_id"))
        return found[0] if found else None

    def find(self, r: dict) -> tuple[Indicator, str] | None:
        """(indicator, 'level' | 'growth') named by the row, or None."""
        name = r["name"]
        if name in self.ids:
            return self.ids[name], "level"
        if ind := self._by_name(r, name):
            return ind, "level"
        stem = GROWTH_SUFFIX.sub("", name).strip()
        if stem != name and stem:
            ind = self.ids.get(stem) or self._by_name(r, stem)
            if ind:
                return ind, "growth"
        return None


def observations(spec: Spec, rows: list[dict]) -> tuple[list[Observation], list[Unmatched], list[SimError]]:
    """Observations of the matched rows (missing cells left out), the rows that match nothing, and
    the located error of every row that cannot be read (all of them, not just the first)."""
    m = Matcher(spec)
    obs: list[Observation] = []
    unmatched: dict[tuple, Unmatched] = {}
    errors: list[SimError] = []
    for r in rows:
        hit = m.find(r)
        if hit is None:
            key = (r["file"], r["sheet"], r["row"])
            unmatched.setdefault(key, Unmatched(file=r["file"], sheet=r["sheet"], row=r["row"], name=r["name"]))
            continue
        ind, measure = hit
        try:
            year = cells.year(r)
            x = cells.value(r)
            if x is None:
                continue
            x = _convert(r, ind, measure, x, year)
            obs.append(Observation(indicator=ind.id, measure=measure, year=year, value=x,
                                   vintage=cells.vintage(r), published=cells.published(r), file=r["file"],
                                   sheet=r["sheet"], row=r["row"], source=r["source"] or None))
        except SimError as e:
            errors.append(e)
    return obs, list(unmatched.values()), errors


def _convert(r: dict, ind: Indicator, measure: str, x: float, year: int) -> float:
    unit = r["unit"].strip()
    if measure == "growth":
        if unit not in ("", "%"):
            cells.fail(r, Msg("data.growth_unit", unit=unit), Msg("data.growth_unit_hint"), ind.id)
        return x
    f = units.factor(unit, ind.unit)
    if f is None:
        cells.fail(r, Msg("data.unit", year=year, unit=unit, target=ind.unit), Msg("data.unit_hint"), ind.id)
    x *= f
    if is_share(ind.name, ind.unit) and not 0 <= x <= 100:
        cells.fail(r, Msg("data.share", year=year, value=x), Msg("data.share_hint"), ind.id)
    if ind.model == "compound" and x <= 0:
        cells.fail(r, Msg("data.positive", year=year, value=x), Msg("data.positive_hint"), ind.id)
    return x


def yaml_observations(spec: Spec) -> list[Observation]:
    """The spec's own `history:` and `growth_history:` as observations (located at the indicator)."""
    out = []
    for ind in spec.indicators:
        for measure, series in (("level", ind.history), ("growth", ind.growth_history)):
            for y, v in series.items():
                src = ind.history_sources.get(y) if measure == "level" else None
                out.append(Observation(indicator=ind.id, measure=measure, year=y, value=v,
                                       file=spec.file or "<spec>", row=ind.line, source=src))
    return out


def conflicts(obs: list[Observation]) -> list[SimError]:
    """The same indicator-year and vintage given twice with different values (naming both places)."""
    seen: dict[tuple, Observation] = {}
    errors = []
    for o in obs:
        key = (o.indicator, o.measure, o.year, o.vintage or "最终核实")
        first = seen.setdefault(key, o)
        if first is not o and not _same(first.value, o.value):
            errors.append(SimError(
                Msg("data.differs", year=o.year, growth=o.measure == "growth", value=o.value, first=first.value,
                    where=first.where),
                file=o.file, line=o.row, indicator=o.indicator,
                field=f"sheet '{o.sheet}'" if o.sheet else None,
                hint=Msg("data.differs_hint")))
    return errors


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
