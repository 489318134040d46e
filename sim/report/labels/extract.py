"""`sim extract`'s draft and summary: review reasons, `# unread:` reasons, the draft's header and
the stderr summary. code -> (English, 中文)."""
from __future__ import annotations
from sim.report.labels.check import KINDS

_ROLE = {"zh": {"name": "指标名称", "unit": "单位", "baseline": "基期值", "target": "目标值", "year": "年份",
                "growth": "增速", "attribute": "属性", "owner": "责任单位", "category": "类别"}}


def _column(lang, t, label, role) -> str:
    if lang == "en":
        return f"a name '{t}' in the {label or role} column"
    return f"{label or _ROLE['zh'].get(role, role)}列中是名称'{t}'"


def _attr_column(lang, t, label, role) -> str:
    if lang == "en":
        return f"'{t}' (an attribute) in the {label or role} column"
    return f"{label or _ROLE['zh'].get(role, role)}列中是属性'{t}'"


def _refused(lang, why) -> str:
    return ("refused by the spec check: " if lang == "en" else "未通过规划检查:") + \
        ("; " if lang == "en" else ";").join(why)


def _bracket_change(lang, cell, unit) -> str:
    if lang == "en":
        return f"bracketed change over the period '{cell}' not converted (unit {unit or 'none'})"
    return f"括号中的规划期变化量'{cell}'未换算(单位 {unit or '无'})"


def _header(lang, source, encoding, lines, years) -> str:
    if lang == "en":
        return "\n".join([f"# Draft spec extracted by `sim extract` from {source} ({encoding}, {lines} lines).",
                          "# Review before use: `review: true` entries say why; ids are generated (rename them);",
                          "# `# unread:` comments are rows or sentences that could not be read. Then run",
                          "# `sim validate` and `sim check` on this file.",
                          f"# Plan years: {'; '.join(years)}."])
    return "\n".join([f"# 由 `sim extract` 从 {source}({encoding},{lines} 行)提取的规划草稿。",
                      "# 使用前请审阅:`review: true` 的条目写明了原因;id 为自动生成(请改名);",
                      "# `# unread:` 注释是未能读取的表格行或句子。审阅后对本文件运行",
                      "# `sim validate` 和 `sim check`。",
                      f"# 规划年份:{';'.join(years)}。"])


def _summary(lang, s, output) -> str:
    none = "none" if lang == "en" else "无"
    kinds = ((", " if lang == "en" else ",").join(f"{KINDS[lang].get(k, k)} {v}" for k, v in s["targets"].items())
             or none)
    n = sum(s["targets"].values())
    if lang == "en":
        return "\n".join([
            f"extract: {s['source']} ({s['encoding']}, {s['lines']} lines"
            + (f", {s['traditional_converted']} traditional characters simplified"
               if s["traditional_converted"] else "") + ")",
            f"  tables: {s['tables']} ({s['table_rows']} rows read)",
            f"  indicators: {s['indicators']} (from {s['entries']['table']} table rows and "
            f"{s['entries']['text']} sentences)",
            f"  targets: {n} ({kinds})",
            f"  plan years: base {s['base_year']}, target {s['target_year']}",
            f"  needing review: {s['review']}; unread (commented in the draft): {s['unread']}",
            f"  wrote {output}" if output else "  (draft on stdout)"])
    return "\n".join([
        f"extract: {s['source']}({s['encoding']},{s['lines']} 行"
        + (f",{s['traditional_converted']} 个繁体字已转为简体" if s["traditional_converted"] else "") + ")",
        f"  表格:{s['tables']} 个(读取 {s['table_rows']} 行)",
        f"  指标:{s['indicators']} 个(来自 {s['entries']['table']} 个表格行和 {s['entries']['text']} 个句子)",
        f"  目标:{n} 个({kinds})",
        f"  规划年份:基期 {s['base_year']},目标年 {s['target_year']}",
        f"  需审阅:{s['review']};未读取(在草稿中以注释列出):{s['unread']}",
        f"  已写入 {output}" if output else "  (草稿输出到标准输出)"])


