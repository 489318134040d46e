"""Why a target has its status (the ``reason`` of a row of `sim check`): code -> (English, 中文).
English is the JSON contract's text: keep it as it is."""
from __future__ import annotations


def _meets(en: bool, ok: bool) -> str:
    return ("meets" if ok else "misses") if en else ("达到" if ok else "未达到")


def _g(x) -> str:
    return f"{x:g}"


def _span(span, unit, sep=", ") -> str:
    return sep.join(f"{b:.4g}: {p:.3g} {unit}" for b, p in span)


_MEASURE = {"en": {"share": "share of required change P", "ratio": "pace ratio RR"},
            "zh": {"share": "所需变化完成度P", "ratio": "速度比RR"}}
_MIDTERM_BAND = {"ahead": "进度超前", "on_schedule": "进度正常", "lagging": "进度滞后"}

TEMPLATES: dict[str, tuple] = {
    "reason.no_year": ("the plan gives this target no year; `sim solve` tells the year it is reached "
                       "at a given pace", "规划未给出目标年份;可用 sim solve 求给定速度下的达成年份"),
    "reason.kind_none": ("no numeric target (qualitative or '—')", "无数值目标(定性或“—”)"),
    "reason.kind_masked": ("target digits are masked in the published plan", "目标数字在公开文本中被隐去"),
    "reason.change_unresolved": ("target is relative to the {year} value, which is not in the spec "
                                 "(add it to history)",
                                 "目标相对于{year}年的数值,规格中没有该值(请在 history 中补充)"),
    "reason.reference_empty": ("target is relative to '{ref}', a series with no values in the spec "
                               "(add it under `references:`)",
                               "目标参照的序列“{ref}”在规格中没有数值(请在 references 下补充)"),
    "reason.reference_none_before": ("reference '{ref}' has no value up to {year}",
                                     "参照序列“{ref}”在{year}年及以前没有数值"),
    "reason.no_start": ("no baseline in the plan or data and none assumed", "规划和数据均无基期值,情景也未假设"),
    "reason.no_start_range": (
        lambda lang, base_year, span, unit: "no baseline in the plan or data and none assumed; pace needed "
        f"from {base_year} by baseline: {_span(span, unit)}",
        lambda lang, base_year, span, unit: "规划和数据均无基期值,情景也未假设;按不同基期值,自"
        f"{base_year}年起所需速度:{_span(span, unit, '；')}"),
    "reason.no_pace_default_none": ("no assumption for this indicator (scenario default growth: none)",
                                    "情景未对该指标作假设(情景默认增速:无)"),
    "reason.no_pace_break": ("{note}; fewer than 2 points on one scope, so no trend",
                             "{note};同一口径下不足2个数据点,无法拟合趋势"),
    "reason.no_pace_one_point": ("only one data point and no assumption: no trend can be fitted",
                                 "只有一个数据点且无假设,无法拟合趋势"),
    "reason.derived_not_finite": ("{how}: the relation gives no finite value from its components' projections "
                                  "(a division by zero, or a number beyond floating point)",
                                  "{how}:由分项预测按关系式得不到有限数值(除以零,或数值超出浮点范围)"),
    "reason.wild_trend": ("the compound trend of {start}-{end} grows faster than {max:.0%} a year (values in "
                          "different units, or not one series?): not extrapolated; check the history or give an "
                          "assumption", "{start}-{end}年的复合增长趋势每年超过{max:.0%}(数值单位不一致或并非同一序列?),"
                          "不作外推;请核对历史数据或在情景中给出假设"),
    "reason.no_pace": ("no assumption and no history to fit a trend", "情景未对该指标作假设,也无历史数据可拟合趋势"),
    "reason.growth_actual": (
        lambda lang, what, actual, meets, target: f"actual {what}: {actual:.2f}% {_meets(True, meets)} the target {target}",
        lambda lang, what, actual, meets, target: f"实际{what}:{actual:.2f}%,{_meets(False, meets)}目标{target}"),
    "reason.growth_year_passed": ("the target year {year} has passed and its growth is not in the data "
                                  "(latest data {latest}; add {year} to growth_history)",
                                  "目标年份{year}年已过,数据中没有该年增速(最新数据为{latest}年;请在 "
                                  "growth_history 中补充{year}年)"),
    "reason.growth_no_level": ("a change in units per year needs a start level to give a growth rate; "
                               "assume a baseline", "每年增量需要起始水平才能换算为增速;请假设基期值"),
    "reason.growth_meets": ("assumed {what} {growth:.2f}% meets {target}", "假设{what}{growth:.2f}%,达到{target}"),
    "reason.growth_against": ("assumed {what} {growth:.2f}% against a target of {target:g}%",
                              "假设{what}{growth:.2f}%,目标为{target:g}%"),
    "reason.growth_ratio": ("assumed {what} {growth:.2f}% is {ratio:.0%} of the {target:g}% required",
                            "假设{what}{growth:.2f}%,为目标{target:g}%的{ratio:.0%}"),
    "reason.year_passed": ("the target year {year} has passed and its actual is not in the data",
                           "目标年份{year}年已过,数据中没有该年实际值"),
    "reason.actual": (
        lambda lang, year, actual, meets, target: f"actual {year}: {actual:g} {_meets(True, meets)} {target}",
        lambda lang, year, actual, meets, target: f"{year}年实际值{actual:g},{_meets(False, meets)}{target}"),
    "reason.keep_no_pace": ("keep-the-level target met now; {why} to tell whether it holds",
                            "保持类目标目前已达到;{why},无法判断能否保持"),
    "reason.keep": (
        lambda lang, target, latest, projected, holds: f"keep-the-level target (target {target:g} = latest "
        f"{latest:g}): projection {projected:.4g} " + ("stays on the right side" if holds else "breaks it"),
        lambda lang, target, latest, projected, holds: f"保持类目标(目标{target:g} = 最新值{latest:g}):预计值"
        f"{projected:.4g}," + ("保持在目标水平" if holds else "预计跌破需保持的水平")),
    "reason.already_met_no_pace": ("latest actual {latest:g} ({year}) already meets {target} (no projection: {why})",
                                   "最新实际值{latest:g}({year}年)已达到{target}(无预测:{why})"),
    "reason.already_met": ("latest actual {latest:g} ({year}) already meets {target}",
                           "最新实际值{latest:g}({year}年)已达到{target}"),
    "reason.met_falls_back": ("latest actual {latest:g} meets {target}, but the projection {projected:.4g} falls back",
                              "最新实际值{latest:g}已达到{target},但预计回落至{projected:.4g}"),
    "reason.projected_meets": ("projected {projected:.4g} meets {target}", "预计值{projected:.4g},达到{target}"),
    "reason.projected_misses": ("projected {projected:.4g} misses {target}", "预计值{projected:.4g},未达到{target}"),
    "reason.share": ("projected {projected:.4g} covers {share:.0%} of the change needed to {target}",
                     "预计值{projected:.4g},完成“{target}”所需变化的{share:.0%}"),
    "reason.preset_undefined": (lambda lang, measure: f"{_MEASURE['en'][measure]} undefined",
                                lambda lang, measure: f"{_MEASURE['zh'][measure]}无法计算"),
    "reason.preset_band": (
        lambda lang, preset, measure, value, band: f"{preset}: {_MEASURE['en'][measure]} = {value:.2f} -> {band}",
        lambda lang, preset, measure, value, band: f"{preset}:{_MEASURE['zh'][measure]} = {value:.2f} → {band}"),
    "reason.midterm_no_actual": ("cn-midterm needs an actual after the base year", "中期评估需要基期之后的实际值"),
    "reason.midterm_early": ("提前实现: {latest:g} ({year}) meets {target}", "提前实现:{latest:g}({year}年)达到{target}"),
    "reason.midterm_keep": ("keep-the-level target not met at the latest actual", "保持类目标在最新实际值处未达到"),
    "reason.midterm": (
        lambda lang, band, done, elapsed: f"{band}: task done {done:.0%} vs time elapsed {elapsed:.0%} ("
        + ("时间过半、任务过半" if done >= elapsed else "任务进度落后于时间进度") + ")",
        lambda lang, band, done, elapsed: f"{_MIDTERM_BAND[band]}:任务完成{done:.0%},时间进度{elapsed:.0%}("
        + ("时间过半、任务过半" if done >= elapsed else "任务进度落后于时间进度") + ")"),
    "what.average_growth": ("average growth {start}-{year}", "{start}—{year}年年均增速"),
    "what.growth": ("growth {year}", "{year}年增速"),
}
