"""Consistency between targets: implied targets, contradictions, growth vs level, bounds, paces,
and projections of derived indicators from their components."""
import json
from pathlib import Path

import numpy as np
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.assess import consistency as C
from sim.assess import derived as D
from sim.assess.facts import KEYS, inconsistent
from sim.assess.status import assess_plan
from sim.errors import SimError
from sim.report.findings import render_findings
from sim.report.labels import localize
from sim.scenario.load import load_scenario, loads_scenario
from sim.spec import relations as R
from sim.spec.load import load_spec, loads_spec
from tests.strategies import specs, to_yaml

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "tests" / "fixtures" / "consistency"
SETTINGS = settings(max_examples=60, deadline=None, derandomize=True, database=None)


def en_findings(*args, **kw):
    """The findings with their messages in English, as the JSON has them."""
    return localize(C.findings(*args, **kw), "en")


def by(items, kind=None, relation=None, indicator=None):
    return [f for f in items if (kind is None or f["kind"] == kind)
            and (relation is None or f["relation"] == relation)
            and (indicator is None or indicator in f["indicators"])]


# ---- plans consistent by construction (metamorphic) ----------------------------------------

RELATIONS = [
    {"id": "ind_share", "expr": "ind_share = ind_va / gdp * 100"},
    {"id": "gdp_pc", "expr": "gdp_pc = gdp / population"},
    {"id": "pc_ratio", "expr": "pc_ratio = gdp_pc / prov_pc * 100"},
    {"id": "exports", "expr": "exports_total = exports_goods + exports_services"},
    {"id": "rd", "expr": "rd_intensity = rd_spending / gdp * 100"},
]
NAMES = {"gdp": ("地区生产总值", "亿元"), "ind_va": ("工业增加值", "亿元"),
         "ind_share": ("工业增加值占GDP比重", "%"), "population": ("常住人口", "万人"),
         "gdp_pc": ("人均地区生产总值", "万元"), "pc_ratio": ("人均地区生产总值相对全省平均", "%"),
         "exports_goods": ("货物出口额", "亿元"), "exports_services": ("服务出口额", "亿元"),
         "exports_total": ("出口总额", "亿元"), "rd_spending": ("研发经费投入", "亿元"),
         "rd_intensity": ("研发投入强度", "%")}


@st.composite
def year_values(draw):
    """Every indicator's value in one year, related exactly as RELATIONS say."""
    v = {"gdp": draw(st.floats(10, 1e4)), "ind_share": draw(st.floats(1, 90)),
         "population": draw(st.floats(1, 1000)), "prov": draw(st.floats(0.5, 50)),
         "exports_total": draw(st.floats(1, 1000)), "rd_intensity": draw(st.floats(0.1, 10))}
    goods_part = draw(st.floats(0.3, 0.7))
    v["ind_va"] = v["ind_share"] / 100 * v["gdp"]
    v["gdp_pc"] = v["gdp"] / v["population"]
    v["pc_ratio"] = v["gdp_pc"] / v["prov"] * 100
    v["exports_goods"] = goods_part * v["exports_total"]
    v["exports_services"] = v["exports_total"] - v["exports_goods"]
    v["rd_spending"] = v["rd_intensity"] * v["gdp"] / 100
    return v


@st.composite
def consistent_plans(draw):
    n = draw(st.integers(1, 10))
    base, target = draw(year_values()), draw(year_values())
    inds = [{"id": k, "name": NAMES[k][0], "unit": NAMES[k][1], "baseline": base[k], "target": target[k]}
            for k in NAMES]
    return {"plan": {"id": "constructed", "title": "构造的规划", "base_year": 2020, "target_year": 2020 + n},
            "references": {"prov_pc": {"name": "全省人均地区生产总值", "unit": "万元",
                                       "values": {2020: base["prov"], 2020 + n: target["prov"]}}},
            "relations": RELATIONS, "indicators": inds}


