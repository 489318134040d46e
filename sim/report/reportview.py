"""What the HTML page and the Markdown briefing both show, as plain text: status counts, table
cells, counts per owner, scenario assumptions. No markup here (templates and Markdown add it)."""
from __future__ import annotations

from sim.report.htmltext import L, num, status_label
from sim.report.palette import STATUS_COLORS


def counts_text(by_status: dict, lang: str) -> str:
    """'已达成 3,可实现 2' — the non-zero counts of a summary's by_status."""
    sep = "," if lang == "zh" else ", "
    return sep.join(f"{status_label(k, lang)} {v}" for k, v in by_status.items() if v)


def year_text(y: int | None, lang: str) -> str:
    return str(y) if y is not None else L[lang]["no_year"]


def target_cell(ind: dict, lang: str) -> str:
    return "; ".join(f"{x['text'] or num(x['value'])} ({year_text(x['year'], lang)})" for x in ind["targets"]) or "—"


def baseline_cell(ind: dict) -> str:
    b = ind["baseline"]
    return f"{num(b['value'])} ({b['year']})" if b else "—"


def projected_text(r: dict) -> str:
    """A check row's projection: % for a growth-rate target, else the level; '' when none."""
    if r["projected"] is None:
        return ""
    return f"{r['projected']:.2f}%" if r["pace_model"] == "growth_rate" else num(r["projected"])


def has_data(ind: dict, runs: list[dict]) -> bool:
    """Whether an indicator has anything to draw or assess (else it only serves relations)."""
    return bool(ind["targets"] or ind["baseline"] or ind["history"] or any(
        p["path"] for run in runs for p in run["project"]["indicators"] if p["indicator"] == ind["id"]))


def owner_counts(inds: list[dict], rows_by: list[dict]) -> list[tuple[str | None, int, list[dict]]]:
    """(owner, number of targets, status counts per run) in the report's order."""
    out = []
    for o in dict.fromkeys(i["owner"] for i in inds):
        ids = [i["id"] for i in inds if i["owner"] == o]
        n = sum(len(rows_by[0].get(i, [])) for i in ids) if rows_by else 0
        if not n:
            continue
        counts = []
        for rb in rows_by:
            c: dict[str, int] = {}
            for i in ids:
                for r in rb.get(i, []):
                    c[r["status"]] = c.get(r["status"], 0) + 1
            counts.append({k: c[k] for k in STATUS_COLORS if c.get(k)})
        out.append((o, n, counts))
    return out


def time_text(iso: str) -> str:
    """'2025-01-02T03:04:05+00:00' as '2025-01-02 03:04 UTC'."""
    return iso[:10] + " " + iso[11:16] + (" UTC" if iso.endswith("+00:00") else "") if len(iso) >= 16 else iso


def assumption_text(a: dict | None, lang: str) -> str:
    """One scenario assumption for an indicator, e.g. 'growth 10%/yr; note'."""
    t = L[lang]
    if not a:
        return t["no_assumption"]
    parts = []
    for k in ("baseline", "growth", "real_growth", "change", "deflator"):
        if k in a:
            parts.append(f"{t['fields'][k]} {_assumed_value(k, a[k], lang)}")
    if a.get("note"):
        parts.append(a["note"])
    return "; ".join(parts)


def _assumed_value(field: str, v, lang: str) -> str:
    pct = field in ("growth", "real_growth", "deflator")
    if isinstance(v, dict) and "dist" in v:
        inner = ", ".join(f"{k} {pct_text(x) if pct and k in ('mean', 'sd', 'low', 'mode', 'high') else x}"
                          for k, x in v.items() if k != "dist")
        return f"{v['dist']}({inner})"
    if isinstance(v, dict):
        return ", ".join(f"{y}: {pct_text(x) if pct else num(x)}" for y, x in v.items())
    if isinstance(v, str):
        return v
    if pct:
        return pct_text(v) + (L[lang]["per_year"] if field != "deflator" else "")
    return (f"{v:+g}" + L[lang]["per_year"]) if field == "change" else num(v)


def pct_text(x) -> str:
    """A fraction as a percentage with 3 significant digits (0.065 → '6.5%')."""
    return f"{x * 100:.3g}%" if isinstance(x, (int, float)) else str(x)


def defaults_text(d: dict, lang: str) -> str:
    """A scenario's defaults in words, the empty ones left out."""
    t = L[lang]
    out = []
    for k, v in d.items():
        if v in (None, [], {}):
            continue
        label = t["default_fields"].get(k, k)
        if k in ("growth", "real_growth", "deflator") and isinstance(v, (int, float)):
            out.append(f"{label} {pct_text(v)}")
        else:
            out.append(f"{label} {t['default_values'].get(v, v) if isinstance(v, str) else v}")
    return "; ".join(out)


def prob_text(p) -> str:
    """A probability for people: whole percents, one decimal near 0 and 1, never a rounded 0% or 100%."""
    if p is None:
        return "—"
    if p in (0, 1) or 0.01 <= p <= 0.99:
        return f"{p:.0%}"
    return "<0.1%" if p < 0.001 else ">99.9%" if p > 0.999 else f"{p:.1%}"
