"""The status-change log between two checks (two as-of dates of one spec, or two JSON reports):
each target whose status changed, old -> new, and why. Data only, no text."""
from __future__ import annotations

from sim.errors import SimError
from sim.meta import SCHEMA_VERSION, Result

REASONS = ("new_data", "revised", "scenario", "preset", "added", "removed", "other")


def _key(r: dict) -> tuple:
    return (r.get("plan"), r["indicator"], r["target_year"], r["text"], r.get("kind"), r.get("stretch"))


def _why(o: dict, n: dict, old: dict, new: dict) -> list[str]:
    """Reasons a status changed: a new year of data, a revised value, a different scenario or preset."""
    out = []
    oy, ny = o.get("latest_year"), n.get("latest_year")
    if ny is not None and (oy is None or ny > oy):
        out.append("new_data")
    op, np_ = o["explain"].get("data_points", {}), n["explain"].get("data_points", {})
    if any(y in np_ and np_[y] != v for y, v in op.items()) or (
            oy == ny and o.get("latest_vintage") != n.get("latest_vintage")):
        out.append("revised")
    if _scenario(old) != _scenario(new):
        out.append("scenario")
    if old.get("preset") != new.get("preset"):
        out.append("preset")
    return out or ["other"]


def _scenario(report: dict):
    s = report.get("scenario") or {}
    return {k: v for k, v in s.items() if k not in ("file", "sha256")}


def check_is_report(doc, where: str) -> dict:
    """``doc`` if it is a `sim check --format json` report (schema_version 1), else a located error."""
    if not isinstance(doc, dict) or doc.get("schema_version") != 1 or not isinstance(doc.get("rows"), list) \
            or any(not isinstance(r, dict) or not {"indicator", "target_year", "text", "status"} <= set(r)
                   for r in doc["rows"]):
        raise SimError("not a `sim check --format json` report (schema_version 1 with rows)", file=where,
                       hint="write one with: sim check SPEC --format json -o FILE.json")
    for r in doc["rows"]:
        r.setdefault("explain", {})
    return doc


def diff_reports(old: dict, new: dict, old_label: str | None = None, new_label: str | None = None) -> Result:
    """Rows {indicator, name, text, target_year, old_status, new_status, reasons, old/new latest,
    latest_year and latest_vintage} for each target whose status differs (or that is only in one)."""
    before = {_key(r): r for r in old["rows"]}
    after = {_key(r): r for r in new["rows"]}
    rows = []
    for k in list(before) + [k for k in after if k not in before]:
        o, n = before.get(k), after.get(k)
        if o and n and o["status"] == n["status"]:
            continue
        r = n or o
        rows.append({"plan": r.get("plan"), "indicator": r["indicator"], "name": r.get("name"), "text": r["text"],
                     "target_year": r["target_year"], "old_status": o and o["status"],
                     "new_status": n and n["status"],
                     "reasons": (_why(o, n, old, new) if o and n else ["added" if n else "removed"]),
                     **{f"{side}_{f}": (x or {}).get(f) for side, x in (("old", o), ("new", n))
                        for f in ("latest", "latest_year", "latest_vintage")}})
    counts = {reason: sum(reason in r["reasons"] for r in rows) for reason in REASONS}
    return Result({"schema_version": SCHEMA_VERSION, "plan": new.get("plan"),
            "old": {"label": old_label, "as_of": (old.get("provenance") or {}).get("as_of"),
                    "scenario": (old.get("scenario") or {}).get("id")},
            "new": {"label": new_label, "as_of": (new.get("provenance") or {}).get("as_of"),
                    "scenario": (new.get("scenario") or {}).get("id")},
            "rows": rows, "summary": {"compared": len(set(before) | set(after)), "changed": len(rows),
                                      "by_reason": counts}}, "diff")
