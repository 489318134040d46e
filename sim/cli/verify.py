"""CLI commands for consistency: verify."""
from __future__ import annotations

import sys

import click

from sim.cli.common import (
    SEED,
    emit,
    format_option,
    lang_option,
    output_option,
    plan_and_scenario,
    portfolio_files,
    scenario_options,
    specs_argument,
    user_errors,
)
from sim.meta import Msg

PROPERTIES = ["components_imply_derived", "shares_in_bounds", "binding_targets_hold"]  # sim.assess.verify


@click.command()
@specs_argument
@scenario_options
@click.option("--max-examples", type=click.IntRange(1, 100_000), default=200, show_default=True,
              help="Cases tried per property.")
@click.option("--seed", type=SEED, default=0, show_default=True, help="Seed of the search.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=60.0, show_default=True,
              help="Seconds for the whole search (of each plan).")
@click.option("--property", "props", multiple=True, type=click.Choice(PROPERTIES),
              help="Check only these properties (repeatable; default all).")
@format_option(("table", "md", "json"))
@lang_option
@click.option("--fail-on", "fail_on", type=click.Choice(["broken"]),
              help="Exit 1 if a property is broken.")
@output_option()
@user_errors
def verify(specs, scenario, assume, max_examples, seed, timeout, props, fmt, lang, fail_on, output):
    """Search the scenario's ranges (uniform distributions) for assumptions that break the plan:
    component targets met but the derived target missed, a share outside 0-100, a binding target
    missed. Reports the simplest counterexample, or how many cases were tried. Several specs or a
    folder: every plan verified, its properties with its plan; --fail-on over all of them."""
    from sim.assess.verify import any_broken
    from sim.assess.verify import verify as run
    from sim.report.labels import text

    def one(s, sc, say=lambda line: click.echo(line, err=True)):
        return run(s, sc, max_examples=max_examples, seed=seed, timeout=timeout,
                   properties=tuple(props) or tuple(PROPERTIES), progress=lambda m: say(text(m, lang)))

    files = portfolio_files(specs)
    if files is not None:
        from sim.assess.tally import tally
        from sim.cli.many import each_plan, finish
        from sim.report.plans import plans_report
        from sim.report.verify import render_verify_plans
        loaded, _, results, _ = each_plan(files, [scenario] if scenario is not None else [], assume, None,
                                          lambda s, scs: one(s, scs[0], lambda msg: click.echo(
                                              f"{s.plan.id}: {msg}", err=True)), Msg("progress.verifying"))
        report = plans_report(loaded, results, "properties", lambda rows, plans: tally(rows, plans, "status"))
        emit(render_verify_plans(report, fmt, lang), output)
        return finish(report, bool(fail_on) and any(any_broken(r) for r in results))
    from sim.report.verify import render_verify
    s, sc = plan_and_scenario(specs[0], scenario, assume)
    report = one(s, sc)
    emit(render_verify(report, fmt, lang), output)
    if fail_on and any_broken(report):
        sys.exit(1)
