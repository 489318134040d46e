"""Generated plan specs for the portfolio benchmarks and tests: county plans of K indicators with
Y years of history each, deterministic for a seed (numpy). Names and owners repeat across plans
(as they do in a province), targets are written as plans write them (以上/以下/左右/增长/plain)."""
from __future__ import annotations

from pathlib import Path

import numpy as np

INDICATORS = [  # (id, name, unit, owner, kind): kind compound | linear | decrease | growth
    ("gdp", "地区生产总值", "亿元", "发改委", "compound"),
    ("gdp_growth", "地区生产总值增长", "%", "统计局", "growth"),
    ("rd_intensity", "研发投入强度", "%", "科技局", "linear"),
    ("retail", "社会消费品零售总额", "亿元", "商务局", "compound"),
    ("fai", "固定资产投资", "亿元", "发改委", "compound"),
    ("exports", "出口总额", "亿美元", "商务局", "compound"),
    ("urban_rate", "常住人口城镇化率", "%", "住建局", "linear"),
    ("pm25", "细颗粒物平均浓度", "微克/立方米", "生态环境局", "decrease"),
    ("energy_int", "单位地区生产总值能耗", "吨标准煤/万元", "发改委", "decrease"),
    ("patents", "每万人口高价值发明专利拥有量", "件", "市场监管局", "compound"),
    ("hitech_firms", "高新技术企业数", "家", "科技局", "compound"),
    ("income", "居民人均可支配收入", "元", "统计局", "compound"),
    ("forest", "森林覆盖率", "%", "林业局", "linear"),
    ("water_quality", "地表水达到或好于III类水体比例", "%", "生态环境局", "linear"),
    ("tourists", "接待游客人次", "万人次", "文旅局", "compound"),
    ("fiscal", "一般公共预算收入", "亿元", "财政局", "compound"),
    ("edu_years", "劳动年龄人口平均受教育年限", "年", "教育局", "linear"),
    ("doctors", "每千人口执业医师数", "人", "卫健委", "linear"),
    ("broadband", "千兆宽带用户数", "万户", "工信局", "compound"),
    ("digital_share", "数字经济核心产业增加值占比", "%", "工信局", "linear"),
    ("elderly_beds", "养老机构床位数", "张", "民政局", "compound"),
    ("unemployment", "城镇调查失业率", "%", "人社局", "decrease"),
    ("industry_va", "规模以上工业增加值", "亿元", "工信局", "compound"),
    ("fdi", "实际利用外资", "亿美元", "商务局", "compound"),
    ("green_share", "绿色建筑占新建建筑比例", "%", "住建局", "linear"),
    ("trade_share", "进出口占地区生产总值比重", "%", "商务局", "linear"),
    ("carbon_int", "单位地区生产总值二氧化碳排放", "吨/万元", "生态环境局", "decrease"),
    ("rural_income", "农村居民人均可支配收入", "元", "农业农村局", "compound"),
    ("startups", "新增市场主体", "户", "市场监管局", "compound"),
    ("sewage", "城市污水处理率", "%", "住建局", "linear"),
]


def plan_yaml(i: int, rng: np.random.Generator, k: int = 30, years: int = 6, base_year: int = 2020,
              target_year: int = 2027) -> str:
    """The YAML text of plan ``i``: ``k`` indicators (cycling through INDICATORS with suffixes),
    ``years`` years of history ending at base_year + years - 1."""
    lines = [f"plan:\n  id: county-{i:04d}\n  title: 第{i}县国民经济和社会发展规划\n  region: 第{i}县",
             f"  base_year: {base_year}\n  target_year: {target_year}", "indicators:"]
    hist_years = list(range(base_year - 1, base_year - 1 + years))
    for j in range(k):
        ident, name, unit, owner, kind = INDICATORS[j % len(INDICATORS)]
        if j >= len(INDICATORS):
            ident, name = f"{ident}_{j // len(INDICATORS)}", f"{name}{j // len(INDICATORS)}"
        attr = "binding" if kind == "decrease" else "expected"
        lines += [f"  - id: {ident}", f"    name: {name}", f'    unit: "{unit}"', f"    owner: {owner}",
                  f"    attribute: {attr}"]
        if kind == "growth":
            g = rng.normal(6, 1.5, years)
            lines.append("    growth_history: {" + ", ".join(f"{y}: {v:.2f}" for y, v in zip(hist_years, g))
                         + "}")
            lines.append(f'    target: "增长{rng.choice([5, 6, 7, 8])}%左右"')
            continue
        if kind == "linear":
            x0, step = rng.uniform(10, 60), rng.normal(0.8, 0.8)
            vals = x0 + step * np.arange(years) + rng.normal(0, 0.3, years)
            target = vals[-1] + rng.uniform(-1, 8)
            phrase = rng.choice(["{:.1f}以上", "{:.1f}", "达到{:.1f}", "{:.1f}左右"]).format(target)
            lines.append("    model: linear")
        elif kind == "decrease":
            x0 = rng.uniform(20, 60)
            vals = x0 * np.cumprod(1 + rng.normal(-0.03, 0.02, years))
            phrase = rng.choice(["{:.2f}以下", "不超过{:.2f}", "{:.2f}以内"]).format(
                vals[-1] * rng.uniform(0.7, 1.05))
            lines.append("    direction: decrease")
        else:
            x0 = rng.uniform(50, 900)
            vals = x0 * np.cumprod(1 + rng.normal(0.06, 0.03, years))
            phrase = rng.choice(["{:.0f}以上", "{:.0f}", "突破{:.0f}", "不低于{:.0f}"]).format(
                vals[-1] * rng.uniform(1.0, 1.9))
        lines.append("    history: {" + ", ".join(f"{y}: {v:.3f}" for y, v in zip(hist_years, vals)) + "}")
        lines.append(f'    target: "{phrase}"')
    return "\n".join(lines) + "\n"


def write_plans(folder: str | Path, n: int, k: int = 30, years: int = 6, seed: int = 1) -> list[Path]:
    """Write ``n`` plans to ``folder`` (county-0000.yaml ...); returns their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    paths = []
    for i in range(n):
        p = folder / f"county-{i:04d}.yaml"
        p.write_text(plan_yaml(i, rng, k, years), encoding="utf-8")
        paths.append(p)
    return paths
