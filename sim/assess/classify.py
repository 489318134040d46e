"""A preset's class added to an assessed row: ``preset_status``, ``preset_reason`` and
``explain.preset``; the default ``status`` stays as it is (DESIGN.md "Statuses")."""
from __future__ import annotations

from sim.assess.midterm import midterm
from sim.assess.presets import Method, international
from sim.scenario.model import Scenario
from sim.spec.model import Indicator, Spec
from sim.spec.targets import Target


def classify(row: dict, spec: Spec, ind: Indicator, t: Target, sc: Scenario, method: Method) -> dict:
    """Add the preset's class to an assessed ``row`` (no-op for preset default)."""
    if method.preset == "default":
        return row
    if method.preset == "cn-midterm":
        code, reason, details = midterm(row, spec, ind, t, sc, method)
    else:
        code, reason, details = international(row, spec, ind, t, method.preset)
    row["preset_status"] = code
    row["preset_reason"] = reason
    row["explain"]["preset"] = {"preset": method.preset, "class": code, **details}
    return row
