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


def _frozen(self, *args, **kwargs):
    raise TypeError(f"a {getattr(self, 'kind', 'result')} record is immutable: use to_dict() for a copy to change")


class Record(dict):
    """One immutable record of a result (a row, its ``explain`` block, a finding, a summary): read
    like a dict, equal to the dict of the same items, written to JSON as that dict; writing to it
    raises TypeError. Built by ``freeze`` (nested dicts and lists frozen too); ``to_dict()`` gives
    a plain, mutable deep copy."""

    __slots__ = ()

    __setitem__ = __delitem__ = __ior__ = _frozen
    clear = pop = popitem = setdefault = update = _frozen

    def __reduce__(self):   # pickle, copy and deepcopy (results sent to Dask workers and back)
        return (Record, (dict(self),))

    def to_dict(self) -> dict:
        """The record as plain dicts and lists (a deep copy)."""
        return thaw(self)


class Records(list):
    """An immutable list of a result (its rows, a row's list of assumed inputs): read like a list,
    equal to the list of the same items; writing to it raises TypeError."""

    __slots__ = ()

    __setitem__ = __delitem__ = __iadd__ = __imul__ = _frozen
    append = extend = insert = pop = remove = clear = sort = reverse = _frozen

    def __reduce__(self):
        return (Records, (list(self),))


_LEAF = frozenset({str, float, int, bool, type(None)})


def freeze(x):
    """``x`` with every dict a Record and every list a Records, all the way down (tuples stay
    tuples, their items frozen); a Record or Records is returned as it is (it is frozen through).
    Cost: one copy of each container (about 1 ms for a `sim check` result)."""
    t = type(x)
    if t is dict or (isinstance(x, dict) and not isinstance(x, Record)):
        return Record({k: v if type(v) in _LEAF else freeze(v) for k, v in x.items()})
    if t is list or (isinstance(x, list) and t is not Records):
        return Records([v if type(v) in _LEAF else freeze(v) for v in x])
    if t is tuple:
        return tuple(v if type(v) in _LEAF else freeze(v) for v in x)
    return x


def thaw(x):
    """A frozen ``x`` as plain dicts and lists (a deep copy of the containers; Msgs and numbers shared)."""
    if isinstance(x, dict):
        return {k: thaw(v) for k, v in x.items()}
    if isinstance(x, list):
        return [thaw(v) for v in x]
    if isinstance(x, tuple):
        return tuple(thaw(v) for v in x)
    return x


class Result(Record):
    """A command's result: its JSON data, read like a mapping (``r["rows"]``), ``to_dict()`` giving
    exactly the JSON contract as plain dicts and lists and ``to_frame()`` a pandas DataFrame of its
    table (pandas imported only then). Immutable through: writing to it or to any record in it
    (``r["rows"][0]["status"] = ...``) raises TypeError. ``kind``: check, project, simulate,
    compare, backtest, diff, solve, sweep or verify."""

    __slots__ = ("kind",)

    def __init__(self, data: dict, kind: str):
        super().__init__({k: v if type(v) in _LEAF else freeze(v) for k, v in data.items()})
        object.__setattr__(self, "kind", kind)

    def __reduce__(self):
        return (Result, (dict(self), self.kind))

    def to_frame(self, table: str | None = None):
        """The result's table as a DataFrame: check and backtest rows (``explain`` left out), project
        paths (one row per indicator and year, ``kind`` actual or projected), simulate rows with their
        percentiles (``table="fan"``: P10/P50/P90 by indicator and year), compare rows by scenario,
        diff, solve and verify rows."""
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
    return [_flat(row) for row in r[{"sweep": "cells", "verify": "properties"}.get(r.kind, "rows")]]


def os_reason(e: OSError):
    """Why the system refused a file (a Msg of the errno's name, the system's text as fallback)."""
    import errno

    return Msg("os.reason", errno=errno.errorcode.get(e.errno or 0, ""), text=str(e.strerror or e))


def json_reason(e: ValueError):
    """Why a text is not JSON: where the parser stopped, or that it is not UTF-8."""
    if isinstance(e, UnicodeDecodeError):
        return Msg("json.not_utf8")
    return Msg("json.bad", line=getattr(e, "lineno", 1), column=getattr(e, "colno", 1))
