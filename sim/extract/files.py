"""Plan documents as published: .docx, .xlsx, .html and .pdf files turned into lines.

Paragraphs become lines; each table becomes `|` rows (``| a | b |  |``), one row per line, cell
line breaks joined. Every line carries its location: (table key, ``file, table 2, row 3``), so a
table never runs into the next and the draft quotes where each value stands. Cells a merge
repeats (the same Word cell over several grid columns or rows) are written once, the rest empty,
as a plan's reader sees them. Text files are decoded as before (``sim.extract.text.decode``).
python-docx, openpyxl and pdfplumber are imported only for their file types.
"""
from __future__ import annotations

import re
from pathlib import Path

from sim.errors import SimError
from sim.extract.text import decode
from sim.meta import Msg
from sim.spec.files import read_input


class Lines:
    """Lines being collected with their locations."""

    def __init__(self, source: str):
        self.source, self.lines, self.where = source, [], []
        self.kept: dict[str, list[int]] = {}

    def text(self, s: str, place: Msg):
        for part in re.split(r"\r\n|\r|\n", s):
            self.lines.append(part)
            self.where.append(("", Msg("where.at", source=self.source, place=place)))

    def table(self, rows: list[list[str]], key: str, place: Msg):
        """A table's rows (empty columns and rows dropped), ``place`` naming the table; rows are
        numbered as in the file (a sheet's row numbers, a table's rows from 1)."""
        rows = [[c if c is not None else "" for c in r] for r in rows]
        for k, r in enumerate(rows, 1):       # prose in a cell (a page laid out with a table): text
            for j, c in enumerate(r):
                if isinstance(c, str) and len(c) > 40 and len([x for x in c.splitlines() if x.strip()]) > 1:
                    for part in c.splitlines():
                        if part.strip():
                            self.text(part.strip(), Msg("where.row", place=place, row=k))
                    r[j] = ""
        numbered = [(k, [_cell(c) for c in r]) for k, r in enumerate(rows, 1)]
        numbered = [(k, r) for k, r in numbered if any(r)]
        if all(sum(1 for c in r if c) <= 1 for _, r in numbered):       # one column: text, not a table
            for k, r in numbered:
                self.text(next(c for c in r if c), Msg("where.row", place=place, row=k))
            return
        while numbered and sum(1 for c in numbered[0][1] if c) <= 1:   # a title above the table
            k, r = numbered.pop(0)
            self.text(next(c for c in r if c), Msg("where.row", place=place, row=k))
        if not numbered:
            return
        rows = [r for _, r in numbered]
        keep = self.kept.get(key) or [j for j in range(max(len(r) for r in rows))
                                      if any(j < len(r) and r[j] for r in rows)]
        self.kept[key] = keep              # a table going on (next page) keeps its columns
        self.lines.append("")
        self.where.append(("", Msg("where.at", source=self.source, place=place)))
        for k, r in numbered:
            self.lines.append("| " + " | ".join(r[j] if j < len(r) else "" for j in keep) + " |")
            self.where.append((key, Msg("where.at", source=self.source, place=Msg("where.row", place=place, row=k))))
        self.lines.append("")
        self.where.append(("", Msg("where.at", source=self.source, place=place)))


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.10g}"
    return re.sub(r"\s*[\r\n]+\s*", "", str(value)).replace("|", "/").strip()


OLD_FORMATS = {".doc": ".docx", ".wps": ".docx", ".xls": ".xlsx", ".et": ".xlsx", ".ppt": ".pdf", ".pptx": ".pdf"}


MAX_DOCUMENT_BYTES = 100 * 2**20   # a plan document (docx, pdf, xlsx, text) is far smaller


def load(path: Path, encoding: str | None = None) -> tuple[str, str, list | None]:
    """(text, encoding or format, locations per line or None for a text file)."""
    suffix = path.suffix.lower()
    from sim.extract.pdf import read_pdf

    readers = {".docx": _docx, ".xlsx": _xlsx, ".xlsm": _xlsx, ".pdf": read_pdf, ".html": _html, ".htm": _html}
    data = read_input(path, MAX_DOCUMENT_BYTES, "document")
    if suffix in OLD_FORMATS:
        raise SimError(Msg("extract.old_format", name=path.name, suffix=suffix), file=str(path),
                       hint=Msg("extract.save_as", new=OLD_FORMATS[suffix]))
    if suffix not in readers:
        text, used = decode(data, encoding)
        return text, used, None
    out = Lines(path.name)
    try:
        used = readers[suffix](path, data, out, encoding)
    except SimError:
        raise
    except Exception as e:  # noqa: BLE001 (python-docx, openpyxl, pdfminer raise many types for a damaged file)
        raise SimError(Msg("extract.damaged", name=path.name, suffix=suffix, kind=type(e).__name__, detail=str(e)),
                       file=str(path), hint=Msg("extract.opens")) from None
    return "\n".join(out.lines), used, out.where


def _docx(path: Path, data: bytes, out: Lines, encoding) -> str:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    d = docx.Document(str(path))
    n_table = n_par = 0
    for el in d.element.body.iterchildren():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "p":
            n_par += 1
            out.text(Paragraph(el, d).text, Msg("where.paragraph", n=n_par))
        elif tag == "tbl":
            n_table += 1
            t = Table(el, d)
            rows, above = [], []
            for row in t.rows:
                rc = [c._tc for c in row.cells]
                texts = [c.text for c in row.cells]
                rows.append(["" if tc in rc[:j] or (j < len(above) and above[j] is tc) else texts[j]
                             for j, tc in enumerate(rc)])
                above = rc
            out.table(rows, f"t{n_table}", Msg("where.table", n=n_table))
    return "docx"


def _xlsx(path: Path, data: bytes, out: Lines, encoding) -> str:
    import openpyxl

    wb = openpyxl.load_workbook(str(path), data_only=True, read_only=False)
    for ws in wb.worksheets:
        rows = [[_xl_value(c) for c in r] for r in ws.iter_rows()]
        if any(any(v is not None and str(v).strip() for v in r) for r in rows):
            out.table(rows, f"s:{ws.title}", Msg("where.sheet", name=ws.title))
    return "xlsx"


def _xl_value(c):
    """A cell's value as the sheet shows it: a percent-formatted 0.025 is 2.5 (the column's %)."""
    v = c.value
    if isinstance(v, (int, float)) and not isinstance(v, bool) and "%" in (c.number_format or ""):
        return round(v * 100, 10)
    return v


def _html(path: Path, data: bytes, out: Lines, encoding) -> str:
    from sim.extract.html import read_html

    m = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_-]+)", data[:4096], re.IGNORECASE)
    charset = encoding or (m.group(1).decode("ascii").lower() if m else None)
    if charset in ("gb2312", "gbk"):
        charset = "gb18030"                 # its superset: pages labelled GB2312 often hold GBK characters
    try:
        text, used = decode(data, charset)
    except SimError:
        if encoding:
            raise
        text, used = decode(data, None)     # a wrong meta tag: detect instead
    for kind, item, place in read_html(text):
        if kind == "text":
            out.text(item, place)
        else:
            out.table(item, f"t{place.args['n']}", place)
    return f"html, {used}"
