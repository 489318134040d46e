"""Errors of a plan's data files (CSV/xlsx tables of actuals) and of --as-of: code -> (English, 中文)."""
from __future__ import annotations


def _join(lang: str, items) -> str:
    return ("、" if lang == "zh" else ", ").join(str(x) for x in items)


_FIELDS = {"indicator": "指标", "year": "年份", "value": "数值", "unit": "单位", "source": "来源", "vintage": "数据类型",
           "published": "发布日期"}


def _column(lang: str, name: str, letters: bool) -> str:
    if lang == "en":
        return f"column {name}"
    return f"{name} 列" if letters else f"第{name}列"


def _columns(lang: str, n, field, names) -> str:
    shown = _join(lang, [f"'{h}' ({c})" if lang == "en" else f"'{h}'({c})" for h, c in names])
    if lang == "en":
        return f"{n} columns give the {field}: {shown}"
    return f"有 {n} 列都是{_FIELDS.get(field, field)}:{shown}"


TEMPLATES: dict[str, tuple] = {
    "data.column": (_column, _column),
    "data.columns": (_columns, _columns),
    "data.columns_hint": ("keep one of them (rename or delete the others)", "请只保留其中一列(其余改名或删除)"),
    "data.bad_year_column": (lambda lang, header, column, long: f"the column '{header}' ({column}) cannot be read as a "
                             "year" + (" in a long table (one year column, one value column)" if long else ""),
                             lambda lang, header, column, long: f"列 '{header}'({column})无法读作年份"
                             + ("(长表只能有一列年份、一列数值)" if long else "")),
    "data.bad_year_column_hint": ("name year columns 2019, 2019年, 2020E or 2022(预计) (a vintage after the year), or "
                                  "delete the column", "年份列请写作 2019、2019年、2020E 或 2022(预计)(年份后可注明数据版本),"
                                  "或删除该列"),
    "data.year_repeats": ("the year '{label}' ({column}) repeats '{first}' ({first_column})",
                          "年份 '{label}'({column})与 '{first}'({first_column})重复"),
    "data.year_repeats_hint": ("keep one column per year (a second vintage goes as 2022(快报) and 2022(初步核实))",
                               "每年只保留一列(另一数据版本写作 2022(快报) 和 2022(初步核实))"),
    "data.beyond_header": ("a value in {column}, beyond the header's last column ({last})",
                           "{column} 有数值,超出了表头的最后一列({last})"),
    "data.beyond_header_hint": ("give the column a header, or delete the value", "请给该列加表头,或删除该数值"),
    "data.second_header": ("a second header row (the first is row {first})", "出现第二个表头行(第一个在第{first}行)"),
    "data.second_header_hint": ("keep one table per file or sheet: delete the repeated header, or move the second table "
                                "to its own sheet", "每个文件或工作表只放一张表:请删除重复的表头,或把第二张表移到单独的工作表"),
    "data.merged": ("the cell is part of the merged cells {range} (its value is in {top} only)",
                    "该单元格属于合并单元格 {range}(数值只在 {top} 中)"),
    "data.merged_hint": ("unmerge the cells in Excel and write the value into each cell", "请在 Excel 中取消合并,并在每个单元格中填写数值"),
    "data.formula": ("the cell {cell} holds the formula {formula} with no saved value", "单元格 {cell} 是公式 {formula},没有保存的数值"),
    "data.formula_hint": ("open the file in Excel and save it (so the values of formulas are stored), or paste values",
                          "请在 Excel 中打开并保存(以保存公式的数值),或粘贴为数值"),
    "data.bad_cell": ("{name}: {error}", "{name}:{error}"),
    "data.year_hint": ("a year between {low} and {high} (2019, 2019年; an estimate as 2020E or 2020(预计))",
                       "{low} 到 {high} 之间的年份(2019、2019年;预计数写作 2020E 或 2020(预计))"),
    "data.vintage_contradicts": ("{name}: the vintage '{text}' contradicts the year '{year}' ({label})",
                                 "{name}:数据版本 '{text}' 与年份 '{year}'({label})矛盾"),
    "data.keep_one": ("keep one of them", "请只保留其一"),
    "data.date_range": ("{name}: the publication date '{text}' is outside {low}-{high}", "{name}:发布日期 '{text}' 不在 {low}-{high} 之间"),
    "data.published_early": ("{name} {year}: published on {date}, before the year it reports", "{name} {year}:发布于 {date},早于数据所属年份"),
    "data.published_early_hint": ("a value is published during or after its year: check the date or the year",
                                  "数值在当年或之后发布:请检查日期或年份"),
    "data.named_in": ("{error} (named in {file}:{line})", "{error}(见 {file}:{line})"),
    "data.not_number": ("{name} {year}: '{value}' is not a number", "{name} {year}:'{value}' 不是数字"),
    "data.text_not_number": ("{name} {year}: the text '{value}' is not a number", "{name} {year}:文字 '{value}' 不是数字"),
    "data.text_not_number_hint": ("write the number alone (the unit goes in the 单位 column), or —, / or - for a "
                                  "missing value", "只写数字(单位写在“单位”列),缺失值写 —、/ 或 -"),
    "data.unusable": ("{name} {year}: {value:g} is not a usable value", "{name} {year}:{value:g} 不是可用的数值"),
    "data.unusable_hint": ("values must be finite and within ±{limit:g}", "数值须为有限值且在 ±{limit:g} 以内"),
    "data.not_year": ("{name}: '{value}' is not a year", "{name}:'{value}' 不是年份"),
    "data.year_range": ("a year between {low} and {high}", "应为 {low} 到 {high} 之间的年份"),
    "data.not_vintage": ("{name}: '{value}' is not a vintage", "{name}:'{value}' 不是数据版本"),
    "data.vintages": ("one of 预计, 快报, 初步核实, 最终核实 (or estimate, flash, preliminary, final)",
                      "应为 预计、快报、初步核实、最终核实 之一"),
    "data.not_date": ("{name}: '{value}' is not a publication date", "{name}:'{value}' 不是发布日期"),
    "data.date_hint": ("write it as 2024-03-31 or 2024年3月31日", "请写成 2024-03-31 或 2024年3月31日"),
    "data.several": (lambda lang, name, ids: f"'{name}' is the name of several indicators ({_join(lang, ids)})",
                     lambda lang, name, ids: f"'{name}' 是多个指标的名称({_join(lang, ids)})"),
    "data.use_id": ("use the indicator's id in the data file", "请在数据文件中使用指标 id"),
    "data.growth_unit": ("a growth rate in '{unit}'", "增速的单位为 '{unit}'"),
    "data.growth_unit_hint": ("growth rates are in % a year", "增速以每年 % 表示"),
    "data.unit": ("{year}: unit '{unit}' does not convert into the indicator's unit '{target}'",
                  "{year}:单位 '{unit}' 无法换算为指标的单位 '{target}'"),
    "data.unit_hint": ("give the value in a unit of the same base (e.g. 万元 for 亿元)", "请用同一基准的单位(如用 万元 对应 亿元)"),
    "data.share": ("{year}: {value:g}% is outside 0-100 for a share", "{year}:{value:g}% 超出比重的 0-100 范围"),
    "data.share_hint": ("check the unit or the value", "请检查单位或数值"),
    "data.positive": ("{year}: {value:g} is not positive, but the indicator grows at a compound rate",
                      "{year}:{value:g} 不是正数,但该指标按复合增速计算"),
    "data.positive_hint": ("set `model: linear` on an indicator that can be zero or negative",
                           "可为零或负值的指标请设 `model: linear`"),
    "data.differs": (lambda lang, year, growth, value, first, where: f"{year} {'growth' if growth else 'value'} "
                     f"{value:g} differs from {first:g} at {where}",
                     lambda lang, year, growth, value, first, where: f"{year}年{'增速' if growth else '数值'} "
                     f"{value:g} 与 {where} 处的 {first:g} 不同"),
    "data.differs_hint": ("keep one value, or give each its vintage (预计, 快报, 初步核实, 最终核实)",
                          "请只保留一个值,或为每个值注明数据版本(预计、快报、初步核实、最终核实)"),
    "data.encoding": ("the file is neither UTF-8 nor GB18030 text", "文件既不是 UTF-8 也不是 GB18030 文本"),
    "data.encoding_hint": ("save the table as CSV UTF-8 (or GB18030) from Excel, or as .xlsx",
                           "请在 Excel 中另存为 CSV UTF-8(或 GB18030),或 .xlsx"),
    "data.csv": (lambda lang, detail: f"cannot read the CSV: {detail}",   # the csv module's words: English only
                 lambda lang, detail: "无法读取该 CSV(引号或分隔符有误)"),
    "data.csv_hint": ("quote cells that contain commas, and close every quote", "含逗号的单元格请加引号,并闭合每个引号"),
    "data.row_width": ("row {row} has {cells} cells, the first row {width}", "第{row}行有 {cells} 个单元格,第一行有 {width} 个"),
    "data.row_width_hint": ("every row needs the same number of columns; quote cells that contain commas",
                            "每行的列数须相同;含逗号的单元格请加引号"),
    "data.workbook": (lambda lang, detail: f"cannot open the workbook: {detail}",
                      lambda lang, detail: "无法打开该工作簿(文件损坏或不是 .xlsx)"),
    "data.workbook_hint": ("save it again as .xlsx", "请重新另存为 .xlsx"),
    "data.no_sheet": ("no sheet '{sheet}'", "没有工作表 '{sheet}'"),
    "data.sheets": (lambda lang, names: "sheets: " + _join(lang, names), lambda lang, names: "已有工作表:" + _join(lang, names)),
    "data.empty_workbook": ("the workbook has no sheet with data", "工作簿中没有含数据的工作表"),
    "data.is_folder": ("a folder, not a data file", "这是文件夹,不是数据文件"),
    "data.no_rows": ("the table has a header (row {header}) but no rows of data under it",
                     "表格只有表头(第{header}行),下面没有数据行"),
    "data.no_rows_hint": ("add the values, or take the file out of `data:`", "请填入数据,或从 `data:` 中去掉该文件"),
    "data.not_found": ("data file not found", "找不到数据文件"),
    "data.not_found_hint": ("paths in `data:` are relative to the spec file", "`data:` 中的路径相对于规格文件"),
    "data.too_big": ("the file is over {mb} MB", "文件超过 {mb} MB"),
    "data.too_big_hint": ("keep the plan's indicators only, or split the file", "请只保留规划的指标,或拆分文件"),
    "data.no_header": ("no header row: need columns indicator/指标, year/年份, value/数值 (long form), or a first "
                       "column of indicators and year columns such as 2019 or 2019年 (wide form)",
                       "没有表头行:需要 指标/indicator、年份/year、数值/value 列(长表),或第一列为指标、"
                       "其余为 2019 或 2019年 这样的年份列(宽表)"),
    "data.no_indicator": ("a row with values but no indicator", "该行有数值但没有指标"),
    "data.no_indicator_hint": ("name the indicator (its id or its name) in the first column", "请在第一列写指标(id 或名称)"),
    "date.not_date": ("'{text}' is not a date", "'{text}' 不是日期"),
    "date.hint": ("give YYYY-MM-DD (or YYYY-MM, or YYYY for the year's end)", "请写 YYYY-MM-DD(或 YYYY-MM,或 YYYY 表示年末)"),
}
