"""Per-plan commands over several specs or a folder (compare, solve, sweep, verify, diff, backtest):
each plan run on its own, one that cannot be read or run reported with its located errors while the
others go on, the results gathered into one portfolio (sim.report.plans) and exit 2 at the end."""
from __future__ import annotations

import sys
from collections.abc import Callable

from sim.cli.common import load_portfolio_scenarios, progress_line, with_failures
from sim.errors import SimError, SpecErrors


def each_plan(files, scenario_paths, assume, as_of: str | None, run: Callable, what: str):
    """(loaded, scenarios, results, skipped): ``run(spec, scenarios)`` for every plan that loads
    (scenarios restricted to its indicators); a SimError it raises becomes that plan's error, a
    None result skips the plan (its id in ``skipped``). Progress on stderr for long runs."""
    loaded, scs, scenarios_of = load_portfolio_scenarios(files, scenario_paths, assume, as_of)
    specs = [x.spec for x in loaded if x.spec is not None]
    show = progress_line(what, len(specs))
    results, skipped, failed = [], [], {}
    for k, s in enumerate(specs):
        try:
            r = run(s, scenarios_of(s))
        except SpecErrors as e:
            failed[s.plan.id] = SimError(list(e.errors))
        except SimError as e:
            failed[s.plan.id] = e
        else:
            if r is None:
                skipped.append(s.plan.id)
            else:
                results.append(r)
        if show:
            show(k + 1, len(specs))
    loaded, _ = with_failures(loaded, failed)
    return loaded, scs, results, skipped


def finish(report: dict, failed: bool = False):
    """Exit 2 when a plan of the portfolio could not be read or run, else 1 when ``failed``
    (--fail-on matched over the whole portfolio)."""
    if report["errors"]:
        sys.exit(2)
    if failed:
        sys.exit(1)
