"""Numbers with units in running text (`2万人以上`, `8.5%`, `一千亿`) and the words around them."""
from __future__ import annotations

import re

from sim.extract.doc import UNIT_RE
from sim.spec.numerals import ARABIC
from sim.spec.phrases import (
    BY_DIRECTION,
    MASK,
    PRE_OPS,
)

NUMBER = re.compile(rf"{MASK}|{ARABIC}|[零〇一二两三四五六七八九十百千]+")


DATE = re.compile(r"\d{1,2}月\d{1,2}日")


CHINESE_NUM = re.compile(r"[零〇一二两三四五六七八九十百千]+")


YEAR_MARK = re.compile(r"(?<![比较\d*])(?:到|至|截至|截止到?|在)?(\d{4}|\*{4})年(?:度|底|末)?(?![\d*]{1,2}月)")


SUFFIX = re.compile(r"及以上|以上|及以下|以下|以内|之内|左右|上下|(?:多|余)(?![\u4e00-\u9fff])")


PERCENT = ("%", "‰", "个百分点", "百分点")


GROWTH_TOKENS = ["年均增长", "年平均增长", "平均每年增长", "年均增速", "年均", "增长", "增速", "增幅",
                 "递增", "下降", "降低", "减少", "提高", "提升", "上升", "增加"]


LEVEL_TOKENS = sorted(set(PRE_OPS) | BY_DIRECTION | {"力争"}, key=len, reverse=True)


RELATIVE = re.compile(r"(?:比|较|相比)(?:\d{4})年?末?(?:水平)?(?:下降|降低|减少|增长|提高|提升|增加|上升)$")


TARGET_VERBS = re.compile(
    r"新增|新建|新培育|培育|引进|招引|创建|创成|建设|建成|完成|实施|打造|举办|开展|达成|争取|推动|实现|"
    r"扩建|改造|选树|推荐|认定|推广|组织|吸引|落地|启动|签约|签订|培训|建立|形成|发放|申报|获批|入选|"
    r"招聘|帮扶|增加|增设|设立|开工|竣工|投产|整治|治理|修复|造林|种植|开通|开行|培养|引育|接待|吸纳|"
    r"带动|储备|新登记|供地|覆盖|认证|评选|命名|保持|稳定|规划")


class _Q:
    """A number in a clause that may be a target: where it is and how it is written."""

    def __init__(self, clause: str, m: re.Match):
        self.start, self.num_end = m.start(), m.end()
        self.num = m.group(0)
        rest = clause[m.end():]
        u = re.match(r":1(?!\d)", rest) or UNIT_RE.match(rest)
        self.unit = u.group(0) if u else ""
        if self.unit and rest[len(self.unit):].startswith(("月", "日", "届", "事")):
            self.unit = ""
        s = SUFFIX.match(rest, len(self.unit))
        self.suffix = s.group(0) if s else ""
        self.end = m.end() + len(self.unit) + len(self.suffix)
        self.op_start = self.start
        self.ops = ""

    @property
    def percent(self) -> bool:
        return self.unit in PERCENT

    def strip_ops(self, clause: str, floor: int):
        """Move the comparison words just before the number into ``ops``."""
        before = clause[floor:self.start]
        tokens = LEVEL_TOKENS + (GROWTH_TOKENS if self.percent else [])
        changed = True
        while changed:
            changed = False
            rel = RELATIVE.search(before) if self.percent or self.unit == "倍" else None
            if rel:
                before = before[:rel.start()]
                changed = True
                continue
            for tok in tokens:
                if before.endswith(tok):
                    before = before[:-len(tok)]
                    changed = True
                    break
        self.op_start = floor + len(before)
        self.ops = clause[self.op_start:self.start]


def _quantities(clause: str, listing: bool = False) -> list[_Q]:
    """Numbers of ``clause`` that read as targets; ``listing``: the clause goes on a list of
    targets begun in the sentence, so it needs no verb of its own."""
    if DATE.search(clause):
        return []
    out = []
    for m in NUMBER.finditer(clause):
        q = _Q(clause, m)
        before, after = clause[:m.start()], clause[q.num_end:]
        if before.endswith(("第", "+", "-", "~")) or after.startswith("+"):
            continue
        if not q.unit and after.startswith(("年", "月", "日", "号", "届", "期")):
            continue
        if re.search(r"[A-Za-z]$", before) or re.match(r"[A-Za-z]", after):
            continue
        if re.match(r"\d{4}$", q.num) and after.startswith("年"):
            continue
        q.strip_ops(clause, out[-1].end if out else 0)
        strong = bool(q.ops)
        if q.unit == "年" and not (strong and re.fullmatch(r"\d{1,2}(?:\.\d+)?", q.num)):
            continue
        if _in_title(clause, m.start()) or (not strong and clause[q.end:q.end + 1] == "的"):
            continue
        chinese = CHINESE_NUM.fullmatch(q.num) is not None
        if chinese and not (strong and q.unit):
            continue
        if not q.unit and not q.ops:
            continue
        if q.ops == "" and not q.suffix and not q.percent and not listing and not TARGET_VERBS.search(
                re.sub(r"《[^》]*》", "", clause)):
            continue
        if _in_quotes(clause, m.start()) and not strong:
            continue
        out.append(q)
    return out


def _in_quotes(clause: str, i: int) -> bool:
    return clause[:i].count("“") > clause[:i].count("”")


def _in_title(clause: str, i: int) -> bool:
    return clause[:i].count("《") > clause[:i].count("》")
