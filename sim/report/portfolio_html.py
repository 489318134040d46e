"""The portfolio as one HTML page: the plan × status matrix (cells shaded by count), the summaries
by indicator name and by owner, and the plans that could not be read."""
from __future__ import annotations

from html import escape

from sim.assess.statuses import Status
from sim.report.palette import STATUS_COLORS
from sim.report.portfolio_tables import TEXT, _error_rows, _summary_lines, matrix_tables

STYLE = ("body{font-family:'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif;margin:2em;color:#1F2328}"
         "table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #d0d7de;padding:2px 8px}"
         "td.num{text-align:right}th{background:#EAEEF2}caption{font-weight:bold;text-align:left}")


def _cell(v, status: str | None, top: int) -> str:
    if status is None or not v:
        return f'<td class="num">{escape(str(v))}</td>'
    alpha = 0.25 + 0.75 * v / max(top, 1)
    rgb = tuple(int(STATUS_COLORS[status][k:k + 2], 16) for k in (1, 3, 5))
    return f'<td class="num" style="background:rgba({rgb[0]},{rgb[1]},{rgb[2]},{alpha:.2f})">{v}</td>'


def render_portfolio_html(report: dict, lang: str = "zh") -> str:
    t = TEXT[lang]
    title = f"{t['title']} — {report['scenario']['name'] or report['scenario']['id']}"
    body = [f"<h1>{escape(title)}</h1>"] + [f"<p>{escape(x)}</p>" for x in _summary_lines(report, lang)]
    n = len(Status)
    for sub, headers, rows in matrix_tables(report, lang):
        top = max([max(r[3:3 + n]) for r in rows] + [1]) if rows else 1
        head = "".join(f"<th>{escape(h)}</th>" for h in headers)
        trs = []
        for r in rows:
            cells = [f"<td>{escape(str(r[0]))}</td>",
                     f"<td>{escape(str(r[1] if r[1] is not None else '—'))}</td>",
                     f'<td class="num">{r[2]}</td>']
            cells += [_cell(v, s, top) for v, s in zip(r[3:3 + n], Status)]
            cells.append(f'<td class="num">{r[-1]}</td>')
            trs.append("<tr>" + "".join(cells) + "</tr>")
        body.append(f"<table><caption>{escape(sub)}</caption><thead><tr>{head}</tr></thead>"
                    f"<tbody>{''.join(trs)}</tbody></table>")
    if report["errors"]:
        head = "".join(f"<th>{escape(h)}</th>" for h in (t["file"], "line", "indicator", "field", t["error"]))
        trs = "".join("<tr>" + "".join(f"<td>{escape('' if c is None else str(c))}</td>" for c in r) + "</tr>"
                      for r in _error_rows(report, lang))
        body.append(f"<table><caption>{escape(t['errors'])}</caption><thead><tr>{head}</tr></thead>"
                    f"<tbody>{trs}</tbody></table>")
    return (f'<!DOCTYPE html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
            f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>{''.join(body)}</body></html>\n")
