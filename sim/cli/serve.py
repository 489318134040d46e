"""Command serve: the what-if page in a browser (the web framework is imported only here, lazily)."""
from __future__ import annotations

import sys

import click

from sim.cli.common import (
    as_of_option,
    lang_option,
    load_portfolio,
    plan_and_scenario,
    portfolio_files,
    specs_argument,
    user_errors,
)
from sim.errors import SimError
from sim.meta import Msg


@click.command()
@specs_argument
@click.option("-s", "--scenario", "scenario", type=click.Path(dir_okay=False),
              help="Scenario file (default: trend from history).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (other than loopback, the page is open to the network).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="0: any free port.")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the default browser.")
@lang_option
@click.option("--draws", type=click.IntRange(1, 200_000), default=2000, show_default=True,
              help="Simulation draws behind the page's probabilities and P10–P90 bands (downloaded "
                   "reports: 10,000).")
@click.option("--seed", type=click.IntRange(min=0), default=1, show_default=True,
              help="Seed of the page's simulation (fixed, so a changed input moves only what it changes).")
@as_of_option
@user_errors
def serve(specs, scenario, host, port, open_browser, lang, draws, seed, as_of):
    """A local what-if page: change assumed paces, see statuses, probabilities and charts update.
    The plan, scenario and data files are read once, at start; nothing is written. Several specs or
    a folder: a first page to pick a plan, each plan's page and API under /plans/ID/ (a spec that
    cannot be read is listed there with its errors, and the command exits 2 when stopped)."""
    import gc

    from sim.serve.server import serve as run
    from sim.serve.state import Served

    gc.enable()   # a long-lived server (sim.cli.run turns the collector off for short commands)

    files = portfolio_files(specs)
    if files is None:
        s, sc = plan_and_scenario(specs[0], scenario, (), as_of)
        run(Served(s, sc, draws, seed), host, port, lang, open_browser, click.echo)
        return
    loaded, _, scenario_of = load_portfolio(files, scenario, (), as_of)
    plans = {x.spec.plan.id: Served(x.spec, scenario_of(x.spec), draws, seed) for x in loaded if x.spec is not None}
    unread = [e for x in loaded for e in x.errors]
    if not plans:
        raise SimError(Msg("serve.no_plans"), field="SPEC", hint=Msg("serve.no_plans_hint"))
    run(plans, host, port, lang, open_browser, click.echo, unread)
    if unread:
        sys.exit(2)
