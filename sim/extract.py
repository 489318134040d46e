"""Draft specs from plan documents (`sim extract`): decode, normalize, read, write YAML.

A plan's text is decoded (a BOM's encoding, else UTF-8, UTF-16 by its zero bytes, GB18030; or as
told) and normalized line by line: full-width digits and punctuation become ASCII, traditional
characters of plan vocabulary become simplified, spaces inside Chinese text go. Two readers
turn it into ``Entry`` items: indicator tables (sim.extract_tables) and target sentences of
running text (sim.extract_sentences). What a reader cannot read becomes an ``Unread`` with its
reason and is written as a YAML comment, never dropped. The draft is written as spec YAML with
readable ids from a glossary and checked with ``sim.spec.loads_spec``; an entry the checker
refuses is turned into an unread comment quoting the error.
"""
from __future__ import annotations

import codecs
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sim.errors import SimError, SpecErrors
from sim.phrases import plain

# ---- decoding and normalization ---------------------------------------------------------------


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding used). Order: ``encoding``; a BOM; UTF-8; UTF-16 (zero bytes); GB18030."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError) as e:
            raise SimError(f"cannot decode the document as {encoding}: {e}",
                           hint="try --encoding utf-8, gb18030 or utf-16") from None
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as e:
                raise SimError(f"the document starts with a {name} byte-order mark but is not {name}: {e}",
                               hint="pass --encoding") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if 0 in data and len(data) % 2 == 0:   # UTF-16 without a BOM: ASCII characters hold a zero byte
        le = data[1::2].count(0) > data[0::2].count(0)
        try:
            return data.decode("utf-16-le" if le else "utf-16-be"), "utf-16-le" if le else "utf-16-be"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise SimError("cannot tell the document's encoding (not UTF-8, UTF-16 or GB18030)",
                       hint="pass --encoding, e.g. --encoding big5") from None


# Traditional -> simplified for characters that occur in plan vocabulary (one to one, so that a
# line keeps its length). Characters that are also ordinary simplified ones (乾, 著, 瞭) are left.
_TRAD = (
    "發发區区劃划規规標标設设經经濟济產产業业億亿萬万達达實实現现計计總总額额長长華华與与為为個个項项數数幣币稅税務务質质環环術术綠绿戶户農农廠厂車车電电貿贸進进資资優优競竞爭争於于內内舉举調调財财"
    "預预約约屬属責责單单頭头牽牵強强創创學学醫医療疗衛卫養养險险蓋盖條条級级積积極极導导際际國国門门書书圖图館馆觀观遊游營营銷销價价購购買买賣卖貨货運运輸输鐵铁線线網网絡络機机場场灣湾蘇苏滬沪試试"
    "驗验檢检測测認认證证體体築筑樓楼層层動动態态勢势礎础備备裝装製制餘余並并將将從从後后歲岁壽寿職职師师員员專专稱称應应聯联組组織织協协會会議议準准範范點点節节減减廢废棄弃處处汙污淨净氣气溫温噸吨"
    "畝亩裡里兩两幾几歷历曆历間间開开關关陽阳鄉乡鎮镇縣县莊庄園园護护廳厅嚴严權权勞劳齡龄兒儿婦妇殘残貧贫戰战擴扩張张廣广東东傳传統统題题課课賽赛獎奖勵励錢钱銀银貸贷債债費费補补貼贴據据庫库雲云訊讯"
    "軟软腦脑視视頻频響响聲声報报紙纸藝艺劇剧樂乐畫画遺遗跡迹這这們们來来時时對对過过還还讓让給给說说話话問问見见覺觉麼么樣样種种邊边當当歡欢難难變变選选擇择確确穩稳鞏巩續续繼继斷断紀纪錄录則则負负"
    "擔担監监審审評评績绩細细顆颗濃浓淺浅綜综夠够樹树幹干鄰邻適适遠远離离橋桥廈厦倉仓儲储漁渔糧粮穀谷鮮鲜蠶蚕絲丝紡纺鋼钢鍊炼礦矿煉炼銅铜鋁铝熱热輕轻纖纤維维藥药廁厕潔洁雙双輛辆郵邮遞递証证劵券籌筹"
    "徵征島岛陸陆嶺岭閣阁戲戏娛娱覽览軍军黨党團团幫帮圍围堅坚決决勝胜傑杰號号碼码執执擁拥獲获歸归辦办構构牀床値值轉转換换帶带橫横攜携興兴紅红鏈链黃黄漢汉陳陈韓韩鄭郑劉刘楊杨趙赵吳吴寧宁蕪芜無无馬马"
    "壩坝參参緩缓較较雖虽佔占納纳彙汇匯汇隊队讀读遷迁習习鍵键龍龙貫贯徹彻紮扎綱纲鋪铺艱艰風风災灾愛爱飾饰飲饮訓训練练類类儀仪遼辽閩闽贛赣粵粤瓊琼貴贵陝陕臺台擬拟啟启佈布錯错誤误釐厘況况狀状頂顶謀谋"
    "領领眾众衆众記记")
