"""Consistency findings (the ``message`` of a finding): code -> (English, 中文). English is the
JSON contract's text: keep it as it is."""
from __future__ import annotations


def fmt(x: float, unit: str = "") -> str:
    """A number for a message (4 significant digits, whole numbers from 1000 on) and its unit."""
    s = f"{x:.0f}" if abs(x) >= 1000 else f"{x:.4g}"
    return s + (f" {unit}" if unit and unit != "%" else unit)


_SOURCE = {"en": {"target": "target", "actual": "actual", "assumed": "assumed by the scenario",
                  "reference": "reference"},
           "zh": {"target": "目标", "actual": "实际值", "assumed": "情景假设", "reference": "参照值"}}


def _tag(lang, source, year, via) -> str:
    if source == "implied":
        return f"implied by {via}" if lang == "en" else f"由{via}推得"
    if source == "reference_held":
        return f"reference {year}, held constant" if lang == "en" else f"参照{year}年值,保持不变"
    return _SOURCE[lang][source]


def _inputs(lang, items) -> str:
    sep = ", " if lang == "en" else "，"
    return sep.join(f"{n} {fmt(v, u)} ({_tag(lang, s, y, via)})" if lang == "en" else
                    f"{n} {fmt(v, u)}({_tag(lang, s, y, via)})" for n, v, u, s, y, via in items)


def _stretch(lang, stretch) -> str:
    return ("" if not stretch else " (力争, stretch)" if lang == "en" else "(力争)")


def _relative(lang, name, start, end, other, factor, exponent) -> str:
    f, k, u, w = factor, exponent, name, other
    if lang == "en":
        lead = f"; {u} in {start} is unknown ({w} is not given for {start}): whatever {w}'s pace, "
        if k == 1:
            return lead + (f"{u} must grow {abs(f - 1):.2%} a year {'faster' if f >= 1 else 'slower'} than {w} "
                           f"(1 + g_{u} = {f:.4f} x (1 + g_{w}), {start}-{end})")
        return lead + (f"1 + g_{u} = {f:.4f} x (1 + g_{w})^{k:g} ({start}-{end}): {u} grows {f - 1:+.2%} "
                       f"a year if {w} stays flat")
    lead = f";{u}在{start}年的值未知({w}未给出{start}年数值):无论{w}增速如何,"
    if k == 1:
        return lead + (f"{u}每年须比{w}{'快' if f >= 1 else '慢'}{abs(f - 1):.2%}"
                       f"(1 + g_{u} = {f:.4f} × (1 + g_{w}),{start}—{end}年)")
    return lead + f"1 + g_{u} = {f:.4f} × (1 + g_{w})^{k:g}({start}—{end}年):若{w}持平,{u}每年增长{f - 1:+.2%}"


def _growth_level(lang, year, start, base_year, assumed, gop, growth, gives, need, gap, harder, op, level,
                  stretch, unit, basis) -> str:
    if lang == "en":
        s = (f"{year}: from {fmt(start, unit)} in {base_year} ({'assumed by the scenario' if assumed else 'actual'}), "
             f"the growth target {gop} {growth:g}% gives {fmt(gives, unit)}, the level target {op} "
             f"{fmt(level, unit)}{_stretch(lang, stretch)} needs {need:.2f}% growth")
        s += (f": no growth meets both (apart by {gap:.2f} points)" if gap > 0 else
              f": both can hold; the {harder} target is the harder one")
    else:
        s = (f"{year}年:从{base_year}年的{fmt(start, unit)}({'情景假设' if assumed else '实际值'})起,增速目标"
             f"{gop} {growth:g}%得到{fmt(gives, unit)},总量目标{op} {fmt(level, unit)}{_stretch(lang, stretch)}"
             f"需要{need:.2f}%的增速")
        s += (f":没有同时满足两者的增速(相差{gap:.2f}个百分点)" if gap > 0 else
              f":两者可同时实现;{'总量' if harder == 'level' else '增速'}目标更难实现")
    return s + (basis or "")


def _growth_level_unknown(lang, year, name, text, gop, growth, base_year, at, op, level, stretch, unit,
                          basis) -> str:
    if lang == "en":
        s = (f"{year}: {name} has a growth target {text!r} ({gop} {growth:g}%/yr) and a level target {op} "
             f"{fmt(level, unit)}{_stretch(lang, stretch)}; the {base_year} value is not in the spec. They agree "
             f"only if {name} was {fmt(at, unit)} in {base_year}: from less, the level needs more than {growth:g}% "
             f"growth; from more, the growth target is the harder one")
    else:
        s = (f"{year}年:{name}有增速目标“{text}”({gop} {growth:g}%/年)和总量目标{op} {fmt(level, unit)}"
             f"{_stretch(lang, stretch)};规格中没有{base_year}年数值。只有当{name}在{base_year}年为{fmt(at, unit)}"
             f"时两者一致:低于此值,总量目标需要高于{growth:g}%的增速;高于此值,增速目标更难实现")
    return s + (basis or "")


def _years(years) -> str:
    return ", ".join(map(str, years))


