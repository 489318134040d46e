"""sim: indicator-target validation and scenario simulation for development plans.

Everything the CLI does is available here (imported lazily, so `import sim` is cheap)::

    import sim
    spec = sim.load_spec("specs/tunxi-yrd-2027.yaml")   # with its `data:` files; as_of="2024-03-31"
    sc = sim.load_scenario("scenarios/tunxi-baseline.yaml", spec)
    report = sim.check_report(spec, sc)          # the `sim check --format json` data
    print(sim.render_check(report, "md"))
"""
from importlib import import_module

from sim import errors as _errors

_API = {
    "load_spec": "sim.data", "load_plan": "sim.data", "load_actuals": "sim.data", "loads_spec": "sim.spec.load", "parse_target": "sim.spec.phrases",
    "load_scenario": "sim.scenario.load", "loads_scenario": "sim.scenario.load", "apply_assume": "sim.scenario.load",
    "default_scenario": "sim.scenario.load", "assess_plan": "sim.assess.status", "check_report": "sim.report.check",
    "project_report": "sim.report.check", "render_check": "sim.report.checktext", "render_project": "sim.report.checktext",
    "explain_text": "sim.report.explain", "spec_dict": "sim.report.show", "SimError": "sim.errors",
    "SpecErrors": "sim.errors", "findings": "sim.assess.consistency", "verify": "sim.assess.verify",
    "simulate_report": "sim.assess.simulate", "compare_report": "sim.assess.simulate",
    "render_simulation": "sim.report.simulation", "render_compare": "sim.report.simulation",
    "solve_report": "sim.assess.solve", "sweep_report": "sim.assess.solve", "render_solve": "sim.report.solve",
    "render_sweep": "sim.report.solve", "extract_file": "sim.extract.draft", "extract_text": "sim.extract.draft",
    "render_verify": "sim.report.verify", "report_data": "sim.report.reportdata",
    "render_html": "sim.report.html", "render_md": "sim.report.markdown", "workbook": "sim.report.xlsx",
}
__all__ = sorted(_API)


def __getattr__(name):
    if name in _API:
        return getattr(import_module(_API[name]), name)
    raise AttributeError(f"module 'sim' has no attribute {name!r}")


def _write_error(x, lang: str) -> str:
    """A SimError or Msg in ``lang`` by the report layer's templates (imported on the first error)."""
    return import_module("sim.report.labels").error_text(x, lang)


_errors.writer = _write_error
