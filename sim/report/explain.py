"""`sim check --explain ID`: one indicator's derivation step by step (status and branch, how the target
was read, inputs, each formula with its numbers, results with units, data points and their sources,
notes, assumed inputs), in the report's language."""
from __future__ import annotations

from sim.meta import Msg
from sim.report.labels import STATUS, localize
from sim.report.labels.explain import (
    ASSUMED,
    BRANCH,
    FROM,
    INPUT,
    RESULT,
    STEP,
)
from sim.report.numbers import pace_unit, with_unit
from sim.report.presetlabels import status_text

RESULTS = ("required_pace", "required_pace_from_base", "required_real_pace", "assumed_pace", "projected",
           "gap", "share_of_required", "pace_ratio")


def _value(v, lang: str) -> str:
    """An input value for people: numbers without repr noise, year maps as 'year: value'."""
    if isinstance(v, dict):
        return ", ".join(f"{k}: {_value(x, lang)}" for k, x in v.items())
    if isinstance(v, bool) or v is None:
        return str(v) if lang == "en" else ("是" if v else "否" if v is False else "—")
    if isinstance(v, float):
        return f"{v:.6g}"
    return str(v)


def _year_growth(v, lang: str) -> str:
    if isinstance(v, dict) and "growth_pct" in v:
        return f"{v['growth_pct']:.2f}% ({FROM[lang].get(v['from'], v['from'])})"
    return f"{v:.2f}%" if isinstance(v, float) else _value(v, lang)


def _inputs(inputs: dict, lang: str) -> list[str]:
    out = []
    for k, v in inputs.items():
        if v is None:
            continue
        name = INPUT[lang].get(k, k)
        if k == "years" and isinstance(v, dict):
            v = ", ".join(f"{y}: {_year_growth(x, lang)}" for y, x in v.items())
        elif k == "pace_by_year" and isinstance(v, dict):
            v = ", ".join(f"{y}: {x:.4g}" for y, x in v.items())
        elif k == "deflator" and isinstance(v, float):
            v = f"{v:.1%}"
        else:
            v = _value(v, lang)
        out.append(f"    {name}: {v}")
    return out


def _result(r: dict, k: str, lang: str) -> str:
    v = r[k]
    if k in ("share_of_required", "pace_ratio"):
        shown = f"{v:.1%}"
    elif k in ("projected", "gap"):
        shown = with_unit(v, r["unit"], lang, signed=k == "gap")
    else:
        shown = _pace(r, v, lang)
    return f"    {RESULT[lang].get(k, k)}: {shown}"


RESULT_OF = {"formula.required_compound": "required_pace", "formula.required_linear": "required_pace",
             "formula.projected": "projected"}   # a formula and the result it gives


def _with_results(r: dict, lang: str) -> dict:
    """``r`` with each formula step carrying its result for people (zh: '... = 10.63%/年')."""
    if lang == "en":
        return r
    def step(m):
        k = RESULT_OF.get(getattr(m, "code", None))
        if k is None or r[k] is None:
            return m
        shown = with_unit(r[k], r["unit"], lang) if k == "projected" else _pace(r, r[k], lang)
        return Msg(m.code, **m.args, result=shown)
    return {**r, "explain": {**r["explain"], "formula": [step(m) for m in r["explain"]["formula"]]}}


def _pace(r: dict, v: float, lang: str) -> str:
    unit = pace_unit(r["pace_unit"], lang)
    return f"{v:.2f}{unit}" if r["pace_unit"] in ("%/yr", "pp/yr") else f"{v:+.4g} {unit}"


def explain_text(report: dict, ident: str, lang: str = "zh") -> str:
    """Every target of indicator ``ident`` as a derivation in ``lang``."""
    report = localize({"rows": [_with_results(r, lang) for r in report["rows"] if r["indicator"] == ident]}, lang)
    s = STEP[lang]
    colon = ":" if lang == "zh" else ": "
    out = []
    for r in (r for r in report["rows"] if r["indicator"] == ident):
        ex = r["explain"]
        year = f"({r['target_year']}年)" if lang == "zh" else f"({r['target_year']})"
        out.append(f"{r['indicator']} {r['name']} — {r['text']} {year}")
        out.append(f"  {s['status']}{colon}{STATUS[lang][r['status']]} — {r['reason']}")
        branch = ex["branch"]
        shown = BRANCH[lang].get(branch) or (BRANCH[lang]["preset"] + " " + branch[7:]
                                           if lang == "zh" and branch.startswith("preset ") else branch)
        out.append(f"  {s['branch']}{colon}{shown}")
        if ex.get("convention"):
            out.append(f"  {s['convention']}{colon}{ex['convention']}")
        if r.get("preset_status"):
            p = ex.get("preset", {})
            out.append(f"  {s['preset']} {p.get('preset', '')}{colon}{status_text(r, lang)} — {r['preset_reason']}")
            out += [f"    {f}" for f in p.get("formula", [])]
        if r["pace_source"]:
            out.append(f"  {s['pace']}{colon}{r['pace_source']}" + (s["assumed_mark"] if "pace" in r["assumed"] else ""))
        if ex["inputs"]:
            out.append(f"  {s['inputs']}{colon}".rstrip())
            out += _inputs(ex["inputs"], lang)
        if ex["formula"]:
            out.append(f"  {s['formula']}{colon}".rstrip())
            out += [f"    {f}" for f in ex["formula"]]
        results = [k for k in RESULTS if r[k] is not None]
        if results:
            out.append(f"  {s['results']}{colon}".rstrip())
            out += [_result(r, k, lang) for k in results]
        if ex["data_points"]:
            out.append(f"  {s['data_points']}{colon}" + ", ".join(f"{y}: {v:g}" for y, v in ex["data_points"].items()))
        for y, src in ex.get("sources", {}).items():
            out.append(f"  {s['source']} {y}{colon}{src}")
        if ex.get("derived"):
            d = ex["derived"]
            out.append(f"  {s['derived']}{colon}{d['relation']}: {d['expr']}")
        for note in ex["notes"]:
            out.append(f"  {s['notes']}{colon}{note}")
        if ex.get("baseline_range"):
            unit = pace_unit(r["pace_unit"] or "%/yr", lang)
            out.append(f"  {s['baseline_range']}{colon}" + ", ".join(
                f"{b['baseline']:.4g} → {b['required_pace']:.3g} {unit}" for b in ex["baseline_range"]))
        if r["assumed"]:
            out.append(f"  {s['assumed']}{colon}" + ("、" if lang == "zh" else ", ").join(
                ASSUMED[lang].get(a, a) for a in r["assumed"]))
    return "\n".join(out) + "\n"
