"""The tidy long DataFrame of a data file (``sim.load_actuals``)."""
from __future__ import annotations

from pathlib import Path

from sim.data import cells
from sim.data.read import raw_rows

COLUMNS = ["indicator", "year", "value", "unit", "vintage", "published", "source", "file", "sheet", "row"]


def actuals_frame(path, sheet: str | None = None):
    import pandas as pd

    rows, _ = raw_rows(Path(path), str(path), sheet)
    out = []
    for r in rows:
        x = cells.value(r)
        if x is None:
            continue
        out.append({"indicator": r["name"], "year": cells.year(r), "value": x, "unit": r["unit"] or None,
                    "vintage": cells.vintage(r), "published": cells.published(r), "source": r["source"] or None,
                    "file": r["file"], "sheet": r["sheet"], "row": r["row"]})
    return pd.DataFrame(out, columns=COLUMNS)
