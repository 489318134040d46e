"""CLI commands for uncertainty: simulate, compare, solve, sweep.

The math lives in sim.assess.simulate and sim.assess.solve, imported inside each command.
"""
from __future__ import annotations

import sys

import click

from sim.cli.common import (
    FORMATS,
    as_of_option,
    command_lang,
    draw_options,
    emit,
    emit_bytes,
    emit_workbook,
    format_option,
    ids_option,
    lang_option,
    load_portfolio,
    output_option,
    plan_and_scenario,
    plan_and_scenarios,
    portfolio_files,
    progress_line,
    scenario_options,
    scenarios_options,
    specs_argument,
    user_errors,
    with_failures,
)
from sim.cli.many import each_plan, finish
from sim.errors import SimError
from sim.meta import Msg

PROGRESS_DRAWS = 500_000      # runs this long show progress on stderr even when it is not a terminal


def _progress(draws: int):
    """A plain progress line on stderr in the command's language for a terminal or a long run, else None."""
    if not (sys.stderr.isatty() or draws >= PROGRESS_DRAWS):
        return None
    from sim.report.labels import text
    lang = command_lang()

    def show(done: int, total: int):
        click.echo("\r" + text(Msg("progress.draws", done=done, total=total, share=done / total), lang),
                   err=True, nl=done == total)
    return show


@click.command()
@specs_argument
@scenario_options
@draw_options()
@click.option("--method", type=click.Choice(["auto", "monte-carlo"]), default="auto", show_default=True,
              help="auto: closed form where it exists, else Monte Carlo; monte-carlo: always draw.")
@format_option(FORMATS)
@lang_option
@click.option("--wide", is_flag=True, help="Table: all columns (standard error, uncertainty, owner).")
@ids_option
@click.option("--by-year", is_flag=True, help="Percentiles by year for fan charts instead of targets.")
@click.option("--fail-below", type=click.FloatRange(0, 1), metavar="P",
              help="Exit 1 if any target's probability is below P.")
@click.option("--cluster", metavar="local:N|tcp://HOST:PORT",
              help="Run the Monte Carlo on Dask: N local worker processes, or an existing scheduler "
                   "(same numbers as without; needs pip install -e '.[cluster]').")
@output_option()
@as_of_option
@user_errors
def simulate(specs, scenario, assume, draws, seed, method, fmt, lang, wide, ids, by_year, fail_below, cluster,
             output, as_of):
    """Probability of attainment for every assessable target (closed form or Monte Carlo).
    Several specs or a folder: a portfolio, one random stream per plan and chunk."""
    from sim.assess.simulate import simulate_report
    from sim.report.simulation import render_simulation

    files = portfolio_files(specs)
    if files is not None:
        return _simulate_portfolio(files, scenario, assume, draws, seed, method, fmt, lang, fail_below, cluster,
                                   output, as_of)
    spec, = specs
    s, sc = plan_and_scenario(spec, scenario, assume, as_of)
    with _cluster(cluster) as c:
        report = simulate_report(s, sc, draws, seed, method.replace("-", "_"), progress=_progress(draws),
                                 run=c and c.run)
    if fmt == "xlsx":
        emit_workbook([report], s, [sc], lang, output)
    else:
        emit(render_simulation(report, fmt, lang, wide, by_year, ids), output)
    if fail_below is not None and any(r["probability"] is not None and r["probability"] < fail_below
                                      for r in report["rows"]):
        sys.exit(1)


def _cluster(address: str | None):
    """A Dask cluster for --cluster (sim.assess.cluster.Cluster), or a context giving None."""
    import contextlib

    if not address:
        return contextlib.nullcontext(None)
    from sim.assess.cluster import Cluster
    return Cluster(address)


