"""Commands on actuals over time: diff (the status-change log) and backtest (were the verdicts right)."""
from __future__ import annotations

import click

from sim.cli.common import (
    FORMATS,
    SEED,
    TEXT_FORMATS,
    emit,
    emit_bytes,
    format_option,
    lang_option,
    output_option,
    plan_and_scenario,
    portfolio_files,
    scenario_options,
    specs_argument,
    user_errors,
)
from sim.errors import SimError
from sim.meta import Msg, json_reason, os_reason


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("--as-of", "as_of", multiple=True, metavar="DATE",
              help="With SPECs: the two dates to compare (give it twice: --as-of A --as-of B).")
@scenario_options
@format_option(TEXT_FORMATS)
@lang_option
@output_option()
@user_errors
def diff(inputs, as_of, scenario, assume, fmt, lang, output):
    """Status changes between two checks: one SPEC as of two dates, or two `sim check --format json`
    reports (OLD.json NEW.json). Each target whose status changed, old -> new, and why (a new year of
    data, a revised value, a different scenario). Several specs or a folder as of two dates, or two
    portfolio reports (`sim check DIR --format json`): rows with their plan, paired by plan and target."""
    from sim.assess.diff import diff_reports, same_plan
    from sim.report.backtest import render_diff

    if len(inputs) == 2 and all(p.lower().endswith(".json") for p in inputs):
        if as_of:
            raise SimError(Msg("cli.as_of_reports"), field="--as-of")
        old, new = (_report(p) for p in inputs)
        same_plan(old, new, inputs[0], inputs[1])
        emit(render_diff(diff_reports(old, new, inputs[0], inputs[1]), fmt, lang), output)
        return
    if len(as_of) != 2:
        raise SimError(Msg("cli.diff_usage"), field="diff", hint=Msg("cli.diff_usage_hint"))
    from sim.data import select
    from sim.data.vintages import as_of_date
    from sim.report.check import check_report

    if as_of_date(as_of[0]) > as_of_date(as_of[1]):
        raise SimError(Msg("cli.dates_order", first=as_of[0], second=as_of[1]), field="--as-of",
                       hint=Msg("cli.dates_order_hint"))
    files = portfolio_files(inputs)
    if files is not None:
        return _diff_portfolio(files, as_of, scenario, assume, fmt, lang, output)
    spec, sc = plan_and_scenario(inputs[0], scenario, assume)
    old, new = (check_report(select(spec, d), sc) for d in as_of)
    emit(render_diff(diff_reports(old, new), fmt, lang), output)


def _diff_portfolio(files, as_of, scenario, assume, fmt, lang, output):
    """Every plan checked as of each date together (sim.assess.portfolio, the array path), then
    each plan's diff as `sim diff SPEC` gives it, gathered into a portfolio (sim.report.plans)."""
    from sim.assess.diff import diff_reports, diff_summary
    from sim.assess.portfolio import assess_portfolio
    from sim.cli.common import load_portfolio, progress_line, with_failures
    from sim.cli.many import finish
    from sim.data import select
    from sim.report.backtest import render_diff_plans
    from sim.report.plans import plans_report
    from sim.scenario.load import scenario_dict

    loaded, _, scenario_of = load_portfolio(files, scenario, assume)
    specs = [x.spec for x in loaded if x.spec is not None]
    dated, failed = [], {}
    for d in as_of:
        chosen = [select(s, d) for s in specs]
        rows, _, bad = assess_portfolio(chosen, scenario_of, consistency=False,
                                        progress=progress_line(Msg("progress.checking_as_of", date=d), len(chosen)))
        failed.update(bad)
        by_plan = {s.plan.id: [] for s in specs}
        for r in rows:
            by_plan[r["plan"]].append(r)
        dated.append((by_plan, chosen))
    loaded, _ = with_failures(loaded, failed)
    results = []
    for k, s in enumerate(specs):
        p = s.plan
        if p.id not in failed:
            head = {"plan": {"id": p.id, "title": p.title, "region": p.region, "base_year": p.base_year,
                             "target_year": p.target_year}, "scenario": scenario_dict(scenario_of(s)), "preset": "default"}
            results.append(diff_reports(*({**head, "rows": by_plan[p.id],
                                           "provenance": {"as_of": getattr(chosen[k], "as_of", None)}}
                                          for by_plan, chosen in dated)))
    sides = {side: results[0][side] if results else {"label": None, "as_of": d, "scenario": None}
             for side, d in zip(("old", "new"), as_of)}
    report = plans_report(loaded, results, summary=lambda rows, plans: diff_summary(
        rows, sum(r["summary"]["compared"] for r in results), plans), extra=sides)
    emit(render_diff_plans(report, fmt, lang), output)
    finish(report)


def _report(path: str) -> dict:
    import json

    from sim.assess.diff import check_is_report
    try:
        with open(path, encoding="utf-8-sig") as f:
            doc = json.load(f)
    except OSError as e:
        raise SimError(Msg("cli.cannot_read_report", why=os_reason(e)), file=path) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise SimError(json_reason(e), file=path) from None
    except RecursionError:
        raise SimError(Msg("cli.json_too_deep"), file=path) from None
    return check_is_report(doc, path)


@click.command()
@specs_argument
@scenario_options
@click.option("--from", "start", type=click.IntRange(1949, 2100), metavar="YEAR",
              help="First as-of year (default: the plan's base year).")
@click.option("--draws", type=click.IntRange(min=0), default=2000, show_default=True,
              help="Simulation draws for each verdict's probability (0: none).")
@click.option("--seed", type=SEED, default=0, show_default=True, help="Seed of the simulation.")
@format_option(FORMATS)
@lang_option
@output_option()
@user_errors
def backtest(specs, scenario, assume, start, draws, seed, fmt, lang, output):
    """Were the verdicts right? For each past year, the check as of that year on the data known then,
    scored against the outcome: hit rate, verdict x outcome, Brier score and its reliability.
    Several specs or a folder: every plan's verdicts with its plan, scored together."""
    from sim.assess.backtest import backtest as run
    from sim.report.backtest import render_backtest

    files = portfolio_files(specs)
    if files is not None:
        from sim.assess.backtest import summary
        from sim.cli.many import each_plan, finish
        from sim.report.backtest import render_backtest_plans
        from sim.report.plans import plans_report
        loaded, _, results, _ = each_plan(files, [scenario] if scenario is not None else [], assume, None,
                                          lambda s, scs: run(s, scs[0], start, draws, seed),
                                          Msg("progress.backtesting"))
        report = plans_report(loaded, results, summary=lambda rows, _: summary(
            rows, sum(r["summary"]["targets"] for r in results),
            sum(r["summary"]["targets_with_outcome"] for r in results)),
            extra={"from": start, "draws": draws, "seed": seed if draws else None})
        out = render_backtest_plans(report, fmt, lang)
        emit_bytes(out, output) if fmt == "xlsx" else emit(out, output)
        return finish(report)
    s, sc = plan_and_scenario(specs[0], scenario, assume)
    out = render_backtest(run(s, sc, start, draws, seed), fmt, lang)
    emit_bytes(out, output) if fmt == "xlsx" else emit(out, output)
