"""CLI command `sim report` and the binary writer for xlsx output."""
from __future__ import annotations

import click

from sim.cli.common import (
    as_of_option,
    draw_options,
    emit,
    emit_bytes,
    format_option,
    lang_option,
    output_option,
    plan_and_scenarios,
    portfolio_files,
    preset_option,
    scenarios_options,
    specs_argument,
    user_errors,
)
from sim.errors import SimError
from sim.meta import Msg

REPORT_FORMATS = {".html": "html", ".htm": "html", ".md": "md", ".xlsx": "xlsx"}


@click.command()
@specs_argument
@scenarios_options()
@preset_option
@format_option(("html", "md", "xlsx"), default=None, help="Default: from the -o extension, else html.")
@lang_option
@draw_options(0, "Simulation draws for probabilities and P10–P90 bands (0: no simulation).",
              "Seed of the simulation (default: a fresh one, recorded in the report).")
@output_option()
@as_of_option
@user_errors
def report(specs, scenarios, assume, preset, fmt, lang, draws, seed, output, as_of):
    """The office report of a plan under one or more scenarios: HTML with charts, Markdown or Excel.
    Several specs or a folder: the portfolio (plan × status matrix, summaries) under one scenario."""
    from pathlib import Path

    from sim.report.html import render_html
    from sim.report.markdown import render_md
    from sim.report.reportdata import report_data

    suffix = Path(output).suffix.lower() if output else ""
    if not fmt and suffix and suffix not in REPORT_FORMATS:
        raise SimError(Msg("cli.report_format", path=output), field="-o", hint=Msg("cli.report_format_hint"))
    fmt = fmt or REPORT_FORMATS.get(suffix, "html")
    files = portfolio_files(specs)
    if files is not None:
        return _portfolio(files, scenarios, assume, preset, fmt, lang, output, as_of)
    s, scs = plan_and_scenarios(specs[0], scenarios, assume, as_of)
    data = report_data(s, scs, preset, draws, seed)
    if fmt == "xlsx":
        from sim.report.xlsx import report_workbook
        emit_bytes(report_workbook(data, lang), output)
        return
    emit(render_html(data, lang) if fmt == "html" else render_md(data, lang), output)


def _portfolio(files, scenarios, assume, preset, fmt, lang, output, as_of):
    import sys

    from sim.cli.check import portfolio_check
    from sim.report.portfolio import portfolio_workbook, render_portfolio

    if len(scenarios) > 1:
        raise SimError(Msg("cli.portfolio_one_scenario"), field="-s", hint=Msg("cli.portfolio_one_scenario_hint"))
    report = portfolio_check(files, scenarios[0] if scenarios else None, assume, preset, as_of=as_of)
    if fmt == "xlsx":
        emit_bytes(portfolio_workbook(report, lang), output)
    else:
        emit(render_portfolio(report, fmt, lang), output)
    if report["errors"]:
        sys.exit(2)
