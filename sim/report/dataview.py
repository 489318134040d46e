"""What the report layer says about actuals from data files: rows that matched no indicator, and the
vintage mark of a latest value (预计 values are flagged in every format)."""
from __future__ import annotations

VINTAGE_LABELS = {"zh": {"预计": "预计", "快报": "快报", "初步核实": "初步核实", "最终核实": "最终核实"},
                  "en": {"预计": "estimate", "快报": "flash", "初步核实": "preliminary", "最终核实": "final"}}


UNMATCHED = {
    "en": "{at}: no indicator of plan {plan} is named '{name}': row not used (name it by the indicator's id or name)",
    "zh": "{at}:规划{plan}中没有名为“{name}”的指标:该行未使用(请写指标的id或名称)",
}


def unmatched_lines(spec, lang: str = "en") -> list[str]:
    """One line per data row that names no indicator of the plan: ``file:row: ... 'name'``."""
    return [UNMATCHED[lang].format(at=f"{u.file}{f' [{u.sheet}]' if u.sheet else ''}:{u.row}",
                                   plan=spec.plan.id, name=u.name) for u in spec.unmatched]


def unmatched_dicts(spec) -> list[dict]:
    """The JSON form of the unmatched rows (``unmatched`` in check and project JSON)."""
    return [u.model_dump() for u in spec.unmatched]


DATA_LABELS = {"zh": {"data_file": "数据文件", "as_of": "数据截至"}, "en": {"data_file": "data file", "as_of": "actuals as of"}}


def data_file_rows(prov: dict, lang: str) -> list[dict]:
    """Rows {label, path, sha} of a result's data files (path relative to the spec, sheet) and its
    as-of date, for the report's file list."""
    t = DATA_LABELS[lang]
    rows = [{"label": t["data_file"], "path": d["path"] + (f" [{d['sheet']}]" if d.get("sheet") else ""),
             "sha": d.get("sha256") or ""} for d in prov.get("data", [])]
    if prov.get("as_of"):
        rows.append({"label": t["as_of"], "path": prov["as_of"], "sha": ""})
    return rows


def vintage_mark(vintage: str | None, lang: str) -> str:
    """`` (预计)`` / `` (estimate)`` after a value that is an estimate, else ''. Other vintages are
    shown where a report has room (e.g. --explain), not after every number."""
    return f" ({VINTAGE_LABELS[lang]['预计']})" if vintage == "预计" else ""
