"""Actuals from the office's files: CSV/Excel tables read with pandas (sim.data.read), matched to a
plan's indicators (sim.data.match), vintages and as-of selection (sim.data.vintages, sim.data.plan)."""
from sim.data.plan import load_plan, select, with_data

__all__ = ["load_actuals", "load_plan", "load_spec", "select", "with_data"]

load_spec = load_plan   # `sim.load_spec`: a spec is always loaded with its data files


def load_actuals(path, sheet: str | None = None):
    """The tidy long DataFrame of a data file, as written (no plan, no unit conversion): one row per
    value with indicator, year, value, unit, vintage, published, source, file, sheet, row."""
    from sim.data.frame import actuals_frame
    return actuals_frame(path, sheet)