TEMPLATES = {
    "draft.draft_header": (_header, _header),
    "draft.summary": (_summary, _summary),
    "draft.at_line": ("line {line}", "第 {line} 行"),
    # where a line stands in a .docx/.xlsx/.html/.pdf file
    "where.at": ("{source}, {place}", "{source},{place}"),
    "where.row": ("{place}, row {row}", "{place} 第 {row} 行"),
    "where.paragraph": ("paragraph {n}", "第 {n} 段"),
    "where.table": ("table {n}", "表 {n}"),
    "where.sheet": ("sheet {name}", "工作表 {name}"),
    "where.text_line": ("text line {n}", "正文第 {n} 行"),
    "where.page": ("page {page}", "第 {page} 页"),
    "where.page_table": ("page {page}, table {table}", "第 {page} 页表 {table}"),
    "where.continued": ("{place} (continued)", "{place}(续)"),
    # plan years
    "draft.year_given": ("{key} {year} given", "{key} {year} 由参数给出"),
    "draft.year_header": ("{key} {year} from the table header", "{key} {year} 取自表头"),
    "draft.year_title": ("{key} {year} from the title", "{key} {year} 取自标题"),
    "draft.year_period": ("{key} {year} from the plan period", "{key} {year} 取自规划期"),
    "draft.year_most": ("{key} {year}: the year most targets name", "{key} {year}:多数目标所写的年份"),
    "draft.base_guessed": ("base_year {year} guessed: the year before the first target year",
                             "base_year {year} 为推测:首个目标年份的前一年"),
    # unread reasons
    "draft.no_name": ("no indicator name", "没有指标名称"),
    "draft.number_in_name": ("a number '{t}' where the name belongs", "指标名称处是数字'{t}'"),
    "draft.unit_in_name": ("a unit '{t}' where the name belongs", "指标名称处是单位'{t}'"),
    "draft.number_in_unit": ("a number '{t}' where the unit belongs", "单位处是数字'{t}'"),
    "draft.name_in_column": (_column, _column),
    "draft.attribute_in_column": (_attr_column, _attr_column),
    "draft.attribute_in_name": ("'{t}' (an attribute) where the name belongs", "指标名称处是属性'{t}'"),
    "draft.not_row_number": ("'{t}' where the row number belongs", "序号处是'{t}'"),
    "draft.not_attribute": ("'{t}' where the attribute belongs", "属性处是'{t}'"),
    "draft.cell_count": ("{cells} cells where the header has {columns}", "有 {cells} 个单元格,表头有 {columns} 列"),
    "draft.cells_misfit": ("cells do not fit the columns", "单元格与表格各列对不上"),
    "draft.not_after_base": ("'{target}' is for {year}, not after the base year {base} (an actual, not a target?)",
                               "'{target}'是 {year} 年的数值,不晚于基期 {base} 年(是实际值而非目标?)"),
    "draft.refused": (_refused, _refused),
    "draft.phrase_not_understood": ("'{phrase}' not understood: {error}", "'{phrase}'无法读取:{error}"),
    "draft.no_name_sentence": ("'{phrase}': no indicator name in the sentence", "'{phrase}':句中没有指标名称"),
    # review reasons
    "draft.baseline_estimate": ("baseline cell '{cell}' is an estimate: read as {value}",
                                  "基期值单元格'{cell}'是估计值:按 {value} 读取"),
    "draft.baseline_not_plain": ("baseline cell '{cell}' is not a plain value (left out)",
                                   "基期值单元格'{cell}'不是单一数值(未读取)"),
    "draft.bracket_notation": ("bracketed '{cell}' read by the plan-table notation for '{name}' "
                                 "(see the normalized target)",
                                 "括号中的'{cell}'按规划表对'{name}'的写法读取(见规范化后的目标)"),
    "draft.bracket_total": ("bracketed '{cell}' read as a total over the period (累计)",
                              "括号中的'{cell}'按规划期累计值读取(累计)"),
    "draft.target_not_understood": ("target cell '{cell}' not understood: {error}",
                                      "目标值单元格'{cell}'无法读取:{error}"),
    "draft.bracket_growth": ("bracketed growth '{cell}' (a change over the period) not converted",
                               "括号中的增速'{cell}'(规划期内的变化)未换算"),
    "draft.growth_not_understood": ("growth cell '{cell}' not understood", "增速单元格'{cell}'无法读取"),
    "draft.growth_not_understood_why": ("growth cell '{cell}' not understood: {error}",
                                          "增速单元格'{cell}'无法读取:{error}"),
    "draft.bracket_change": (_bracket_change, _bracket_change),
    "draft.growth_history_unread": ("growth history cell '{cell}' not read", "历年增速单元格'{cell}'未读取"),
    "draft.unit_guessed_money": ("unit guessed: '{unit}' read as {unit}元", "单位为推测:'{unit}'按 {unit}元 读取"),
    "draft.unit_from_value": ("unit not given: '{unit}' taken from a value cell", "未给出单位:'{unit}'取自数值单元格"),
    "draft.unit_not_in_table": ("unit not given in the table", "表中未给出单位"),
    "draft.unit_from_name": ("unit guessed from the name: {unit}", "单位由名称推测:{unit}"),
    "draft.unit_not_stated_growth": ("unit not stated (a growth rate is given)", "未写单位(给出的是增速)"),
    "draft.unit_not_stated": ("unit not stated", "未写单位"),
    "draft.attribute_unknown": ("attribute '{cell}' is neither 预期性 nor 约束性", "属性'{cell}'既不是预期性也不是约束性"),
    "draft.value_column_no_year": ("a value column names no year: the plan's years are used",
                                     "有数值列未写年份:按规划年份读取"),
    "draft.starred": ("a starred value: the table's footnote may change its basis", "带星号的数值:表注可能改变其口径"),
    "draft.starred_note": ("{label}: {raw} (starred in the table: see its footnote)",
                             "{label}: {raw}(表中带星号:见表注)"),
    "draft.year_not_stated": ("year not stated: read as the plan's target year {year}",
                                "未写年份:按规划目标年 {year} 年读取"),
    "draft.year_masked": ("year masked (****年): read as the plan's target year", "年份被遮盖(****年):按规划目标年读取"),
    "draft.digits_masked": ("digits masked (*): the value is not published", "数字被遮盖(*):数值未公开"),
    "draft.direction_guessed": ("direction guessed from the name: decrease (less is better)",
                                  "方向由名称推测:下降(越小越好)"),
    "draft.each_year": ("每年: a value for each year", "每年: 每年一个数值"),
    "draft.also_at": ("also at line {line}: {text}", "第 {line} 行也有:{text}"),
    "draft.slogan": ("the number is in a quoted slogan: name the indicator", "数字在引号中的口号里:请写出指标名称"),
    "draft.several_numbers": ("several numbers in the phrase: the target was chosen, the others are kept in the name",
                                "短语中有多个数字:已选出目标值,其余保留在名称中"),
    "draft.name_before": ("name taken from the text before the number: check it", "名称取自数字前的文字:请核对"),
    "draft.long_name": ("long name taken from the sentence as written: shorten it", "较长的名称按原句照录:请缩短"),
    "draft.reference_target": ("a reference target: add a `references:` series to assess it",
                                 "参照目标:加一个 `references:` 序列才能评估"),
    "draft.id_positional": ("id is positional (no glossary word in the name): rename it",
                              "id 按位置生成(名称中没有词表里的词):请改名"),
    "draft.id_partial": ("id made from a small part of the name: check it", "id 只取自名称的一小部分:请核对"),
    "draft.baseline_year": ("the baseline cell is for {year}, read at base_year {base}",
                              "基期值单元格是 {year} 年的,按 base_year {base} 读取"),
    "draft.compound": ("compound cell: sub-indicator ids {id}_1.. are generated", "复合单元格:子指标 id {id}_1.. 为自动生成"),
}