def load(data):
    return loads_spec(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


@SETTINGS
@given(consistent_plans())
def test_a_plan_consistent_by_construction_raises_no_finding(data):
    assert en_findings(load(data)) == []


@SETTINGS
@given(consistent_plans(), st.sampled_from(sorted(NAMES)), st.floats(0.02, 0.1), st.booleans())
def test_perturbing_one_target_raises_exactly_the_findings_of_its_relations(data, ident, delta, up):
    ind = next(i for i in data["indicators"] if i["id"] == ident)
    ind["target"] *= (1 + delta) if up else (1 - delta)
    items = en_findings(load(data))
    expected = {r["id"] for r in RELATIONS if ident in R.parse(r["expr"]).names}
    assert {f["relation"] for f in items} == expected
    assert len(items) == len(expected)
    for f in items:
        assert f["kind"] == "contradiction" and f["inconsistent"]
        assert f["year"] == data["plan"]["target_year"]
        assert abs(f["difference"]) > f["tolerance"]
        assert f["difference"] == pytest.approx(f["stated"] - f["implied"])


# ---- fixtures and the seed plans -------------------------------------------------------------

def test_fixture_consistent_and_contradiction():
    assert en_findings(load_spec(FIX / "consistent.yaml")) == []
    items = en_findings(load_spec(FIX / "contradiction.yaml"))
    assert len(items) == 1
    f = items[0]
    assert (f["relation"], f["kind"], f["year"]) == ("ind_share", "contradiction", 2025)
    assert f["stated"] == 35 and f["implied"] == pytest.approx(32) and f["difference"] == pytest.approx(3)
    assert f["inputs"]["gdp"] == {"value": 150.0, "year": 2025, "source": "target", "via": None}


def test_fixture_implied_bounds_growth_level_and_pace():
    items = en_findings(load_spec(FIX / "implied.yaml"))
    implied = by(items, "implied", "ind_share")
    assert [(f["year"], round(f["implied"], 6)) for f in implied] == [(2020, 30.0), (2025, 48.0)]
    assert implied[1]["pace"]["value"] == pytest.approx(((48 / 30) ** (1 / 5) - 1) * 100)
    assert implied[1]["pace"]["from_year"] == 2020 and not implied[1]["inconsistent"]
    (parts,) = by(items, "bounds", "exports")
    assert parts["implied"] == pytest.approx(-2) and parts["inconsistent"]
    (share,) = by(items, "bounds", "park_share")
    assert share["implied"] == pytest.approx(120)
    (gl,) = by(items, "growth_level")
    assert gl["inconsistent"] and gl["implied"] == pytest.approx(20 * 1.085) and gl["stated"] == 21
    assert "no growth meets both (apart by 3.50 points)" in gl["message"]
    (pace,) = by(items, "pace")
    assert pace["indicators"] == ["visitors"] and pace["stated"] == pytest.approx(5.0)
    assert pace["implied"] == pytest.approx(((200 / 112) ** 0.2 - 1) * 100)
    assert inconsistent(items)


def test_tunxi_implied_targets():
    spec = load_spec(ROOT / "specs" / "tunxi-yrd-2027.yaml")
    items = en_findings(spec)
    assert not inconsistent(items)
    (mfg,) = by(items, "implied", "mfg_share")
    assert mfg["implied"] == pytest.approx(0.21 * 425) and mfg["year"] == 2027
    assert mfg["pace"]["relative_to"] == "gdp"
    assert mfg["pace"]["factor"] == pytest.approx((21 / 15.7) ** 0.2)
    (rd,) = by(items, "implied", "rd_intensity")
    assert rd["implied"] == pytest.approx(8.5)
    (pc,) = by(items, "implied", "pc_ratio_yrd")
    assert pc["implied"] == pytest.approx(0.687 * 12.86)
    assert pc["inputs"]["yrd_gdp_per_capita"]["source"] == "reference_held"
    (pop,) = by(items, "implied", "gdp_per_capita")     # chained through pc_ratio_yrd
    assert pop["implied"] == pytest.approx(425 / (0.687 * 12.86))
    assert pop["inputs"]["gdp_per_capita"]["via"] == "pc_ratio_yrd"
    trade = by(items, "implied", "trade_share")
    assert [f["year"] for f in trade] == [2022, 2027]
    assert trade[1]["pace"]["value"] == pytest.approx(((16.8 / 14.05) ** 0.2 - 1) * 100)


def test_tunxi_with_a_scenario_gives_the_pace_of_manufacturing_value_added():
    spec = load_spec(ROOT / "specs" / "tunxi-yrd-2027.yaml")
    sc = load_scenario(ROOT / "scenarios" / "tunxi-baseline.yaml", spec)
    items = en_findings(spec, sc, max_growth=0.15)
    mfg = by(items, "implied", "mfg_share")
    assert mfg[0]["implied"] == pytest.approx(0.157 * 280)
    assert mfg[0]["inputs"]["gdp"]["source"] == "assumed"
    assert mfg[1]["pace"]["value"] == pytest.approx(((0.21 * 425 / (0.157 * 280)) ** 0.2 - 1) * 100)
    limits = by(items, "pace", "mfg_share")
    assert len(limits) == 1 and limits[0]["indicators"] == ["mfg_va"] and limits[0]["inconsistent"]


def test_guzhen_growth_versus_level_and_income_ratio():
    from sim.data import load_plan
    spec = load_plan(ROOT / "specs" / "guzhen-2025.yaml")   # with its data file
    items = en_findings(spec)
    (gl,) = by(items, "growth_level", indicator="fiscal_revenue")
    assert gl["year"] == 2019 and gl["implied"] == pytest.approx(22 / 1.085)
    assert not gl["inconsistent"]
    if spec.relations:
        ratios = by(items, "implied", "urban_rural_income_ratio")
        assert [r["year"] for r in ratios] == [2023, 2024]   # both years of income data
        assert ratios[1]["implied"] == pytest.approx(44003 / 24395)


def test_growth_and_level_that_both_hold_name_the_harder_one():
    text = ("plan: {id: p, title: T, base_year: 2020, target_year: 2021}\nindicators:\n"
            "  - {id: rev, name: 财政收入, unit: 亿元, history: {2020: 20},\n"
            "     target: '增长8.5%以上,力争超22亿元'}\n")
    (gl,) = en_findings(loads_spec(text))
    assert gl["kind"] == "growth_level" and not gl["inconsistent"]
    assert gl["implied"] == pytest.approx(21.7) and "the level target is the harder one" in gl["message"]


def test_findings_have_stable_keys_and_no_nan():
    for path in (FIX / "implied.yaml", ROOT / "specs" / "tunxi-yrd-2027.yaml"):
        items = en_findings(load_spec(path), max_growth=0.1)
        assert items and all(tuple(f) == KEYS for f in items)
        json.dumps(items, allow_nan=False)
        assert render_findings(items, "en").count("\n") == len(items)


def test_a_bad_expression_is_a_located_error():
    spec = load_spec(FIX / "consistent.yaml")
    bad = spec.model_copy(update={"relations": (spec.relations[0].model_copy(
        update={"expr": "ind_share = gdp.__class__"}),)})
    with pytest.raises(SimError) as e:
        en_findings(bad)
    assert e.value.field == "relations.ind_share.expr" and "attribute access" in e.value.message


# ---- projections from components -------------------------------------------------------------

SCEN = """
scenario: {id: s}
defaults: {growth: none}
assumptions:
  gdp: {growth: 0.10}
  ind_va: {growth: 0.12}
  ind_share: {change: -1.0}
  population: {growth: 0.01}
  pc_ratio: {change: 0.0}
"""


def test_a_derived_indicator_is_projected_from_its_components():
    spec = load_spec(FIX / "consistent.yaml")
    sc = loads_scenario(SCEN, spec=spec)
    rows = localize(D.assess_with_relations(spec, sc), "en")
    plain = localize(assess_plan(spec, sc), "en")
    share = next(r for r in rows if r["indicator"] == "ind_share")
    assert share["projected"] == pytest.approx(30 * (1.12 / 1.10) ** 5)
    assert share["pace_source"].startswith("derived: ind_share = ind_va / gdp * 100")
    assert share["explain"]["derived"]["relation"] == "ind_share"
    assert next(r for r in plain if r["indicator"] == "ind_share")["projected"] == pytest.approx(25)
    ratio = next(r for r in rows if r["indicator"] == "pc_ratio")      # chained: gdp_pc, then the ratio
    assert ratio["projected"] == pytest.approx(100 * 1.1 ** 5 / (50 * 1.01 ** 5) / 5.5 * 100)
    others = [r for r in rows if r["indicator"] not in ("ind_share", "gdp_pc", "pc_ratio", "exports_total",
                                                        "rd_intensity")]
    assert others == [r for r in plain if r["indicator"] in {o["indicator"] for o in others}]


def test_derived_path_anchored_at_the_actual_and_not_shocked_twice():
    text = (FIX / "consistent.yaml").read_text().replace("baseline: 30, target: 32}", "baseline: 31, target: 32}")
    spec = loads_spec(text)
    sc = loads_scenario(SCEN + "shocks:\n  - {year: 2023, indicators: all, growth: -0.05}\n", spec=spec)
    share = next(r for r in localize(D.assess_with_relations(spec, sc), "en") if r["indicator"] == "ind_share")
    derived_2025 = 30 * (1.12 / 1.10) ** 4 * (1.07 / 1.05)    # the shock hits both components once
    assert share["projected"] == pytest.approx(31 + derived_2025 - 30)   # linear: anchored by difference
    assert any("anchored at the actual" in n for n in share["explain"]["notes"])


def test_derive_values_broadcasts_over_draws_and_cycles_are_left_alone():
    spec = load_spec(FIX / "consistent.yaml")
    (ind_eq,) = [e for r, e in C.equations(spec) if r.id == "ind_share"]
    draws = {"ind_va": np.array([[30.0, 33.0], [30.0, 36.0]]), "gdp": np.array([[100.0, 110.0], [100.0, 120.0]])}
    out = D.derive_values(spec, ind_eq, draws, [2020, 2021])
    assert out.shape == (2, 2) and out[1, 1] == pytest.approx(30.0)
    cyc = loads_spec("plan: {id: p, title: T, base_year: 2020, target_year: 2022}\n"
                     "relations:\n  - {id: r1, expr: a = b * 2}\n  - {id: r2, expr: b = a / 2}\n"
                     "indicators:\n  - {id: a, name: A, unit: 亿元, baseline: 2, target: 3}\n"
                     "  - {id: b, name: B, unit: 亿元, baseline: 1, target: 1.5}\n")
    assert D.derive_paths(cyc, {"a": {2020: 2.0}, "b": {2020: 1.0}}) == {}


@pytest.mark.parametrize("path", sorted((ROOT / "specs").glob("*.yaml")), ids=lambda p: p.stem)
def test_every_bundled_spec_gives_findings_and_derived_rows(path):
    from sim.scenario.load import default_scenario
    spec = load_spec(path)
    items = en_findings(spec, max_growth=0.2)
    json.dumps(items, allow_nan=False)
    assert len(D.assess_with_relations(spec, default_scenario())) == sum(len(i.targets) for i in spec.indicators)


@SETTINGS
@given(specs())
def test_generated_specs_never_break_the_checks(data):
    spec = loads_spec(to_yaml(data))
    for f in en_findings(spec, max_growth=0.05):
        assert tuple(f) == KEYS and f["kind"] == "pace"     # no relations: only paces can be flagged


def test_real_growth_target_meets_a_nominal_level_through_the_deflator():
    from sim.scenario.load import loads_scenario
    from sim.spec.load import loads_spec
    spec = loads_spec("plan: {id: p, title: T, base_year: 2022, target_year: 2023}\nindicators:\n"
                      "  - {id: gdp, name: 地区生产总值, unit: 亿元, basis: nominal, baseline: 280,"
                      " targets: [{year: 2023, target: 增长7%}, {year: 2023, target: 达到300亿元}]}\n")
    sc = loads_scenario("scenario: {id: s}\ndefaults: {deflator: 0.02}\n", spec=spec)
    f = next(x for x in en_findings(spec, sc) if x["kind"] == "growth_level")
    assert f["implied"] == pytest.approx(280 * 1.07 * 1.02)      # 305.6, not 299.6
    assert not f["inconsistent"] and "growth target is the harder one" in f["message"]
    bare = next(x for x in en_findings(spec) if x["kind"] == "growth_level")
    assert "no deflator" in bare["message"]


def test_findings_many_are_each_plans_findings():
    """The portfolio's findings (compound paces of all plans as arrays at once) are each plan's own."""
    import sys

    from sim.scenario.load import default_scenario
    sys.path.insert(0, str(ROOT / "bench"))
    from gen_plans import plan_yaml
    specs = [load_spec(p) for p in sorted((ROOT / "specs").glob("*.yaml"))]
    rng = np.random.default_rng(3)
    specs += [loads_spec(plan_yaml(i, rng, k=12, years=y), f"g{i}.yaml") for i, y in enumerate([1, 2, 3, 6, 9])]
    scs = [default_scenario()] * len(specs)
    tunxi = load_spec(ROOT / "specs" / "tunxi-yrd-2027.yaml")
    for p in sorted((ROOT / "scenarios").glob("tunxi-*.yaml")):
        specs.append(tunxi)
        scs.append(load_scenario(p, tunxi))
    many = C.findings_many(specs, scs, max_growth=0.08)
    assert sum(map(len, many)) > len(specs)
    for s, sc, got in zip(specs, scs, many):
        assert got == C.findings(s, sc, max_growth=0.08)


@settings(max_examples=40, deadline=None)
@given(st.lists(specs(), min_size=1, max_size=4))
def test_findings_many_hypothesis(datas):
    from sim.scenario.load import default_scenario
    plans = [loads_spec(to_yaml(d), f"h{i}.yaml") for i, d in enumerate(datas)]
    scs = [default_scenario()] * len(plans)
    assert C.findings_many(plans, scs, 0.05) == [C.findings(s, sc, 0.05) for s, sc in zip(plans, scs)]


@settings(max_examples=40, deadline=None)
@given(specs())
def test_level_paces_as_arrays_are_the_scalar_paces(data):
    """level_paces computes all indicators' compound rates in one array call; each is the scalar
    sim.growth.required_compound of its pair, bit for bit."""
    import math

    from sim import growth
    from sim.assess.records import level_paces
    from sim.scenario.paths import linked_history
    spec = loads_spec(to_yaml(data), "h.yaml")
    for ind, (paces, years) in zip(spec.indicators, level_paces(spec.indicators)):
        pts, _ = linked_history(ind)
        ys = sorted(pts)
        want = []
        for a, b in zip(ys[:-1], ys[1:]):
            if ind.model == "linear":
                want.append(((pts[b] - pts[a]) / (b - a), b))
            elif pts[a] > 0 and pts[b] > 0 and math.isfinite(r := float(growth.required_compound(pts[a], pts[b], b - a))):
                want.append((r, b))
        assert list(zip(paces, years)) == want
