"""Errors of running a plan: solve, sweep, simulate, verify, diff, --cluster: code -> (English, 中文)."""
from __future__ import annotations


def _join(lang: str, items) -> str:
    return ("、" if lang == "zh" else ", ").join(str(x) for x in items)


TEMPLATES: dict[str, tuple] = {
    "cluster.unread": ("cannot read --cluster '{address}'", "无法读取 --cluster '{address}'"),
    "cluster.unread_hint": ("local:N (N worker processes here), local:N:threads, or tcp://HOST:PORT",
                            "local:N(本机 N 个工作进程)、local:N:threads,或 tcp://HOST:PORT"),
    "cluster.too_many": ("--cluster {address}: more local workers than this machine can run ({most} at most on "
                         "{cores} cores)", "--cluster {address}:本机工作进程过多({cores} 核最多 {most} 个)"),
    "cluster.too_many_hint": ("use local:N with N up to the number of cores, or tcp://HOST:PORT for a real cluster",
                              "请用 local:N(N 不超过核数),或用 tcp://HOST:PORT 连接真正的集群"),
    "cluster.no_dask": ("--cluster needs Dask, which is not installed", "--cluster 需要 Dask,但未安装"),
    "cluster.install": ("install the cluster extra: pip install -e '.[cluster]' (or pip install 'dask[distributed]')",
                        "请安装集群依赖:pip install -e '.[cluster]'(或 pip install 'dask[distributed]')"),
    "cluster.cannot_use": ("cannot use the Dask scheduler at '{address}': {why}", "无法使用 '{address}' 的 Dask 调度器:{why}"),
    "cluster.cannot_use_hint": ("start one with `dask scheduler` and workers with `dask worker ADDRESS`",
                                "请用 `dask scheduler` 启动调度器,用 `dask worker ADDRESS` 启动工作进程"),
    "cluster.no_worker": ("no Dask worker joined it", "没有 Dask 工作进程加入"),
    "cluster.no_handshake": ("no Dask handshake within {seconds} s (is it a Dask scheduler's port?)",
                             "{seconds} 秒内没有 Dask 握手(这是 Dask 调度器的端口吗?)"),
    "cluster.closed": ("it closed the connection without a Dask handshake", "对方未经 Dask 握手就关闭了连接"),
    "cluster.not_dask": ("it answered, but not as a Dask scheduler ({kind})", "对方有应答,但不是 Dask 调度器({kind})"),
    "cluster.failed": (lambda lang, kind, detail: f"{kind}: {detail}", lambda lang, kind, detail: f"{kind}(连接失败)"),
    "report.not_check": ("not a `sim check --format json` report (schema_version 1 with plan, rows and consistency, or a "
                         "portfolio's plans, rows and consistency)",
                         "不是 `sim check --format json` 报告(应为 schema_version 1,含 plan、rows 和 consistency,"
                         "或多规划的 plans、rows 和 consistency)"),
    "report.write_one": ("write one with: sim check SPEC --format json -o FILE.json (or sim check DIR ...)",
                         "可用 `sim check SPEC --format json -o FILE.json`(或 `sim check DIR ...`)生成"),
    "report.bad": ("not a `sim check` report: {problem}", "不是 `sim check` 报告:{problem}"),
    "report.unedited": ("compare reports written by sim check --format json, unedited", "请比较由 sim check --format json 生成且未改动的报告"),
    "report.plan_no_id": ("plan {n} has no id", "第{n}个规划没有 id"),
    "report.row_no_plan": ("row {n} has no plan id", "第{n}行没有规划 id"),
    "report.row_lacks": ("row {n} lacks indicator, target_year, text or status", "第{n}行缺少 indicator、target_year、text 或 status"),
    "report.row_text": ("row {n}: indicator and text must be text", "第{n}行:indicator 和 text 须为文本"),
    "report.row_year": ("row {n}: target_year {value} is not a year", "第{n}行:target_year {value} 不是年份"),
    "report.row_status": ("row {n}: status {value} is not a status of sim check", "第{n}行:status {value} 不是 sim check 的状态"),
    "report.twice": ("a target is listed twice in the report", "报告中有目标重复列出"),
    "report.mixed": ("one report is a portfolio, the other of one plan", "一份是多规划报告,另一份是单个规划的报告"),
    "report.mixed_hint": ("diff two reports of one plan, or two portfolio reports", "请比较同一规划的两份报告,或两份多规划报告"),
    "report.two_plans": ("the reports are of two plans: '{a}' ({old}) and '{b}' ({new})",
                         "两份报告属于不同规划:'{a}'({old})和 '{b}'({new})"),
    "report.two_plans_hint": ("diff compares one plan at two times: give two reports of the same plan",
                              "diff 比较同一规划在两个时点的结果:请给出同一规划的两份报告"),
    "factor.no_pace": ("factor '{id}' is the surprise of '{of}', which has no pace to draw",
                       "因子 '{id}' 是 '{of}' 的意外变动,但 '{of}' 没有可抽样的速度"),
    "factor.self": ("factor '{id}' cannot load on '{of}', the indicator it comes from", "因子 '{id}' 不能加载到其来源指标 '{of}' 上"),
    "run.draws": ("the number of draws must be at least 1", "抽样次数至少为 1"),
    "run.method": ("unknown method '{method}'", "未知的方法 '{method}'"),
    "run.methods": (lambda lang, methods: _join(lang, methods), lambda lang, methods: "可用:" + _join(lang, methods)),
    "range.not_number": ("'{value}' is not a number", "'{value}' 不是数字"),
    "range.example": ("e.g. 0.03:0.10:0.005 or 3%:10%:0.5%", "如 0.03:0.10:0.005 或 3%:10%:0.5%"),
    "range.not_finite": ("'{value}' is not a finite number a plan can mean", "'{value}' 不是规划中可能的有限数字"),
    "range.unread": ("cannot read the range '{text}'", "无法读取范围 '{text}'"),
    "range.unread_hint": ("write LOW:HIGH:STEP with LOW <= HIGH and STEP > 0, e.g. 0.03:0.10:0.005",
                          "请写 `LOW:HIGH:STEP`(`LOW <= HIGH` 且 `STEP > 0`),如 0.03:0.10:0.005"),
    "range.too_many": ("the range '{text}' has {n} values", "范围 '{text}' 有 {n} 个值"),
    "range.at_most": ("at most 10,000", "最多 10,000 个"),
    "solve.probability": ("the probability must be between 0 and 1 (exclusive)", "概率须在 0 和 1 之间(不含两端)"),
    "sweep.one_of": ("give exactly one of --growth or --change", "--growth 和 --change 须且只能给出其一"),
    "sweep.deflator": ("--deflator applies to growth, not to a change in units", "--deflator 用于增速,不用于每年增量"),
    "sweep.no_target": ("indicator '{id}' has no target", "指标 '{id}' 没有目标"),
    "verify.property": ("unknown property '{name}'", "未知的性质 '{name}'"),
    "verify.properties": (lambda lang, names: "properties: " + _join(lang, names),
                          lambda lang, names: "可用的性质:" + _join(lang, names)),
    "bootstrap.pool": ("a bootstrap needs at least 2 historical paces; the indicator has {n}",
                       "自助抽样至少需要 2 个历史速度;该指标只有 {n} 个"),
    "bootstrap.pool_hint": ("add actuals to `history` (or published rates to `growth_history`), or assume another "
                            "distribution", "请在 `history` 中补充实际值(或在 `growth_history` 中补充公布的增速),或假设其他分布"),
    "midterm.only": (lambda lang, options, preset: " and ".join(options) + (" apply" if len(options) > 1 else " applies")
                     + f" only to --preset cn-midterm (the preset here is '{preset}')",
                     lambda lang, options, preset: "、".join(options) + f" 只用于 --preset cn-midterm(此处的预设为 '{preset}')"),
    "midterm.only_hint": ("add --preset cn-midterm, or leave the option out", "请加上 --preset cn-midterm,或去掉该选项"),
}
