"""The portfolio report (many plans under one scenario): its data and its views — JSON, a
plan × status matrix with summaries by indicator name and by owner (table, md, html), every row
with its plan (csv), and a workbook (xlsx)."""
from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence

from sim.meta import SCHEMA_VERSION, Msg
from sim.report.checktext import COLUMNS, _cell
from sim.report.labels import localize, text
from sim.report.portfolio_tables import TEXT, _error_rows, _summary_lines, matrix_tables
from sim.report.presetlabels import status_text
from sim.report.tables import render
from sim.scenario.load import scenario_dict
from sim.scenario.model import Scenario
from sim.spec.many import Loaded


def error_dict(e) -> dict:
    """A located error as data (file, line, indicator, field, message, hint); the message and hint
    are Msgs, written in the report's language (English in JSON)."""
    return {"file": e.file, "line": e.line, "indicator": e.indicator, "field": e.field,
            "message": e.msg, "hint": e.hint_msg}


def plans_of(specs: Sequence) -> list[dict]:
    """The ``plans`` of a portfolio document: id, title, region, years, file and sha256 of each spec."""
    return [{"id": s.plan.id, "title": s.plan.title, "region": s.plan.region, "base_year": s.plan.base_year,
             "target_year": s.plan.target_year, "file": s.file, "sha256": s.sha256} for s in specs]


def portfolio_report(loaded: Sequence[Loaded], sc: Scenario, rows: list[dict], found: list[dict] | None,
                     summary: dict, preset: str = "default", seed: int | None = None,
                     extra: dict | None = None) -> dict:
    """The portfolio as plain data (schema_version 1): ``plans`` (id, title, region, years, file,
    sha256), ``errors`` (the located errors of every spec that could not be read), ``rows`` and
    ``consistency`` (each with ``plan``), ``summary`` (sim.assess.portfolio.portfolio_summary)."""
    from sim.meta import provenance
    ok = [x.spec for x in loaded if x.spec is not None]
    plans = plans_of(ok)
    prov = provenance(ok[0], sc, seed) if ok else {"sim_version": None, "seed": seed}
    prov.pop("spec", None)
    prov.pop("spec_sha256", None)
    prov["specs"] = [{"file": x.file, "sha256": x.spec.sha256 if x.spec else None} for x in loaded]
    prov["time"] = _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")
    out = {"schema_version": SCHEMA_VERSION, "portfolio": {"files": len(loaded), "plans": len(ok),
                                                           "failed": len(loaded) - len(ok)},
           "scenario": scenario_dict(sc), "preset": preset, "plans": plans,
           "errors": [error_dict(e) for x in loaded for e in x.errors]}
    out.update(extra or {})
    out.update({"rows": rows, "summary": summary})
    if found is not None:
        out["consistency"] = found
    out["provenance"] = prov
    return out


def _json_default():
    """orjson's ``default`` for one dump: a Msg as its English sentence (written once per Msg
    object: analysis shares the Msgs that repeat), a numpy number as a number."""
    written: dict[int, str] = {}     # by id(): the Msgs live as long as the data being dumped

    def default(x):
        if isinstance(x, Msg):
            out = written.get(id(x))
            if out is None:
                out = written[id(x)] = text(x, "en")
            return out
        if hasattr(x, "item"):
            return x.item()
        raise TypeError(type(x).__name__)
    return default


def to_json_bytes(data: dict) -> bytes:
    """Compact JSON as UTF-8 bytes with a final newline (orjson: keys in order, NaN and inf as null,
    sentences in English, as ``sim.report.labels.to_json`` writes them) for reports of any size."""
    import orjson
    return orjson.dumps(data, default=_json_default(), option=orjson.OPT_APPEND_NEWLINE)


def to_json_fast(data: dict) -> str:
    """``to_json_bytes`` as text."""
    return to_json_bytes(data).decode()


def render_portfolio(report: dict, fmt: str, lang: str = "zh") -> str:
    """table | md: the matrix and summaries; csv: every row with its plan; json; html."""
    if fmt == "json":
        return to_json_fast(report)
    if fmt == "csv":
        report = localize(report, lang)
        headers = ["plan"] + [c[1] if lang == "zh" else c[2] for c in COLUMNS] + ["status_code", "assumed"]
        return render(headers, [[r["plan"]] + [_cell(r, c[0], lang) for c in COLUMNS]
                                + [r["status"], ";".join(r["assumed"])] for r in report["rows"]], "csv")
    if fmt == "html":
        from sim.report.portfolio_html import render_portfolio_html
        return render_portfolio_html(report, lang)
    t = TEXT[lang]
    title = f"{t['title']} — {report['scenario']['name'] or report['scenario']['id']}"
    parts = [render(h, rows, fmt, title=f"{title} · {sub}") for sub, h, rows in matrix_tables(report, lang)]
    if report["errors"]:
        parts.append(render([t["file"], "line", "indicator", "field", t["error"]], _error_rows(report, lang), fmt,
                            title=t["errors"]))
    lines = _summary_lines(report, lang)
    if fmt == "md":
        lines = [f"**{lines[0]}**"] + [f"- {x}" for x in lines[1:]]
    return "\n".join(parts) + "\n" + "\n".join(lines) + "\n"


def portfolio_workbook(report: dict, lang: str = "zh") -> bytes:
    """An .xlsx of the portfolio: the matrix and summaries, every row with its plan, the errors."""
    import io
    report = localize(report, lang)

    from openpyxl import Workbook

    from sim.report.xlsx import CHECK_COLUMNS, _header, _status_style, _widths
    t = TEXT[lang]
    wb = Workbook()
    ws = wb.active
    for k, (sub, headers, rows) in enumerate(matrix_tables(report, lang)):
        ws = ws if k == 0 else wb.create_sheet()
        ws.title = sub[:31].replace("(", " ").replace(")", "")
        _header(ws, headers, "B2")
        for r in rows:
            ws.append(r)
        _widths(ws)
    ws = wb.create_sheet("rows")
    cols = CHECK_COLUMNS
    _header(ws, [t["plan"]] + [c[1] if lang == "zh" else c[2] for c in cols], "C2")
    for r in report["rows"]:
        vals = [r["plan"]]
        for key, *_ in cols:
            vals.append(status_text(r, lang) if key == "status" else r["status"]
                        if key == "status_code" else ", ".join(r["assumed"]) or None if key == "assumed"
                        else r.get(key))
        ws.append(vals)
        for j, (key, _, _, fmt) in enumerate(cols, start=2):
            if fmt:
                ws.cell(ws.max_row, j).number_format = fmt
            if key == "status":
                _status_style(ws.cell(ws.max_row, j), r["status"])
    _widths(ws)
    if report["errors"]:
        ws = wb.create_sheet("errors")
        _header(ws, [t["file"], "line", "indicator", "field", t["error"]], "A2")
        for r in _error_rows(report, lang):
            ws.append(r)
        _widths(ws, cap=80)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
