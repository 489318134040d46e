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
    preset_option,
    scenarios_options,
    user_errors,
)
from sim.errors import SimError

REPORT_FORMATS = {".html": "html", ".htm": "html", ".md": "md", ".xlsx": "xlsx"}


@click.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@scenarios_options()
@preset_option
@format_option(("html", "md", "xlsx"), default=None, help="Default: from the -o extension, else html.")
@lang_option
@draw_options(0, "Simulation draws for probabilities and P10–P90 bands (0: no simulation).",
              "Seed of the simulation (default: a fresh one, recorded in the report).")
@output_option()
@as_of_option
@user_errors
def report(spec, scenarios, assume, preset, fmt, lang, draws, seed, output, as_of):
    """The office report of a plan under one or more scenarios: HTML with charts, Markdown or Excel."""
    from pathlib import Path

    from sim.report.html import render_html
    from sim.report.markdown import render_md
    from sim.report.reportdata import report_data

    suffix = Path(output).suffix.lower() if output else ""
    if not fmt and suffix and suffix not in REPORT_FORMATS:
        raise SimError(f"cannot tell the report format from '{output}'", field="-o",
                       hint="name the file .html, .htm, .md or .xlsx, or give --format")
    fmt = fmt or REPORT_FORMATS.get(suffix, "html")
    s, scs = plan_and_scenarios(spec, scenarios, assume, as_of)
    data = report_data(s, scs, preset, draws, seed)
    if fmt == "xlsx":
        from sim.report.xlsx import report_workbook
        emit_bytes(report_workbook(data, lang), output)
        return
    emit(render_html(data, lang) if fmt == "html" else render_md(data, lang), output)