def _simulate_portfolio(files, scenario, assume, draws, seed, method, fmt, lang, fail_below, cluster, output,
                        as_of):
    from sim.assess.cluster import simulate_plans
    from sim.assess.portfolio import probability_portfolio_summary
    from sim.assess.probability import new_seed
    from sim.assess.simulate import CHUNK
    from sim.report.portfolio import portfolio_report
    from sim.report.portfolio_sim import render_portfolio_simulation

    if fmt == "xlsx":
        raise SimError(Msg("cli.xlsx_portfolio_sim"), field="--format", hint=Msg("cli.xlsx_portfolio_sim_hint"))
    loaded, sc, scenario_of = load_portfolio(files, scenario, assume, as_of)
    specs = [x.spec for x in loaded if x.spec is not None]
    seed = new_seed() if seed is None else seed
    method = method.replace("-", "_")
    show = progress_line(Msg("progress.simulating_plans"), len(specs))
    with _cluster(cluster) as c:
        reports = simulate_plans(specs, scenario_of, draws, seed, method, c and c.run, show)
    failed = {s.plan.id: r for s, r in zip(specs, reports) if isinstance(r, SimError)}
    loaded, specs = with_failures(loaded, failed)
    rows = [{"plan": r["plan"]["id"], **row} for r in reports if not isinstance(r, SimError) for row in r["rows"]]
    summary = probability_portfolio_summary(rows, [s.plan.id for s in specs])
    sim = {"draws": draws, "seed": seed, "method": method, "chunk": CHUNK, "cluster": cluster,
           "streams": "SeedSequence(seed, spawn_key=(crc32(plan id), chunk))"}
    report = portfolio_report(loaded, sc, rows, None, summary, seed=seed, extra={"simulation": sim})
    emit(render_portfolio_simulation(report, fmt, lang), output)
    if report["errors"]:
        sys.exit(2)
    if fail_below is not None and any(r["probability"] is not None and r["probability"] < fail_below for r in rows):
        sys.exit(1)


@click.command()
@specs_argument
@scenarios_options(required=True)
@draw_options()
@format_option(FORMATS)
@lang_option
@ids_option
@output_option()
@as_of_option
@user_errors
def compare(specs, scenarios, assume, draws, seed, fmt, lang, ids, output, as_of):
    """Scenarios side by side: projected value, status and probability per target.
    Several specs or a folder: every plan's rows with its plan, each scenario summed across plans."""
    from sim.assess.simulate import compare_report, simulate_report
    from sim.report.simulation import render_compare

    files = portfolio_files(specs)
    if files is not None:
        return _compare_portfolio(files, scenarios, assume, draws, seed, fmt, lang, ids, output, as_of)
    s, scs = plan_and_scenarios(specs[0], scenarios, assume, as_of)
    if fmt == "xlsx":   # one check/simulation sheet set per scenario
        emit_workbook([simulate_report(s, sc, draws, seed, progress=_progress(draws)) for sc in scs],
                      s, scs, lang, output)
        return
    emit(render_compare(compare_report(s, scs, draws, seed, _progress(draws * len(scs))), fmt, lang, ids), output)


def _compare_portfolio(files, scenarios, assume, draws, seed, fmt, lang, ids, output, as_of):
    from sim.assess.probability import new_seed
    from sim.assess.simulate import compare_report
    from sim.assess.tally import compare_summary
    from sim.report.plans import plans_report
    from sim.report.simulation import render_compare_plans

    seed = new_seed() if seed is None else seed
    loaded, _, results, _ = each_plan(files, scenarios, assume, as_of,
                                      lambda s, scs: compare_report(s, scs, draws, seed), Msg("progress.comparing"))
    keys = [{k: sc[k] for k in ("key", "id", "name")} for sc in (results[0]["scenarios"] if results else [])]
    report = plans_report(loaded, results, summary=compare_summary, extra={
        "scenarios": keys, "simulation": {"draws": draws, "seed": seed, "common_random_numbers": True}})
    out = render_compare_plans(report, fmt, lang, ids)
    emit_bytes(out, output) if fmt == "xlsx" else emit(out, output)
    finish(report)


@click.command()
@specs_argument
@scenario_options
@click.option("--indicator", metavar="ID", help="Only this indicator.")
@click.option("--probability", type=float, metavar="P",
              help="Also the mean pace that meets each target with probability P (scenario's spread).")
@click.option("--sd", type=click.FloatRange(min=0), metavar="S",
              help="Spread (sd per year) to assume around a fixed pace for --probability.")
@click.option("--pace", metavar="RATE", help="Pace for the year a target is reached, e.g. 0.06 or 6% "
                                             "(units/yr for a linear indicator; default: the scenario's).")
