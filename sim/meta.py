"""The envelope of every JSON result: schema version, provenance, and JSON without NaN."""
from __future__ import annotations

import datetime as _dt
import functools
import json
import math

SCHEMA_VERSION = 1


@functools.lru_cache(maxsize=1)
def sim_version() -> str:
    """The installed sim's version (looked up once: the lookup reads package metadata from disk)."""
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version("sim")
    except PackageNotFoundError:
        return "unknown"


def provenance(spec, sc=None, seed: int | None = None) -> dict:
    """What a result was computed from, so it can be re-run exactly: sim version, the spec and
    scenario (if any) files with their sha256, the spec's data files (path relative to the spec,
    sheet, sha256), the as-of date of the actuals, the seed and the time."""
    return {"sim_version": sim_version(), "spec": spec.file, "spec_sha256": spec.sha256,
            "scenario": sc.file if sc else None, "scenario_sha256": sc.sha256 if sc else None, "seed": seed,
            "data": [{"path": d.path, "sheet": d.sheet, "sha256": d.sha256} for d in getattr(spec, "data", ())],
            "as_of": getattr(spec, "as_of", None),
            "time": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")}


def clean(x):
    """Replace NaN/inf by None all the way down (JSON has no NaN)."""
    if isinstance(x, float):
        return x if math.isfinite(x) else None
    if isinstance(x, dict):
        return {k: clean(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [clean(v) for v in x]
    return x


def to_json(data: dict) -> str:
    """JSON of ``data``; a Msg left in it is an error (render it with sim.report.labels first)."""
    return json.dumps(clean(data), ensure_ascii=False, indent=2, allow_nan=False) + "\n"


class Msg:
    """A sentence as data: a code of ``sim.report.labels`` and its arguments (numbers, ids, nested
    Msgs). Analysis records Msgs; the report layer writes them in a language (English in JSON)."""
    __slots__ = ("code", "args")

    def __init__(self, code: str, **args):
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "args", args)

    def __setattr__(self, name, value):
        raise AttributeError("Msg is immutable")

    def __eq__(self, other):
        return isinstance(other, Msg) and (self.code, self.args) == (other.code, other.args)

    def __hash__(self):
        return hash((self.code, repr(sorted(self.args.items()))))

    def __repr__(self):
        return f"Msg({self.code!r}, {self.args!r})"

    def __reduce__(self):   # pickle and deepcopy (results sent to Dask workers and back)
        return _msg, (self.code, self.args)

    @classmethod
    def __get_pydantic_core_schema__(cls, source, handler):
        from pydantic_core import core_schema
        return core_schema.is_instance_schema(cls)


def _msg(code: str, args: dict) -> Msg:
    return Msg(code, **args)


class Result(dict):
    """A command's result: its JSON data, read like a mapping (``r["rows"]``), ``to_dict()`` giving
    exactly the JSON contract and ``to_frame()`` a pandas DataFrame of its table (pandas imported
    only then). Immutable: writing to it raises TypeError. ``kind``: check, project, simulate,
    compare, backtest or diff."""

    __slots__ = ("kind",)

    def __init__(self, data: dict, kind: str):
        super().__init__(data)
        object.__setattr__(self, "kind", kind)

    def _frozen(self, *args, **kwargs):
        raise TypeError(f"a {self.kind} result is immutable: use to_dict() for a copy to change")

    __setitem__ = __delitem__ = __ior__ = _frozen
    clear = pop = popitem = setdefault = update = _frozen

    def __reduce__(self):
        return (Result, (dict(self), self.kind))

    def to_dict(self) -> dict:
        """The JSON contract as a plain dict (a shallow copy)."""
        return dict(self)

    def to_frame(self, table: str | None = None):
        """The result's table as a DataFrame: check and backtest rows (``explain`` left out), project
        paths (one row per indicator and year, ``kind`` actual or projected), simulate rows with their
        percentiles (``table="fan"``: P10/P50/P90 by indicator and year), compare rows by scenario,
        diff rows."""
        import pandas as pd
        return pd.DataFrame(_frame_rows(self, table))


def _flat(row: dict) -> dict:
    return {k: (";".join(map(str, v)) if isinstance(v, list) else v) for k, v in row.items()
            if k not in ("explain", "scenarios") and not isinstance(v, dict)}


def _frame_rows(r: Result, table: str | None) -> list[dict]:
    if r.kind == "project":
        return [{"indicator": i["indicator"], "name": i["name"], "unit": i["unit"], "year": int(y), "value": v,
                 "kind": kind, "assumed": i["assumed"] and kind == "projected"}
                for i in r["indicators"] for kind, series in (("actual", i["actuals"]), ("projected", i["path"]))
                for y, v in series.items()]
    if r.kind == "simulate" and table == "fan":
        return [{"indicator": ind, "year": int(y), **p} for ind, years in r["fan"].items() for y, p in years.items()]
    if r.kind == "compare":
        return [_flat(row) | {"scenario": sid} | s for row in r["rows"] for sid, s in row["scenarios"].items()]
    return [_flat(row) for row in r["rows"]]
