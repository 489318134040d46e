"""A plan with its actuals: the spec, the rows of its `data:` files merged with its YAML history,
and one actual per indicator-year chosen as of a date (sim.data.vintages)."""
from __future__ import annotations

import hashlib
from pathlib import Path

from sim.data import match
from sim.data.vintages import as_of_date, choose
from sim.errors import SimError, SpecErrors
from sim.meta import Msg
from sim.spec.files import note_input
from sim.spec.load import load_spec, resolve_change
from sim.spec.model import DataFile, Indicator, Observation, Spec


def load_plan(path: str | Path, as_of: str | None = None) -> Spec:
    """The spec at ``path`` with the actuals of its `data:` files (paths relative to the spec) merged
    into each indicator's history, as of the date ``as_of`` (YYYY-MM-DD; None: the latest vintage).
    pandas is imported only when the spec names data files."""
    return with_data(load_spec(path), as_of)


def with_data(spec: Spec, as_of: str | None = None) -> Spec:
    """``spec`` (as loaded from YAML) with its data files read and merged, selected as of ``as_of``."""
    date = as_of_date(as_of)
    if not spec.data:
        return select(spec, as_of) if date else spec
    from sim.data.read import raw_rows

    base = Path(spec.file).parent if spec.file and not spec.file.startswith("<") else Path(".")
    obs = match.yaml_observations(spec)
    unmatched, files, errors = [], [], []
    for d in spec.data:
        full = base / d.path
        try:
            rows, sheet = raw_rows(full, d.path, d.sheet)
        except SimError as e:
            if e.file == d.path and not e.line and d.line:
                e.msg = Msg("data.named_in", error=e.msg, file=spec.file, line=d.line)
            errors.append(e)
            continue
        note_input(full)
        found, missed, bad = match.observations(spec, rows)
        obs += found
        unmatched += missed
        errors += bad
        files.append(DataFile(path=d.path, sheet=sheet, line=d.line,
                              sha256=hashlib.sha256(full.read_bytes()).hexdigest()))
    errors += [] if errors else match.conflicts(obs)   # conflicts only between values that could be read
    if errors:
        raise SpecErrors(errors)
    spec = spec.model_copy(update={"data": tuple(files), "observations": tuple(obs),
                                   "unmatched": tuple(unmatched)})
    return select(spec, as_of)


def select(spec: Spec, as_of: str | None = None) -> Spec:
    """Each indicator's history rebuilt from ``spec.observations`` as of ``as_of``: values published
    by then, the latest vintage of each year; a baseline or reference value after the as-of year is
    not yet known."""
    date = as_of_date(as_of)
    obs = spec.observations or tuple(match.yaml_observations(spec))
    groups: dict[tuple, list[Observation]] = {}
    for o in obs:
        groups.setdefault((o.indicator, o.measure, o.year), []).append(o)
    chosen: dict[str, dict[str, dict[int, Observation]]] = {}
    for (ind, measure, year), group in groups.items():
        if date is not None and year > date.year:
            continue
        o = choose(group, date)
        if o is not None:
            chosen.setdefault(ind, {}).setdefault(measure, {})[year] = o
    inds = tuple(_rebuilt(ind, chosen.get(ind.id, {}), date) for ind in spec.indicators)
    refs = spec.references if date is None else {
        k: r.model_copy(update={"values": {y: v for y, v in r.values.items() if y <= date.year}})
        for k, r in spec.references.items()}
    return spec.model_copy(update={"indicators": inds, "observations": obs, "references": refs,
                                   "as_of": date.isoformat() if date else None})


def _rebuilt(ind: Indicator, chosen: dict[str, dict[int, Observation]], date) -> Indicator:
    level = dict(sorted(chosen.get("level", {}).items()))
    growth = dict(sorted(chosen.get("growth", {}).items()))
    baseline = ind.baseline
    if baseline is not None and date is not None and baseline.year > date.year:
        baseline = None
    history = {y: o.value for y, o in level.items()}
    targets = tuple(resolve_change(t.model_copy(update={"kind": "change"}), baseline, history)
                    if t.relative_to and t.kind in ("change", "level") else t for t in ind.targets)
    return ind.model_copy(update={
        "history": history, "growth_history": {y: o.value for y, o in growth.items()},
        "history_sources": {y: o.source for y, o in level.items() if o.source},
        "history_refs": level, "growth_refs": growth, "baseline": baseline, "targets": targets})
