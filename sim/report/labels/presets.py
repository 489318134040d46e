"""Why a preset gives its class (``preset_reason``): code -> (English, 中文). English is the JSON text."""
from __future__ import annotations

_BAND_ZH = {"on_track": "步入正轨", "moderate_progress": "进展一般", "marginal_progress": "进展甚微",
            "stagnation": "停滞", "regression": "倒退", "significant_progress": "显著进展",
            "insufficient_progress": "进展不足", "moving_away": "背离目标", "substantial_progress": "实质进展",
            "limited_progress": "进展有限", "deterioration": "恶化"}


def _moved(lang, moved) -> str:
    """The note that the base is the first actual after b: moved = (b, year used) or None."""
    if not moved:
        return ""
    b, y = moved
    return (f"no value at {b}: base is the first actual after it, {y}; " if lang == "en"
            else f"{b}年无数值,以其后首个实际值({y}年)为基期;")


def _head(done, elapsed) -> str:
    return "时间过半、任务过半" if done >= elapsed else "任务进度落后于时间进度"


def _missing(lang, missing) -> str:
    if not missing:
        return ""
    ys = ", ".join(map(str, missing))
    return f" (no growth for {ys})" if lang == "en" else f"(缺{ys}年增速)"


_GROWTH_EN = {"ahead": "at least {m:g} pp better", "on_schedule": "within {m:g} pp",
              "lagging": "more than {m:g} pp worse"}
_GROWTH_ZH = {"ahead": "高出{m:g}个百分点以上", "on_schedule": "相差在{m:g}个百分点以内",
              "lagging": "低于{m:g}个百分点以上"}