TRAD_TO_SIMP = {ord(a): b for a, b in zip(_TRAD[0::2], _TRAD[1::2]) if a != b}
_CIRCLED = {chr(0x2460 + k): f"({k + 1})" for k in range(20)}   # ①..⑳ -> (1)..(20)


_FULL_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def normalize_line(s: str) -> str:
    """Full-width ASCII to ASCII, traditional to simplified, box bars to '|', spaces kept only
    between ASCII words. (Not all of NFKC: 'Ⅲ' stays as the plan writes it.)"""
    for c, r in _CIRCLED.items():
        s = s.replace(c, r)
    s = unicodedata.normalize("NFC", s).translate(_FULL_WIDTH).translate(TRAD_TO_SIMP)
    s = s.replace("│", "|").replace("┃", "|").replace("\t", " ")
    s = re.sub(r"\s+", " ", s).strip()
    return re.sub(r"(?<![A-Za-z0-9]) | (?![A-Za-z0-9])|(?<=[A-Za-z0-9]) (?![A-Za-z0-9])|"
                  r"(?<![A-Za-z0-9]) (?=[A-Za-z0-9])", "", s)


def traditional_count(text: str) -> int:
    """How many characters of ``text`` the traditional-to-simplified map changes."""
    return sum(1 for c in text if ord(c) in TRAD_TO_SIMP)


# ---- what readers produce ----------------------------------------------------------------------


@dataclass
class Entry:
    """One draft indicator as read from the document. A target year None means 'not stated'."""
    name: str
    line: int
    text: str                                  # the quoted source
    unit: str = ""
    baseline: float | str | None = None
    baseline_year: int | None = None           # None: plan.base_year
    targets: list[tuple[int | None, float | str]] = field(default_factory=list)
    owner: str | None = None
    attribute: str | None = None
    direction: str | None = None
    origin: str = "text"                       # table | text
    review: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Unread:
    """A row or sentence that could not be read, kept as a comment in the draft."""
    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class Doc:
    """A normalized document: ``lines[i]`` is line i+1 of the file."""
    lines: tuple[str, ...]
    source: str
    encoding: str
    title: str
    region: str | None
    doc_year: int | None                       # 2024年…工作要点: every target is for 2024
    period: tuple[int, int] | None             # 十四五: (2020, 2025)
    owner_first: bool                          # the plan says the first-named unit leads


PERIODS = {"十三五": (2015, 2020), "十四五": (2020, 2025), "十五五": (2025, 2030)}
DOC_YEAR_RE = re.compile(r"(\d{4})年度?[^。]*?(?:工作要点|工作计划|重点工作|工作安排|工作方案|要点)")


def read_doc(text: str, source: str = "<text>", encoding: str = "utf-8") -> Doc:
    """Split ``text`` into normalized lines and read the title, region and years it states."""
    raw = re.split(r"\r\n|\r|\n", text.lstrip("\ufeff"))
    if len(raw) > 1 and raw[-1] == "":
        raw.pop()                               # the newline that ends the last line
    lines = tuple(normalize_line(s) for s in raw)
    title = _title(lines)
    head = " ".join(lines[:12])
    m = DOC_YEAR_RE.search(title) or DOC_YEAR_RE.search(head)
    period = next((v for k, v in PERIODS.items() if k in title), None)
    region = (re.match(r"(?:\d{4}年度?)?([\u4e00-\u9fff]{1,6}?(?:自治州|自治县|区|县|市|盟|旗))", title)
              or re.match(r"(?:\d{4}年度?)?([\u4e00-\u9fff]{1,6}?州)", title))
    owner_first = bool(re.search(r"(排名)?第一(责任)?单位为牵头单位|第一责任单位(为|是)牵头", "".join(lines)))
    return Doc(lines=lines, source=source, encoding=encoding, title=title,
               region=region.group(1) if region else None, doc_year=int(m.group(1)) if m else None,
               period=period, owner_first=owner_first)


