"""A portfolio of one command's per-plan results (compare, solve, sweep, verify, diff, backtest
over several specs or a folder): each plan's own report, its rows gathered with ``plan`` first, the
plans that could not be read with their located errors and a summary across plans. Views: each
plan's own view followed by the summary tables, the errors and the summary lines (table, md), every
row with its plan (csv), JSON, or a workbook of the same tables (xlsx)."""
from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Sequence

from sim.meta import SCHEMA_VERSION, sim_version
from sim.report.labels.plans import PLANS_TEXT as TEXT
from sim.report.portfolio import error_dict, plans_of, to_json_fast
from sim.report.portfolio_tables import _error_rows
from sim.report.tables import render
from sim.spec.many import Loaded

Table = tuple[str, list[str], list[list]]
"""(title, headers, rows) of one table of a view."""


def plans_report(loaded: Sequence[Loaded], results: Sequence[dict], rows_key: str = "rows",
                 summary: Callable[[list[dict], list[str]], dict] | None = None, extra: dict | None = None) -> dict:
    """The portfolio document (schema_version 1) of per-plan ``results`` (each a command's own
    report of one plan, with its ``plan``): ``portfolio`` (files, plans, failed), ``plans``,
    ``errors`` (located errors of the specs that could not be read or run), ``extra`` (settings
    shared by every plan), ``rows`` (each plan's ``rows_key`` items with ``plan`` first),
    ``per_plan`` (plan id -> the rest of its own report), ``summary`` (``summary(rows, plan ids)``)
    and ``provenance``."""
    ok = [x.spec for x in loaded if x.spec is not None]
    rows = [{"plan": r["plan"]["id"], **{k: v for k, v in row.items() if k != "plan"}}
            for r in results for row in r[rows_key]]
    return {"schema_version": SCHEMA_VERSION,
            "portfolio": {"files": len(loaded), "plans": len(ok), "failed": len(loaded) - len(ok)},
            "plans": plans_of(ok), "errors": [error_dict(e) for x in loaded for e in x.errors],
            **(extra or {}), "rows": rows,
            "per_plan": {r["plan"]["id"]: {k: v for k, v in r.items() if k not in (rows_key, "schema_version")}
                         for r in results},
            "summary": summary(rows, [r["plan"]["id"] for r in results]) if summary else {},
            "provenance": {"sim_version": sim_version(),
                           "specs": [{"file": x.file, "sha256": x.spec.sha256 if x.spec else None} for x in loaded],
                           "time": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")}}


def plan_results(report: dict, rows_key: str = "rows") -> list[tuple[str, dict]]:
    """(plan id, that plan's own report) of every plan run, back out of the portfolio document."""
    rows: dict[str, list] = {pid: [] for pid in report["per_plan"]}
    for r in report["rows"]:
        rows[r["plan"]].append({k: v for k, v in r.items() if k != "plan"})
    return [(pid, {"schema_version": report["schema_version"], **rest, rows_key: rows[pid]})
            for pid, rest in report["per_plan"].items()]


def count_lines(report: dict, lang: str) -> list[str]:
    """'Summary: N plan(s) done, M could not be read', and the plans without the indicator asked for."""
    t, p = TEXT[lang], report["portfolio"]
    out = [f"{t['summary']}: " + t["plans_ok"].format(ok=p["plans"], bad=p["failed"])]
    without = report.get("without_indicator")
    if without and without["plans"]:
        out.append(t["without"].format(n=len(without["plans"]), id=without["indicator"],
                                       plans=", ".join(without["plans"])))
    return out


def tally_table(report: dict, key: str, words: dict, lang: str, count: str = "targets") -> Table:
    """The by-plan table of a ``sim.assess.tally`` summary: plan, rows (headed ``TEXT[count]``), a
    count per value of ``key`` (``words``: value -> its label, in the order shown)."""
    t, s = TEXT[lang], report["summary"]
    by = f"by_{key}"
    return (t["by_plan"], [t["plan"], t[count]] + [words[v] for v in words],
            [[pid, g["rows"]] + [g[by].get(str(v), 0) for v in words] for pid, g in s["by_plan"].items()])


def render_plans(report: dict, fmt: str, lang: str, one: Callable[[dict, str, str], str],
                 table: Callable[[dict, str], tuple[list[str], list[list]]], rows_key: str = "rows",
                 tables: Callable[[dict, str], list[Table]] | None = None,
                 lines: Callable[[dict, str], list[str]] | None = None) -> str | bytes:
    """The portfolio in ``fmt``: ``one(result, fmt, lang)`` is a plan's own view (table, md),
    ``table(result, lang)`` the (headers, rows) of its csv and xlsx rows, ``tables(report, lang)``
    the summary tables across plans and ``lines(report, lang)`` the summary lines after the count."""
    if fmt == "json":
        return to_json_fast(report)
    t = TEXT[lang]
    results = plan_results(report, rows_key)
    summary = tables(report, lang) if tables else []
    errors = [(t["errors"], [t[k] for k in ("file", "line", "indicator", "field", "error")], _error_rows(report, lang))
              ] if report["errors"] else []
    said = count_lines(report, lang) + (lines(report, lang) if lines else [])
    if fmt in ("csv", "xlsx"):
        heads, rows = [], []
        for pid, r in results:
            heads, part = table(r, lang)
            rows += [[pid] + x for x in part]
        if fmt == "csv":
            return render(["plan"] + heads, rows, "csv")
        from sim.report.xlsx import tables_workbook
        return tables_workbook([(t["rows"], [t["plan"]] + heads, rows)] + summary + errors
                               + [(t["summary"], [t["summary"]], [[x] for x in said])])
    parts = [one(r, fmt, lang) for _, r in results]
    parts += [render(h, rs, fmt, title=title) for title, h, rs in summary + errors]
    if fmt == "md":
        said = [f"**{said[0]}**"] + [f"- {x}" for x in said[1:]]
    return "\n".join(parts) + "\n" + "\n".join(said) + "\n"
