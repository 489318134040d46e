"""The envelope of every JSON result: schema version, provenance, and JSON without NaN."""
from __future__ import annotations

import datetime as _dt
import json
import math

SCHEMA_VERSION = 1


def provenance(spec, sc=None, seed: int | None = None) -> dict:
    """What a result was computed from, so it can be re-run exactly: sim version, the spec and
    scenario (if any) files with their sha256, the spec's data files (path relative to the spec,
    sheet, sha256), the as-of date of the actuals, the seed and the time."""
    from importlib.metadata import PackageNotFoundError, version
    try:
        v = version("sim")
    except PackageNotFoundError:
        v = "unknown"
    return {"sim_version": v, "spec": spec.file, "spec_sha256": spec.sha256,
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
    return json.dumps(clean(data), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