TEMPLATES: dict[str, tuple] = {
    "preset.level_only": ("{preset} is defined for level targets (this one is {kind})",
                          "{preset}方法只适用于水平值目标(本目标为{kind})"),
    "preset.no_actual_after": ("{preset} needs an actual after the base year {year}",
                               "{preset}方法需要基期({year}年)之后的实际值"),
    "preset.no_year_after": (lambda lang, preset, moved: _moved(lang, moved) + f"{preset} needs a target year "
                             "after the base year",
                             lambda lang, preset, moved: _moved(lang, moved) + f"{preset}方法需要晚于基期的目标年份"),
    "preset.achieved": (lambda lang, latest, year, target, moved: _moved(lang, moved)
                        + f"latest actual {latest:g} ({year}) already meets {target}",
                        lambda lang, latest, year, target, moved: _moved(lang, moved)
                        + f"最新实际值{latest:g}({year}年)已达到{target}"),
    "preset.nonpositive": (lambda lang, base, latest, target, moved: _moved(lang, moved)
                           + f"a CAGR needs positive values (base {base:g}, latest {latest:g}, target "
                           f"{target:g}); the method is undefined here and sim does not replace zeros by 0.001",
                           lambda lang, base, latest, target, moved: _moved(lang, moved)
                           + f"年均增长率需要正值(基期{base:g},最新{latest:g},目标{target:g});该方法在此无定义,"
                           "sim 不以0.001代替零值"),
    "preset.equal_base": (lambda lang, target, moved: _moved(lang, moved)
                          + f"target {target:g} equals the base value: the required CAGR is 0 and the method "
                          "divides by it; the latest actual breaks the target",
                          lambda lang, target, moved: _moved(lang, moved)
                          + f"目标值{target:g}等于基期值:所需年均增长率为0,该方法须除以它;最新实际值未达到目标"),
    "preset.not_finite": ("{measure} is not a finite number", "{measure}不是有限数"),
    "preset.band": (lambda lang, preset, measure, value, observed, required, base_year, band, moved:
                    _moved(lang, moved) + f"{preset}: {measure} = {value:.2f} (observed CAGR {observed:.2%} from "
                    f"{base_year}, required {required:.2%}) -> {band}",
                    lambda lang, preset, measure, value, observed, required, base_year, band, moved:
                    _moved(lang, moved) + f"{preset}:{measure} = {value:.2f}(自{base_year}年实际年均增长"
                    f"{observed:.2%},所需{required:.2%})→ {_BAND_ZH[band]}"),
    "midterm.no_year": ("cn-midterm needs a target year", "中期评估需要目标年份"),
    "midterm.no_number": ("no number to assess: no convention turns words into a class",
                          "无数值可评估:没有把文字目标归类的惯例"),
    "midterm.no_actual_after": ("cn-midterm needs an actual after the base year {year}",
                                "中期评估需要基期({year}年)之后的实际值"),
    "midterm.target_not_after": ("the target year {year} is not after the base year {base}",
                                 "目标年份{year}年不晚于基期{base}年"),
    "midterm.no_base_value": ("no value at the base year {year} (baseline or history) to measure task done from",
                              "基期({year}年)无数值(基期值或历史数据),无法计算任务完成度"),
    "midterm.bound_held": ("the bound {target} held at {base_year} ({base:g}) and still holds at {year} ({latest:g})",
                           "{base_year}年({base:g})已满足“{target}”,{year}年({latest:g})仍满足"),
    "midterm.bound_met": ("{latest:g} ({year}) meets {target}, not met at {base_year} ({base:g})",
                          "{year}年{latest:g}达到“{target}”,{base_year}年({base:g})未达到"),
    "midterm.bound_broken": ("the bound {target} held at {base_year} ({base:g}) but is broken at {year} ({latest:g})",
                             "{base_year}年({base:g})满足“{target}”,{year}年({latest:g})未满足"),
    "midterm.met": ("{latest:g} ({year}) meets {target}", "{year}年{latest:g}达到“{target}”"),
    "midterm.equal_base": ("target {target:g} equals the base value: no planned change to share",
                           "目标值{target:g}等于基期值:没有规划变化量可计算完成度"),
    "midterm.not_finite": ("task done is not a finite number", "任务完成度不是有限数"),
    "midterm.share": (lambda lang, done, elapsed, margin: f"task done {done:.0%} vs time elapsed {elapsed:.0%}, "
                      f"margin {margin:g} ({_head(done, elapsed)})",
                      lambda lang, done, elapsed, margin: f"任务完成{done:.0%},时间进度{elapsed:.0%},"
                      f"容差{margin:g}({_head(done, elapsed)})"),
    "midterm.cumulative_zero": ("a cumulative target of 0 has no share to complete", "累计目标为0,无完成度可言"),
    "midterm.cumulative_done": ("{done:g} done by {year} reaches the total {total:g}",
                                "截至{year}年累计完成{done:g},已达到总量{total:g}"),
    "midterm.no_growth_after": ("no growth after the base year {year} on record", "基期({year}年)之后没有增速数据"),
    "midterm.no_growth": ("no growth from {base} to {year} in the data (add growth_history)",
                          "数据中没有{base}—{year}年的增速(请补充 growth_history)"),
    "midterm.growth": (lambda lang, band, base, year, average, target, margin, missing:
                       f"average growth {base}-{year} {average:.2f}% against {target:g}%{_missing(lang, missing)}, "
                       + _GROWTH_EN[band].format(m=margin),
                       lambda lang, band, base, year, average, target, margin, missing:
                       f"{base}—{year}年年均增长{average:.2f}%,目标{target:g}%{_missing(lang, missing)},"
                       + _GROWTH_ZH[band].format(m=margin)),
    "midterm.reference_missing": ("no values for the reference series '{ref}' (add it under `references:` "
                                  "with its yearly growth)",
                                  "参照序列“{ref}”没有数值(请在 references 下补充其逐年增速)"),
    "midterm.reference_no_year": (lambda lang, year, own: f"no year from {year} on with both growths ("
                                  + ("the indicator's growth" if own else "the reference") + " missing)",
                                  lambda lang, year, own: f"{year}年起没有两者增速均有的年份(缺"
                                  + ("本指标增速" if own else "参照序列") + ")"),
    "midterm.reference_sync": (lambda lang, target, holds, mean, margin, first, last:
                               f"{target} " + ("holds" if holds else "does not hold")
                               + f" (average difference {mean:+.2f} pp over {first}-{last}, margin {margin:g})",
                               lambda lang, target, holds, mean, margin, first, last:
                               f"“{target}”" + ("成立" if holds else "不成立")
                               + f"({first}—{last}年平均相差{mean:+.2f}个百分点,容差{margin:g})"),
    "midterm.reference_every": (lambda lang, target, holds, first, last, bad:
                                f"{target} " + (f"holds (every year {first}-{last})" if holds
                                                else f"does not hold (not in {', '.join(map(str, bad))})"),
                                lambda lang, target, holds, first, last, bad:
                                f"“{target}”" + (f"成立({first}—{last}年逐年满足)" if holds
                                               else f"不成立({'、'.join(map(str, bad))}年未满足)")),
}