TEMPLATES: dict[str, tuple] = {
    "finding.inputs": (lambda lang, items: _inputs(lang, items), lambda lang, items: _inputs(lang, items)),
    "finding.contradiction": (
        lambda lang, year, name, stated, rhs, implied, unit, difference, tolerance, inputs:
        f"{year}: {name} is {fmt(stated, unit)}, but {rhs} gives {fmt(implied, unit)} "
        f"(difference {difference:+.4g}, tolerance {tolerance:.3g}) from {inputs}",
        lambda lang, year, name, stated, rhs, implied, unit, difference, tolerance, inputs:
        f"{year}年:{name}为{fmt(stated, unit)},但按 {rhs} 计算为{fmt(implied, unit)}"
        f"(差{difference:+.4g},容差{tolerance:.3g}),依据:{inputs}"),
    "finding.solved_for": ("{expr} solved for {name}", "{expr} 对 {name} 求解"),
    "finding.implied_head": (
        lambda lang, year, name, value, unit, relation, formula, inputs:
        f"{year}: {name} = {fmt(value, unit)}, implied by {relation} ({name} = {formula}) from {inputs}",
        lambda lang, year, name, value, unit, relation, formula, inputs:
        f"{year}年:{name} = {fmt(value, unit)},由关系式{relation}推得({name} = {formula}),依据:{inputs}"),
    "finding.bounds_share": ("{head}; a share must lie within 0-100", "{head};比重须在0—100之间"),
    "finding.bounds_level": ("{head}; a level must be positive (are the parts larger than their total?)",
                             "{head};总量须为正(分项是否大于合计?)"),
    "finding.implied": (
        lambda lang, head, pace, own: head + (pace or "") + (f"; its own target: {own[0]} in {own[1]}" if own else ""),
        lambda lang, head, pace, own: head + (pace or "") + (f";其自身目标:{own[1]}年{own[0]}" if own else "")),
    "implied_pace.compound": (
        lambda lang, start, unit, year, source, via, rate: f"; from {fmt(start, unit)} in {year} ({source}) that is "
        f"{rate:+.2%} a year",
        lambda lang, start, unit, year, source, via, rate: f";从{year}年的{fmt(start, unit)}"
        f"({_tag(lang, source, year, f'关系式{via}' if via else '')})起,即每年{rate:+.2%}"),
    "implied_pace.linear": (
        lambda lang, start, unit, year, change: f"; from {fmt(start, unit)} in {year} that is {change:+.4g} "
        f"{unit or 'units'} a year",
        lambda lang, start, unit, year, change: f";从{year}年的{fmt(start, unit)}起,即每年"
        f"{change:+.4g}{'个百分点' if unit.strip() == '%' else unit}"),
    "implied_pace.relative": (_relative, _relative),
    "what.implied_pace": ("the pace implied by {relation}", "由{relation}推得的速度"),
    "what.growth_target": ("the growth target {text!r}", "增速目标“{text}”"),
    "what.target_from": ("the target {text!r} (from {start:g} in {year})", "目标“{text}”(从{year}年的{start:g}起)"),
    "finding.pace_high": ("{year}: {name}: {what} needs {req:.2%} a year, faster than any year on record "
                          "(highest {edge:.2%}; {record})",
                          "{year}年:{name}:{what}需每年{req:.2%},快于记录中任何一年(最高{edge:.2%};{record})"),
    "finding.pace_low": ("{year}: {name}: {what} needs {req:.2%} a year, a faster fall than any year on record "
                         "(lowest {edge:.2%}; {record})",
                         "{year}年:{name}:{what}需每年{req:.2%},降幅大于记录中任何一年(最低{edge:.2%};{record})"),
    "finding.pace_limit": ("{year}: {name}: {what} needs {req:.2%} a year ({start}-{year}), beyond the "
                           "plausibility limit of ±{limit:.2%}",
                           "{year}年:{name}:{what}需每年{req:.2%}({start}—{year}年),超出合理上限±{limit:.2%}"),
    "finding.on_record": (
        lambda lang, years, weak: f"{len(years)} year(s) on record: {_years(years)}" + (", weak evidence" if weak else ""),
        lambda lang, years, weak: f"记录{len(years)}年:{_years(years)}" + (",证据弱" if weak else "")),
    "finding.linear_record": (
        lambda lang, year, name, text, req, unit, start, edge, record: f"{year}: {name}: the target {text!r} needs "
        f"{req:+.4g} {unit or 'units'}/yr from {start}, beyond any year on record "
        f"({'highest' if req > 0 else 'lowest'} {edge:+.4g}; {record})",
        lambda lang, year, name, text, req, unit, start, edge, record: f"{year}年:{name}:目标“{text}”自{start}年起"
        f"需每年{req:+.4g}{'个百分点' if unit.strip() == '%' else unit}/年,超出记录中任何一年({'最高' if req > 0 else '最低'}{edge:+.4g};{record})"),
    "finding.basis_real": ("; real growth {growth:g}% is {nominal:.2f}% nominal with the deflator {deflator:.1%}",
                           ";实际增速{growth:g}%按价格指数{deflator:.1%}折合名义增速{nominal:.2f}%"),
    "finding.basis_no_deflator": ("; the growth target is real and the level nominal: with no scenario no "
                                  "deflator is applied", ";增速目标为实际增速、总量为名义值:无情景时不计价格因素"),
    "finding.growth_level": (_growth_level, _growth_level),
    "finding.growth_level_unknown": (_growth_level_unknown, _growth_level_unknown),
}
