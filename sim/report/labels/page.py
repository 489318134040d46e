"""Words of the what-if page (`sim serve`), zh and en; the words it shares with the HTML report are in
sim.report.htmltext."""
from __future__ import annotations

PAGE = {
    "zh": {
        "kicker": "情景推演", "scenario": "情景",
        "intro": "修改任一指标的假设速度(增速以 %/年 计),状态、预计值、达标概率、走势图和一致性检查随即更新。"
                 "输入框留空即恢复情景文件中的数值。",
        "pace": "假设速度", "used": "采用", "baseline": "假设基期值",
        "dist": "按分布抽样,输入移动其中心(保持离散程度)", "path": "逐年路径,输入整体平移其平均值",
        "trend": "按历史趋势", "none": "未假设", "bootstrap": "重抽历史增速",
        "download_scenario": "下载情景 YAML", "download_html": "下载报告 HTML", "download_xlsx": "下载报告 Excel",
        "reset": "恢复情景原值", "elapsed": "已更新,用时 {ms} 毫秒", "busy": "计算中…",
        "error": "输入有误,结果未更新:", "binding_not_on_track": "约束性指标未达预期",
        "total": "共 {n} 项目标", "units": {"%": "百分点"},
        "plans": "规划 ({n} 个)", "choose": "选择规划", "portfolio": "规划组合", "unread": "未能读取的规划",
    },
    "en": {
        "kicker": "What-if", "scenario": "Scenario",
        "intro": "Change any indicator's assumed pace (growth in %/yr): statuses, projections, probabilities, "
                 "charts and the consistency check update at once. Clear an input to go back to the "
                 "scenario file's value.",
        "pace": "Assumed pace", "used": "used", "baseline": "Assumed baseline",
        "dist": "drawn from a distribution; the input moves its centre (spread kept)",
        "path": "a path by year; the input shifts its mean",
        "trend": "recent trend", "none": "not assumed", "bootstrap": "resampled history",
        "download_scenario": "Download scenario YAML", "download_html": "Download report HTML",
        "download_xlsx": "Download report Excel", "reset": "Reset to the scenario",
        "elapsed": "updated in {ms} ms", "busy": "computing…", "error": "Input error, results not updated:",
        "binding_not_on_track": "Binding indicators not on track",
        "total": "{n} targets", "units": {"%": "pp"},
        "plans": "Plans ({n})", "choose": "Choose a plan", "portfolio": "Portfolio",
        "unread": "Plans that could not be read",
    },
}
