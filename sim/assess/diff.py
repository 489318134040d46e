"""The status-change log between two checks (two as-of dates of one spec, or two JSON reports):
each target whose status changed, old -> new, and why. Data only, no text."""
from __future__ import annotations

from sim.assess.statuses import Status
from sim.errors import SimError
from sim.meta import SCHEMA_VERSION, Msg, Result

REASONS = ("new_data", "revised", "scenario", "preset", "added", "removed", "other")


STATUS_CODES = {str(x) for x in Status}

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


def _bad_row(k: int, r) -> Msg | None:
    """What is wrong with row ``k`` of a check report, or None."""
    if not isinstance(r, dict) or not {"indicator", "target_year", "text", "status"} <= set(r):
        return Msg("report.row_lacks", n=k + 1)
    if not isinstance(r["indicator"], str) or not isinstance(r["text"], (str, int, float)):
        return Msg("report.row_text", n=k + 1)
    if r["target_year"] is not None and (isinstance(r["target_year"], bool) or not isinstance(r["target_year"], int)):
        return Msg("report.row_year", n=k + 1, value=repr(r["target_year"]))
    if not isinstance(r["status"], str) or r["status"] not in STATUS_CODES:
        return Msg("report.row_status", n=k + 1, value=repr(r["status"]))
    return None


def check_is_report(doc, where: str) -> dict:
    """``doc`` if it is one plan's `sim check --format json` report (schema_version 1: a plan, rows
    with a known status, consistency; not a simulate or backtest document) or a check
    portfolio (``sim check DIR --format json``: portfolio, plans, rows each with its plan,
    consistency), else a located error."""
    portfolio = isinstance(doc, dict) and isinstance(doc.get("portfolio"), dict)
    if not isinstance(doc, dict) or doc.get("schema_version") != 1 or not isinstance(doc.get("rows"), list) \
            or not isinstance(doc.get("plans" if portfolio else "plan"), (list if portfolio else dict)) \
            or "consistency" not in doc:
        raise SimError(Msg("report.not_check"), file=where, hint=Msg("report.write_one"))
    problems = [p for k, r in enumerate(doc["rows"]) if (p := _bad_row(k, r))]
    if not problems and portfolio:
        problems = [Msg("report.plan_no_id", n=k + 1) for k, p in enumerate(doc["plans"])
                    if not isinstance(p, dict) or not isinstance(p.get("id"), str)]
        problems += [Msg("report.row_no_plan", n=k + 1) for k, r in enumerate(doc["rows"])
                     if not isinstance(r.get("plan"), str)]
    if problems:
        raise SimError(Msg("report.bad", problem=problems[0]), file=where, hint=Msg("report.unedited"))
    keys = [_key(r) for r in doc["rows"]]
    if len(set(keys)) != len(keys):
        raise SimError(Msg("report.twice"), file=where, hint=Msg("report.unedited"))
    for r in doc["rows"]:
        r.setdefault("explain", {})
    return doc


def same_plan(old: dict, new: dict, old_where: str, new_where: str) -> None:
    """A located error unless both reports are of the same plan id, or both are portfolios (whose
    rows pair by plan and target: a plan in one only is added or removed)."""
    if ("portfolio" in old) != ("portfolio" in new):
        where = new_where if "portfolio" in new else old_where
        raise SimError(Msg("report.mixed"), file=where, hint=Msg("report.mixed_hint"))
    if "portfolio" in old:
        return
    a, b = old["plan"].get("id"), new["plan"].get("id")
    if a != b:
        raise SimError(Msg("report.two_plans", a=a, old=old_where, b=b, new=new_where), hint=Msg("report.two_plans_hint"))


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
    plans = list(dict.fromkeys(x["id"] for doc in (old, new) for x in doc["plans"])) if "portfolio" in new else None
    summary = diff_summary(rows, len(set(before) | set(after)), plans)
    return Result({"schema_version": SCHEMA_VERSION, "plan": new.get("plan"),
            "old": {"label": old_label, "as_of": (old.get("provenance") or {}).get("as_of"),
                    "scenario": (old.get("scenario") or {}).get("id")},
            "new": {"label": new_label, "as_of": (new.get("provenance") or {}).get("as_of"),
                    "scenario": (new.get("scenario") or {}).get("id")},
            "rows": rows, "summary": summary}, "diff")


def diff_summary(rows: list[dict], compared: int, plans: list[str] | None = None) -> dict:
    """{compared, changed, by_reason} of the changed ``rows``; with ``plans`` also by_plan (changed
    targets of every plan)."""
    out = {"compared": compared, "changed": len(rows),
           "by_reason": {reason: sum(reason in r["reasons"] for r in rows) for reason in REASONS}}
    if plans is not None:
        out["by_plan"] = {p: sum(r["plan"] == p for r in rows) for p in plans}
    return out