TITLE_END = re.compile(r"(方案|计划|要点|规划|纲要|意见|通知|办法|措施|清单|公告|报告)(\([^)]*\))?$")


def _title(lines) -> str:
    """The first line among the first 15 that reads as a document's title, else the first line."""
    heads = [s for s in lines[:15] if s]
    first = next((s for s in heads if len(s) <= 100 and (TITLE_END.search(s) or "《" in s)),
                 heads[0] if heads else "")
    inner = re.search(r"《([^》]+)》", first)
    t = inner.group(1) if inner and len(inner.group(1)) > 6 else first
    t = re.sub(r"^关于印发|的通知$|^关于", "", t)
    return re.sub(r"\((征求意见稿|送审稿|草案|试行|修订稿)\)$", "", t).strip() or "untitled"


# ---- owners ---------------------------------------------------------------------------------------

OWNER_HEAD = re.compile(r"^(?:责任单位|牵头单位|责任部门|牵头部门|责任主体)[:：]?")
OWNER_TAIL = re.compile(r"(牵头|按职责分工|按照职责分工|按照责任分工|按责任分工|负责|具体实施)")


def owner_of(content: str, owner_first: bool) -> str | None:
    """The owner named by a parenthesis such as ``责任单位:区科技局、妙西镇`` or ``市发改委牵头``.

    ``X牵头,…`` gives X; a 责任单位 list gives its first unit when the plan says the first-named
    leads, else the whole list. None when the parenthesis names no owner.
    """
    s = re.sub(r"<[^>]*>", "", content).strip(" ,")
    head = OWNER_HEAD.match(s)
    if head:
        s = s[head.end():]
        units = _split_units(s)
        return (units[0] if owner_first else "、".join(units)) if units else None
    m = re.search(r"牵头", s)
    if m:
        lead = re.split(r"[,;]", s[:m.start()])[-1]
        return lead.strip() or None
    m = OWNER_TAIL.search(s)
    if m and m.start() > 1:
        return re.sub(r"等?(单位)?$", "", s[:m.start()]).strip() or None
    return None


def _split_units(s: str) -> list[str]:
    """Units of a list written with 、 or , (parentheses inside a unit's name kept)."""
    out, depth, cur = [], 0, ""
    for c in s:
        depth += (c == "(") - (c == ")")
        if c in "、," and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += c
    out.append(cur)
    return [u.strip() for u in out if u.strip()]


# ---- units ------------------------------------------------------------------------------------------

MAGNITUDE = r"(?:十|百|千|万|十万|百万|千万|亿|十亿|百亿|千亿|万亿)"
UNIT_BASES = sorted("""元 美元 欧元 个 家 项 名 人 人次 位 户 次 场 所 条 件 座 处 套 台 辆 张 床 篇 只 头 部 支 份 例
种 款 艘 列 班 棵 株 宗 笔 间 栋 幢 村 亩 公顷 平方公里 平方米 立方米 公里 千米 米 吨 千瓦 兆瓦 千瓦时
千克 克 天 小时 分钟 年 岁 分 倍 标箱 标准箱 微克/立方米 毫克/立方米 公里/百平方公里 人/万人 床/千人
个百分点 百分点 % ‰""".split(), key=len, reverse=True)
PER_SUFFIX = r"(?:/(?:年|人|户|天|小时|百平方公里|平方公里|万人|千人|百人|立方米))?"
UNIT_RE = re.compile(rf"(?:{MAGNITUDE}?(?:{'|'.join(map(re.escape, UNIT_BASES))}){PER_SUFFIX}"
                     rf"|:1|{MAGNITUDE})")
MONEY = ("元", "美元", "欧元")


def indicator_unit(phrase_unit: str) -> tuple[str, str | None]:
    """The indicator's unit for a value written with ``phrase_unit``, and a review reason if guessed.

    Money keeps its magnitude (25亿元 -> 亿元); other units drop it (2万人 -> 人, 2.5万亩 -> 亩);
    a bare magnitude is money (60亿 -> 亿元, guessed); ``:1`` is a ratio ``x:1``.
    """
    u = phrase_unit
    if u == ":1":
        return "x:1", None
    if re.fullmatch(MAGNITUDE, u):
        return u + "元", f"unit guessed: '{u}' read as {u}元"
    base = re.sub(rf"^{MAGNITUDE}", "", u) if u not in UNIT_BASES else u
    if base.startswith(MONEY) or base in MONEY:
        return u, None
    return base or u, None


