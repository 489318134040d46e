"""Readable ids for indicators from a glossary of plan terms."""
from __future__ import annotations

import re
from collections import Counter

from sim.extract.doc import Entry
from sim.meta import Msg

GLOSSARY = dict(pair.split("=") for pair in """
研发投入=rd 研发经费=rd 研究与试验发展=rd 研发=rd 强度=intensity 专利=patents 发明专利=invention_patents
高价值=high_value 每万人口=per_10k 每万人=per_10k 每千人口=per_1000 每千人=per_1000 技术合同=tech_contracts
成交额=turnover 战略性新兴产业=sei 高新技术企业=hitech_firms 高新技术产业=hitech 高新技术=hitech
产值=output 增长率=growth 增速=growth 增幅=growth 增长=growth 制造业=mfg 增加值=va 比重=share 占比=share
比例=ratio 比率=rate 人均=per_capita 地区生产总值=gdp 生产总值=gdp 国内生产总值=gdp GDP=gdp 长三角=yrd
平均水平=avg 落户=settlers 城乡居民收入比=urban_rural_income_ratio 收入比=income_ratio 城镇化率=urbanization_rate
细颗粒物=pm25 PM2.5=pm25 浓度=concentration 空气质量=air_quality 优良天数=good_days 优良率=good_rate
地表水=surface_water 水质=water_quality 达标率=compliance 污水处理率=sewage_treatment 污水=sewage
货物贸易=goods_trade 进出口=trade 外贸=foreign_trade 出口=exports 外资=fdi 到位资金=funds 投资=investment
固定资产投资=fai 游客=tourists 旅游=tourism 一网通办=one_net 场景=scenarios 应用=apps
公共财政支出=fiscal_exp 财政支出=fiscal_exp 财政收入=fiscal_revenue 一般公共预算收入=budget_revenue
受教育年限=edu_years 执业=licensed 医师=doctors 床位=beds 医疗机构=hospitals 期望寿命=life_expectancy
预期寿命=life_expectancy 社会消费品零售=retail 零售=retail 可支配收入=disposable_income 城镇居民=urban
农村居民=rural 公路网密度=road_density 密度=density 5G=five_g 覆盖率=coverage 能耗=energy 单位GDP=per_gdp
碳排放=carbon 排放=emissions 项目=projects 重大项目=major_projects 企业=firms 人才=talent 大学生=graduates
学校=schools 基地=bases 平台=platforms 未来工厂=future_factories 工业互联网=iiot 智能工厂=smart_factories
数字化车间=digital_workshops 数字化改造=digitalization 数字经济=digital_economy 中小企业=sme 创业=startup
站点=stations 多式联运=multimodal 港=ports 宣推=promotion 推介=promotion 活动=events 教育=education
合作=coop 生态=eco 修复=restoration 最佳实践=best_practice 经验=experience 省级=provincial 科技奖=sci_awards
专家=experts 坐诊=clinic 用地=land 标准地=standard_land 造林=afforestation 森林=forest 绿化率=greening
农产品=agri_products 绿色食品=green_food 地理标志=gi 产业=industry 规模=scale 园区=park 面积=area 肉鸡=broiler
肉鸭=duck 肉羊=sheep 生猪=hogs 营商环境=business_env 贡献率=contribution 科技进步=tech_progress 收入=income
人口=population 就业=employment 失业率=unemployment 科技=tech 创新=innovation 文化=culture 医疗=medical
养老=elderly_care 社保=social_security 住房=housing 交通=transport 铁路=rail 高速=expressway 公路=roads
机场=airport 物流=logistics 电商=ecommerce 金融=finance 贷款=loans 税收=tax 新增=new 引进=attracted
培育=fostered 建设=built 总量=total 总额=total 数量=count 人数=people 成果=outcomes 协议=agreements
商会=chambers 展会=fairs 招商=investment_promotion 人次=visits 工程=works 车间=workshops 工厂=factories
""".split())


_GLOSS = sorted(GLOSSARY, key=len, reverse=True)


MIN_COVER = 0.3   # below this share of the name's characters, a glossary id is marked for review


def slug(name: str) -> tuple[str | None, float]:
    """An id from the glossary words in ``name`` (in order, at most 4) and the share of the
    name's characters they cover; (None, 0) when no word is known."""
    tokens, covered, i = [], 0, 0
    while i < len(name):
        word = next((w for w in _GLOSS if name.startswith(w, i)), None)
        if word:
            if not set(GLOSSARY[word].split("_")) <= {p for t in tokens for p in t.split("_")}:
                tokens.append(GLOSSARY[word])
            covered += len(word)
            i += len(word)
        else:
            i += 1
    if not tokens:
        return None, 0.0
    size = len(re.sub(r"[^\w]", "", name)) or 1
    return "_".join(tokens[:4]), min(1.0, covered / size)


def _ids(entries: list[Entry]) -> list[tuple[str, str | None]]:
    """(id, review reason or None) per entry, unique in the plan."""
    out, seen = [], Counter()
    for k, e in enumerate(entries, 1):
        s, cover = slug(e.name)
        reason = None
        if s is None:
            s, reason = f"ind_{k:02d}", Msg("draft.id_positional")
        elif cover < MIN_COVER:
            reason = Msg("draft.id_partial")
        seen[s] += 1
        out.append((s if seen[s] == 1 else f"{s}_{seen[s]}", reason))
    return out
