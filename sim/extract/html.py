"""An HTML page's text blocks and tables, in order (stdlib ``html.parser``; no extra dependency).

Block elements (p, div, h1-h6, li, br, tr outside tables) end a line of text; each <table>
becomes rows of cells with ``colspan``/``rowspan`` spans written once (the other grid positions
empty). Scripts and styles are skipped. A table nested in a cell is read as its own table.
"""
from __future__ import annotations

from html.parser import HTMLParser

from sim.meta import Msg

BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "section", "article", "title",
          "caption", "header", "footer", "blockquote", "pre", "dt", "dd"}


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items: list[tuple[str, object, str]] = []
        self.text = ""
        self.skip = 0
        self.tables: list[dict] = []         # open tables: rows, current row, current cell, spans
        self.count = 0
        self.lines = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "style"):
            self.skip += 1
        elif tag == "table":
            self._flush()
            self.count += 1
            self.tables.append({"rows": [], "row": None, "cell": None, "spans": {}, "n": self.count})
        elif self.tables and tag == "tr":
            self.tables[-1]["row"] = []
        elif self.tables and tag in ("td", "th"):
            t = self.tables[-1]
            if t["row"] is None:
                t["row"] = []
            t["cell"] = {"text": "", "colspan": _int(a.get("colspan")), "rowspan": _int(a.get("rowspan"))}
        elif tag in BLOCKS:
            self._newline(tag)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag == "table" and self.tables:
            t = self.tables.pop()
            self._end_row(t)
            self.items.append(("table", _grid(t["rows"]), Msg("where.table", n=t["n"])))
        elif self.tables and tag in ("td", "th"):
            self._end_cell(self.tables[-1])
        elif self.tables and tag == "tr":
            self._end_row(self.tables[-1])
        elif tag in BLOCKS:
            self._newline(tag)

    def handle_data(self, data):
        if self.skip:
            return
        if self.tables and self.tables[-1]["cell"] is not None:
            self.tables[-1]["cell"]["text"] += data
        elif self.tables:
            return                            # whitespace between cells
        else:
            self.text += data

    def _newline(self, tag):
        if self.tables:
            if self.tables[-1]["cell"] is not None:
                self.tables[-1]["cell"]["text"] += "\n"
            return
        self._flush()

    def _flush(self):
        for line in self.text.split("\n"):
            if line.strip():
                self.lines += 1
                self.items.append(("text", line.strip(), Msg("where.text_line", n=self.lines)))
        self.text = ""

    def _end_cell(self, t):
        if t["cell"] is not None:
            if t["row"] is None:
                t["row"] = []
            t["row"].append(t["cell"])
            t["cell"] = None

    def _end_row(self, t):
        self._end_cell(t)
        if t["row"]:
            t["rows"].append(t["row"])
        t["row"] = None


def _int(v) -> int:
    try:
        return max(1, min(int(v), 100))
    except (TypeError, ValueError):
        return 1


def _grid(rows: list[list[dict]]) -> list[list[str]]:
    """Rows of cells with spans laid on a grid: a spanned position holds '' (written once)."""
    taken: set[tuple[int, int]] = set()
    grid = []
    for i, row in enumerate(rows):
        out: list[str] = []
        for cell in row:
            while (i, len(out)) in taken:
                out.append("")
            j = len(out)
            out.append(cell["text"])
            taken.update((i + di, j + dj) for di in range(cell["rowspan"]) for dj in range(cell["colspan"])
                         if di or dj)
        while (i, len(out)) in taken:
            out.append("")
        grid.append(out)
    return grid


def read_html(text: str) -> list[tuple[str, object, Msg]]:
    """("text", line, where) and ("table", rows, where: table N) items in page order."""
    p = _Page()
    p.feed(text)
    p.close()
    p._flush()
    return p.items