@click.option("--baselines", metavar="LO:HI:STEP", help="Baselines to try where the plan has none.")
@draw_options()
@format_option()
@lang_option
@ids_option
@output_option()
@as_of_option
@user_errors
def solve(specs, scenario, assume, indicator, probability, sd, pace, baselines, draws, seed, fmt, lang, ids, output,
          as_of):
    """Break-even paces, the pace for a probability, the year each target is reached.
    Several specs or a folder: every plan's rows with its plan (plans without --indicator listed)."""
    from sim.assess.solve import parse_range, probability_usage, solve_report
    from sim.report.solve import render_solve

    probability_usage(probability)   # once, before any plan is read
    one = parse_range(pace, "--pace") if pace else None
    if one is not None and len(one) != 1:
        raise SimError(Msg("cli.pace_one"), field="--pace")
    tried = parse_range(baselines, "--baselines") if baselines else None
    files = portfolio_files(specs)
    if files is not None:
        from sim.assess.probability import new_seed
        from sim.assess.tally import status_summary
        from sim.report.solve import render_solve_plans
        seed = new_seed() if seed is None and probability is not None else seed
        report = _per_plan(files, scenario, assume, as_of, indicator, Msg("progress.solving"),
                           lambda s, scs: solve_report(s, scs[0], indicator, probability, one[0] if one else None,
                                                       sd, tried, draws, seed),
                           status_summary)
        emit(render_solve_plans(report, fmt, lang, ids), output)
        return finish(report)
    s, sc = plan_and_scenario(specs[0], scenario, assume, as_of)
    report = solve_report(s, sc, indicator, probability, one[0] if one else None, sd, tried, draws, seed)
    emit(render_solve(report, fmt, lang, ids), output)


def _per_plan(files, scenario, assume, as_of, indicator, what, run, summary, rows_key="rows"):
    """The portfolio (sim.report.plans) of ``run(spec, scenarios)`` over every plan under one
    scenario; with ``indicator`` only the plans that have it (the others listed), none is an error."""
    from sim.report.plans import plans_report

    def each(s, scs):
        return run(s, scs) if indicator is None or any(i.id == indicator for i in s.indicators) else None
    loaded, _, results, skipped = each_plan(files, [scenario] if scenario is not None else [], assume, as_of,
                                            each, what)
    if indicator is not None and skipped and not results and not any(x.errors for x in loaded):
        raise SimError(Msg("cli.no_plan_has", id=indicator), field="--indicator", hint=Msg("cli.no_plan_has_hint"))
    extra = {"without_indicator": {"indicator": indicator, "plans": skipped}} if indicator is not None else None
    return plans_report(loaded, results, rows_key, summary, extra)


@click.command()
@specs_argument
@scenario_options
@click.option("--indicator", metavar="ID", required=True)
@click.option("--growth", metavar="LO:HI:STEP", help="Growth values, e.g. 0.03:0.10:0.005 (real with --deflator).")
@click.option("--change", metavar="LO:HI:STEP", help="Changes in units per year (linear indicators).")
@click.option("--deflator", metavar="LO:HI:STEP", help="Deflators as columns, e.g. 0.01:0.03:0.01.")
@format_option()
@lang_option
@output_option()
@user_errors
def sweep(specs, scenario, assume, indicator, growth, change, deflator, fmt, lang, output):
    """What-if grid: the target-year projection over growth (rows) by deflator (columns).
    Several specs or a folder: the grid of every plan that has the indicator, cells with their plan."""
    from sim.assess.solve import parse_range, sweep_report, sweep_usage
    from sim.report.solve import render_sweep

    ranges = [parse_range(x, name) if x else None
              for x, name in ((growth, "--growth"), (change, "--change"), (deflator, "--deflator"))]
    sweep_usage(*ranges)   # once, before any plan is read
    files = portfolio_files(specs)
    if files is not None:
        from sim.assess.tally import tally
        from sim.report.solve import render_sweep_plans
        report = _per_plan(files, scenario, assume, None, indicator, Msg("progress.sweeping"),
                           lambda s, scs: sweep_report(s, scs[0], indicator, *ranges),
                           lambda rows, plans: tally(rows, plans, "meets"), "cells")
        emit(render_sweep_plans(report, fmt, lang), output)
        return finish(report)
    s, sc = plan_and_scenario(specs[0], scenario, assume)
    report = sweep_report(s, sc, indicator, *ranges)
    emit(render_sweep(report, fmt, lang), output)
