"""sim: indicator-target validation and scenario simulation for development plans.

Everything the CLI does is available here (imported lazily, so `import sim` is cheap)::

    import sim
    spec = sim.load_spec("specs/tunxi-yrd-2027.yaml")
    sc = sim.load_scenario("scenarios/tunxi-baseline.yaml", spec)
    report = sim.check_report(spec, sc)          # the `sim check --format json` data
    print(sim.render_check(report, "md"))
"""
from importlib import import_module

_API = {
    "load_spec": "sim.spec", "loads_spec": "sim.spec", "parse_target": "sim.phrases",
    "load_scenario": "sim.scenario", "loads_scenario": "sim.scenario", "apply_assume": "sim.scenario",
    "default_scenario": "sim.scenario", "assess_plan": "sim.assess", "check_report": "sim.report",
    "project_report": "sim.report", "render_check": "sim.report", "render_project": "sim.report",
    "explain_text": "sim.report", "spec_dict": "sim.specjson", "SimError": "sim.errors",
    "SpecErrors": "sim.errors", "findings": "sim.consistency", "verify": "sim.verify",
    "simulate_report": "sim.simulate", "compare_report": "sim.simulate",
    "render_simulation": "sim.simulate", "render_compare": "sim.simulate",
    "solve_report": "sim.solve", "sweep_report": "sim.solve", "render_solve": "sim.solve",
    "render_sweep": "sim.solve", "extract_file": "sim.extract", "extract_text": "sim.extract",
    "render_verify": "sim.verify", "report_data": "sim.html",
    "render_html": "sim.html", "render_md": "sim.html", "workbook": "sim.xlsx",
}
__all__ = sorted(_API)


def __getattr__(name):
    if name in _API:
        return getattr(import_module(_API[name]), name)
    raise AttributeError(f"module 'sim' has no attribute {name!r}")
