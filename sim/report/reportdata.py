"""The data of the office report for several scenarios (rows, paths, bands, probabilities)."""
from __future__ import annotations

from sim.meta import SCHEMA_VERSION, clean, provenance
from sim.report.check import check_report, project_report
from sim.scenario.load import scenario_dict
from sim.scenario.model import Scenario
from sim.scenario.projection import project_plan
from sim.spec.model import Spec

LEVEL_KINDS = ("level", "reference")        # targets drawn as a value on the level chart


SIM_KEYS = ("probability", "se", "p10", "p50", "p90", "method", "draws", "draw_per", "uncertainty")


def report_data(spec: Spec, scenarios: list[Scenario], preset: str = "default", draws: int = 0,
                seed: int | None = None, consistency: bool = True) -> dict:
    """Everything the office report shows, as plain data (no NaN).

    Per scenario: the `sim check` and `sim project` reports; with ``draws`` > 0 also the
    simulation (`sim simulate`: probability per target, P10/P50/P90 by year, one seed for all
    scenarios); with ``consistency`` the consistency findings, each with the scenarios giving it.
    """
    runs = []
    if draws:
        from sim.assess.probability import new_seed
        from sim.assess.simulate import simulate_report
        seed = new_seed() if seed is None else seed
    for sc in scenarios:
        projection = project_plan(spec, sc)      # once per scenario: check and project read it
        run = {"scenario": scenario_dict(sc), "check": check_report(spec, sc, preset, projection=projection),
               "project": project_report(spec, sc, projection), "provenance": provenance(spec, sc, seed if draws else None),
               "simulation": None}
        if draws:
            sim = simulate_report(spec, sc, draws, seed)
            run["simulation"] = {"rows": [{k: r[k] for k in SIM_KEYS} for r in sim["rows"]], "fan": sim["fan"],
                                 "settings": sim["simulation"]}
        runs.append(run)
    found = None
    if consistency:   # the findings check_report computed, each once with the scenarios giving it
        found = {}
        for sc, run in zip(scenarios, runs):
            for f in run["check"]["consistency"]:
                key = (f["relation"], f["kind"], f["year"], f["message"])
                found.setdefault(key, f | {"scenarios": []})["scenarios"].append(sc.scenario.name or sc.scenario.id)
        found = list(found.values())
    inds = [{"id": i.id, "name": i.name, "unit": i.unit, "owner": i.owner, "attribute": i.attribute,
             "parent": i.parent, "notes": i.notes,
             "baseline": i.baseline.model_dump() if i.baseline else None,
             "history": {str(y): v for y, v in i.history.items()},
             "history_sources": {str(y): s for y, s in i.history_sources.items()},
             "history_vintages": {str(y): o.vintage for y, o in i.history_refs.items() if o.vintage},
             "source": i.source.model_dump() if i.source else None,
             "targets": [t.model_dump(mode="json", include={"year", "op", "value", "low", "high", "kind",
                                                            "text", "stretch"}) for t in i.targets]}
            for i in spec.indicators]
    refs = {k: {"name": r.name, "unit": r.unit, "values": {str(y): v for y, v in r.values.items()},
                "source": r.source} for k, r in spec.references.items()}
    return clean({"schema_version": SCHEMA_VERSION, "plan": spec.plan.model_dump(), "preset": preset,
                  "simulation": {"draws": draws, "seed": seed} if draws else None,
                  "indicators": inds, "references": refs, "runs": runs, "findings": found})


def bands(run: dict) -> dict[str, list[tuple[int, float, float]]]:
    """{indicator: [(year, p10, p90), ...]} of a simulated run, for paths with some uncertainty."""
    fan = run["simulation"]["fan"] if run["simulation"] else {}
    out = {}
    for ind, by in fan.items():
        pts = sorted((int(y), v["p10"], v["p90"]) for y, v in by.items()
                     if v["p10"] is not None and v["p90"] is not None)
        if any(hi - lo > 1e-9 * max(abs(hi), 1) for _, lo, hi in pts):
            out[ind] = pts
    return out


def probabilities(run: dict) -> list[float | None]:
    """Probability of attainment per check row; None where not simulated or the pace is fixed."""
    if not run["simulation"]:
        return [None] * len(run["check"]["rows"])
    return [r["probability"] if r["draw_per"] not in (None, "fixed") else None for r in run["simulation"]["rows"]]


def ordered_indicators(data: dict) -> list[dict]:
    """Binding indicators first, then by 责任单位 in order of first appearance, then spec order."""
    inds = data["indicators"]
    owners = list(dict.fromkeys(i["owner"] for i in inds))
    return sorted(inds, key=lambda i: (i["attribute"] != "binding", owners.index(i["owner"]),
                                       inds.index(i)))


def _rows_by_indicator(run: dict) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for r in run["check"]["rows"]:
        out.setdefault(r["indicator"], []).append(r)
    return out
