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
    scenario_options,
    user_errors,
)

PROPERTIES = ["components_imply_derived", "shares_in_bounds", "binding_targets_hold"]  # sim.verify


@click.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@scenario_options
@click.option("--max-examples", type=click.IntRange(1, 100_000), default=200, show_default=True,
              help="Cases tried per property.")
@click.option("--seed", type=SEED, default=0, show_default=True, help="Seed of the search.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=60.0, show_default=True,
              help="Seconds for the whole search.")
@click.option("--property", "props", multiple=True, type=click.Choice(PROPERTIES),
              help="Check only these properties (repeatable; default all).")
@format_option(("table", "md", "json"))
@lang_option
@click.option("--fail-on", "fail_on", type=click.Choice(["broken"]),
              help="Exit 1 if a property is broken.")
@output_option()
@user_errors
def verify(spec, scenario, assume, max_examples, seed, timeout, props, fmt, lang, fail_on, output):
    """Search the scenario's ranges (uniform distributions) for assumptions that break the plan:
    component targets met but the derived target missed, a share outside 0-100, a binding target
    missed. Reports the simplest counterexample, or how many cases were tried."""
    from sim.assess.verify import any_broken
    from sim.assess.verify import verify as run
    from sim.report.verify import render_verify

    s, sc = plan_and_scenario(spec, scenario, assume)
    report = run(s, sc, max_examples=max_examples, seed=seed, timeout=timeout,
                 properties=tuple(props) or tuple(PROPERTIES),
                 progress=lambda msg: click.echo(msg, err=True))
    emit(render_verify(report, fmt, lang), output)
    if fail_on and any_broken(report):
        sys.exit(1)
