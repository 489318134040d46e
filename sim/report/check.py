"""Report data for `sim check` and `sim project` (their renderers: sim.report.checktext)."""
from __future__ import annotations

from collections.abc import Mapping

from sim.assess.consistency import findings
from sim.assess.derived import assess_with_relations
from sim.assess.presets import Method
from sim.assess.status import as_method, summary
from sim.meta import SCHEMA_VERSION, Result, clean, provenance  # noqa: F401  (part of the report API)
from sim.report.dataview import unmatched_dicts
from sim.scenario.load import scenario_dict
from sim.scenario.model import Scenario
from sim.scenario.projection import Projection, project_plan
from sim.spec.model import Spec


def check_report(spec: Spec, sc: Scenario, preset: str | Method = "default", margin: float = 0.1,
                 max_growth: float | None = None, projection: Mapping[str, Projection] | None = None) -> Result:
    """The `sim check` result as plain data (schema_version 1); derived indicators are projected
    from their components, and ``consistency`` lists sim.assess.consistency.findings. ``preset`` is a
    name or a Method with its settings (margin, growth margin, task form). ``projection``: the
    scenario's sim.scenario.projection.project_plan, when the caller has it."""
    method = as_method(preset, margin)
    projection = project_plan(spec, sc) if projection is None else projection   # once: rows and findings
    rows = assess_with_relations(spec, sc, method, projection=projection)
    preset = method.preset
    return Result({"schema_version": SCHEMA_VERSION,
            "plan": {"id": spec.plan.id, "title": spec.plan.title, "region": spec.plan.region,
                     "base_year": spec.plan.base_year, "target_year": spec.plan.target_year},
            "scenario": scenario_dict(sc), "preset": preset, "rows": rows,
            "summary": summary(rows), "consistency": findings(spec, sc, max_growth, projection),
            "unmatched": unmatched_dicts(spec), "provenance": provenance(spec, sc)}, "check")


def project_report(spec: Spec, sc: Scenario, projection: Mapping[str, Projection] | None = None) -> Result:
    """Year-by-year paths per indicator under a scenario (its ``projection`` when the caller has it)."""
    projection = projection if projection is not None else project_plan(spec, sc)
    out = []
    for ind in spec.indicators:
        start, pace, path = projection[ind.id][:3]
        out.append({"indicator": ind.id, "name": ind.name, "unit": ind.unit,
                    "actuals": {str(y): v for y, v in ind.actuals().items()},
                    "start": start.model_dump(exclude={"unused_baseline"}) if start else None,
                    "pace_source": pace.source if pace else None,
                    "assumed": bool(pace and pace.assumed) or bool(start and start.assumed),
                    "path": {str(y): v for y, v in path.items()},
                    "targets": {str(t.year): t.value for t in ind.targets if t.value is not None
                                and t.kind == "level" and t.year is not None}})
    return Result({"schema_version": SCHEMA_VERSION, "plan": {"id": spec.plan.id, "title": spec.plan.title},
            "scenario": scenario_dict(sc), "indicators": out, "unmatched": unmatched_dicts(spec),
            "provenance": provenance(spec, sc)}, "project")