# ---- ids --------------------------------------------------------------------------------------------

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
            s, reason = f"ind_{k:02d}", "id is positional (no glossary word in the name): rename it"
        elif cover < MIN_COVER:
            reason = "id made from a small part of the name: check it"
        seen[s] += 1
        out.append((s if seen[s] == 1 else f"{s}_{seen[s]}", reason))
    return out


# ---- assembling the draft -----------------------------------------------------------------------


@dataclass
class Draft:
    """The result of extraction: YAML text, the checked spec and counts for the summary."""
    yaml: str
    spec: object
    summary: dict


def extract_file(path: str | Path, encoding: str | None = None, **years) -> Draft:
    """Read the document at ``path`` and draft a spec (see ``extract_text``)."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as e:
        raise SimError(f"cannot read the document: {e.strerror}", file=str(path)) from None
    text, used = decode(data, encoding)
    return extract_text(text, source=p.name, encoding=used, **years)


def extract_text(text: str, source: str = "<text>", encoding: str = "utf-8",
                 base_year: int | None = None, target_year: int | None = None) -> Draft:
    """Draft a spec from a plan's text: tables and target sentences, checked by loads_spec.

    ``base_year``/``target_year`` override the plan years read from the document.
    """
    from sim.extract_sentences import read_sentences
    from sim.extract_tables import read_tables

    doc = read_doc(text, source, encoding)
    tables, table_unread, table_lines = read_tables(doc)
    sentences, text_unread = read_sentences(doc, skip=table_lines)
    entries = [e for t in tables for e in t.entries] + sentences
    unread = table_unread + text_unread
    if not entries:
        raise SimError(f"no indicator table and no target sentence found in {source}",
                       hint="tables need a header such as '指标 | 2022年 | 2027年目标'; sentences "
                            "need a number with a unit or a word such as 达到/不少于/增长")
    plan, year_note = _plan_years(doc, tables, entries, base_year, target_year)
    entries, dropped = _settle_years(entries, plan)
    unread += dropped
    entries = _merge(entries)
    for e in entries:
        _direction(e)
    if not entries:
        raise SimError(f"every target found in {source} is for a year not after the base year",
                       hint="see the unread reasons; pass --base-year")
    spec, yaml_text, unread = _checked(doc, plan, year_note, entries, unread)
    from sim.specjson import kind_counts
    summary = {
        "source": source, "encoding": encoding, "lines": len(doc.lines),
        "traditional_converted": traditional_count(text),
        "tables": len(tables), "table_rows": sum(len(t.entries) for t in tables),
        "indicators": len(spec.indicators),
        "entries": {"table": sum(1 for e in entries if e.origin == "table"),
                    "text": sum(1 for e in entries if e.origin == "text")},
        "targets": kind_counts(spec),
        "review": sum(1 for i in spec.indicators if i.review and not i.parent)
        + len({i.parent for i in spec.indicators if i.review and i.parent}),
        "unread": len(unread), "base_year": plan["base_year"], "target_year": plan["target_year"],
    }
    return Draft(yaml=yaml_text, spec=spec, summary=summary)


def _plan_years(doc: Doc, tables, entries, base_year, target_year) -> tuple[dict, str]:
    """plan.base_year and target_year (given, or from a table header, the title, the plan period,
    the targets' years) and a note saying where each came from."""
    how = []
    header = next(((t.base_year, t.target_year) for t in tables if t.target_year), None)
    years = Counter(y for e in entries for y, _ in e.targets if y is not None)
    if target_year is not None:
        how.append(f"target_year {target_year} given")
    elif header:
        target_year = header[1]
        how.append(f"target_year {target_year} from the table header")
    elif doc.doc_year:
        target_year = doc.doc_year
        how.append(f"target_year {target_year} from the title")
    elif doc.period:
        target_year = doc.period[1]
        how.append(f"target_year {target_year} from the plan period")
    elif years:
        target_year = max(years, key=lambda y: (years[y], y))
        how.append(f"target_year {target_year}: the year most targets name")
    else:
        raise SimError(f"no target year found in {doc.source}", hint="pass --target-year")
    if base_year is not None:
        how.append(f"base_year {base_year} given")
    elif header and header[0]:
        base_year = header[0]
        how.append(f"base_year {base_year} from the table header")
    elif doc.period and doc.period[1] == target_year:
        base_year = doc.period[0]
        how.append(f"base_year {base_year} from the plan period")
    else:
        base_year = min([y for y in years if y <= target_year] or [target_year]) - 1
        how.append(f"base_year {base_year} guessed: the year before the first target year")
    if base_year >= target_year:
        raise SimError(f"base_year {base_year} is not before target_year {target_year}",
                       hint="pass --base-year and --target-year")
    return {"base_year": base_year, "target_year": target_year}, "; ".join(how)


def _settle_years(entries: list[Entry], plan: dict) -> tuple[list[Entry], list[Unread]]:
    """Unstated target years become the plan's target year (marked for review); targets for a
    year not after the base year are not targets and become unread."""
    kept, unread = [], []
    for e in entries:
        targets = []
        for y, t in e.targets:
            if y is None:
                y = plan["target_year"]
                if not any(r.startswith("year masked") for r in e.review):
                    _add(e.review, f"year not stated: read as the plan's target year {y}")
            if y <= plan["base_year"]:
                unread.append(Unread(e.line, e.text, f"'{t}' is for {y}, not after the base year "
                                     f"{plan['base_year']} (an actual, not a target?)"))
                continue
            targets.append((y, t))
        if e.targets and not targets:
            continue
        e.targets = targets
        kept.append(e)
    return kept, unread


DECREASE_NAME = re.compile(r"浓度|能耗|排放|失业率|死亡率|发生率|事故|收入比|差距|用时|时长|通勤圈|交通圈")
OP_WORDS = re.compile(r"以上|以下|以内|不少于|不低于|不超过|不高于|超过|突破|高于|低于|控制在|降|减少|增长|提高|"
                      r"达到|达|力争|左右|约|累计|平均|任务|[~<>]")


def _direction(e: Entry):
    """A plain-number target of an indicator whose name says less is better: decrease (review)."""
    if e.direction or not DECREASE_NAME.search(e.name):
        return
    plain_targets = [t for _, t in e.targets if not isinstance(t, str)
                     or re.search(r"[\d*]", t) and not OP_WORDS.search(t)]
    if plain_targets:
        e.direction = "decrease"
        _add(e.review, "direction guessed from the name: decrease (less is better)")


def _merge(entries: list[Entry]) -> list[Entry]:
    """Text entries with the same name and unit become one indicator with all their targets."""
    out: list[Entry] = []
    by_key: dict[tuple, Entry] = {}
    for e in entries:
        key = (e.name, e.unit)
        first = by_key.get(key) if e.origin == "text" else None
        if first is None or first.origin != "text":
            by_key.setdefault(key, e)
            out.append(e)
            continue
        for t in e.targets:
            if t not in first.targets:
                first.targets.append(t)
        first.notes.append(f"also at line {e.line}: {e.text}")
        for r in e.review:
            _add(first.review, r)
    return out


def _add(reasons: list[str], reason: str):
    if reason not in reasons:
        reasons.append(reason)


def _checked(doc, plan, year_note, entries, unread):
    """Render and check; entries the spec checker refuses become unread comments."""
    from sim.spec import loads_spec

    while True:
        ids = _ids(entries)
        text = render(doc, plan, year_note, entries, ids, unread)
        try:
            return loads_spec(text, doc.source), text, unread
        except SpecErrors as e:
            bad = {err.indicator for err in e.errors}
            if None in bad:
                raise
            keep = []
            for entry, (ident, _) in zip(entries, ids):
                if ident in bad:
                    msg = "; ".join(err.message for err in e.errors if err.indicator == ident)
                    unread = unread + [Unread(entry.line, entry.text, f"refused by the spec check: {msg}")]
                else:
                    keep.append(entry)
            entries = keep
            if not entries:
                reasons = "; ".join(f"line {u.line}: {u.reason}" for u in unread[:3])
                raise SimError(f"nothing readable in {doc.source}: every entry was refused ({reasons})",
                               hint="check the years (--base-year, --target-year) and units") from None


def _q(s) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(str(s), ensure_ascii=False)


def _v(x) -> str:
    return plain(x) if isinstance(x, (int, float)) else _q(x)


def render(doc: Doc, plan: dict, year_note: str, entries: list[Entry], ids, unread) -> str:
    """The draft as spec YAML, with unread rows as ``# unread:`` comments in line order."""
    out = [f"# Draft spec extracted by `sim extract` from {doc.source} ({doc.encoding}, "
           f"{len(doc.lines)} lines).",
           "# Review before use: `review: true` entries say why; ids are generated (rename them);",
           "# `# unread:` comments are rows or sentences that could not be read. Then run",
           "# `sim validate` and `sim check` on this file.",
           f"# Plan years: {year_note}.",
           "plan:",
           f"  id: {_plan_id(doc.source)}",
           f"  title: {_q(doc.title)}"]
    if doc.region:
        out.append(f"  region: {_q(doc.region)}")
    out += [f"  source: {_q(doc.source)}", f"  base_year: {plan['base_year']}",
            f"  target_year: {plan['target_year']}", "indicators:"]
    items = [(e.line, 0, k) for k, e in enumerate(entries)] + [(u.line, 1, k) for k, u in enumerate(unread)]
    for line, kind, k in sorted(items):
        if kind:
            u = unread[k]
            out.append(f"  # unread: line {u.line}: {_q(u.text[:200])}: {u.reason}".replace("\n", " "))
        else:
            out += _entry_yaml(entries[k], ids[k], plan)
    return "\n".join(out) + "\n"


def _plan_id(source: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", Path(source).stem.lower()).strip("-")
    return s if s else "draft"


def _entry_yaml(e: Entry, ident: tuple[str, str | None], plan: dict) -> list[str]:
    ident, id_reason = ident
    review = list(e.review) + ([id_reason] if id_reason else [])
    lines = [f"  - id: {ident}", f"    name: {_q(e.name)}", f"    unit: {_q(e.unit)}"]
    if e.unit.endswith(MONEY):
        lines.append("    basis: nominal")
    if e.direction:
        lines.append(f"    direction: {e.direction}")
    if e.attribute:
        lines.append(f"    attribute: {e.attribute}")
    if e.owner:
        lines.append(f"    owner: {_q(e.owner)}")
    if e.baseline is None:
        lines.append("    baseline: null")
    elif e.baseline_year and e.baseline_year != plan["base_year"] and isinstance(e.baseline, float):
        lines.append(f"    baseline: {{year: {e.baseline_year}, value: {_v(e.baseline)}}}")
    else:
        lines.append(f"    baseline: {_v(e.baseline)}")
        if e.baseline_year and e.baseline_year != plan["base_year"]:
            review.append(f"the baseline cell is for {e.baseline_year}, read at base_year {plan['base_year']}")
    compound = isinstance(e.baseline, str) or any(isinstance(t, str) and _is_compound(t, e.unit)
                                                  for _, t in e.targets)
    if len(e.targets) == 1 and (e.targets[0][0] == plan["target_year"] or compound):
        lines.append(f"    target: {_v(e.targets[0][1])}")
    elif e.targets:
        lines.append("    targets:")
        lines += [f"      - {{year: {y}, target: {_v(t)}}}" for y, t in e.targets]
    labels = _compound_labels(e)
    if labels:
        parts = ", ".join(f"{_q(lab)}: {ident}_{k}" for k, lab in enumerate(labels, 1))
        lines.append(f"    parts: {{{parts}}}")
        review.append(f"compound cell: sub-indicator ids {ident}_1.. are generated")
    if e.notes:
        lines.append(f"    notes: {_q('; '.join(e.notes))}")
    if review:
        lines += ["    review: true", f"    review_reason: {_q('; '.join(review))}"]
    lines.append(f"    source: {{line: {e.line}, text: {_q(e.text)}}}")
    return lines


def _is_compound(cell: str, unit: str) -> bool:
    from sim.phrases import split_compound
    return split_compound(cell, unit) is not None


def _compound_labels(e: Entry) -> list[str]:
    from sim.phrases import split_compound
    for cell in [e.baseline] + [t for _, t in e.targets]:
        parts = split_compound(cell, e.unit) if isinstance(cell, str) else None
        if parts:
            return [lab for lab, _ in parts]
    return []


def summary_text(d: Draft, output: str | None) -> str:
    """The stderr summary: tables, indicators, targets by kind, review and unread counts."""
    s = d.summary
    kinds = ", ".join(f"{k} {v}" for k, v in s["targets"].items()) or "none"
    return "\n".join([
        f"extract: {s['source']} ({s['encoding']}, {s['lines']} lines"
        + (f", {s['traditional_converted']} traditional characters simplified" if s["traditional_converted"] else "")
        + ")",
        f"  tables: {s['tables']} ({s['table_rows']} rows read)",
        f"  indicators: {s['indicators']} (from {s['entries']['table']} table rows and "
        f"{s['entries']['text']} sentences)",
        f"  targets: {sum(s['targets'].values())} ({kinds})",
        f"  plan years: base {s['base_year']}, target {s['target_year']}",
        f"  needing review: {s['review']}; unread (commented in the draft): {s['unread']}",
        f"  wrote {output}" if output else "  (draft on stdout)",
    ])
