"""CLI command `sim report` and the binary writer for xlsx output."""
from __future__ import annotations

import click

from sim.cli.common import _emit, _user_errors, emit_bytes
from sim.errors import SimError

PRESETS = ["default", "unsd", "eurostat", "sdg-build", "cn-midterm"]
REPORT_FORMATS = {".html": "html", ".htm": "html", ".md": "md", ".xlsx": "xlsx"}


@click.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@click.option("-s", "--scenario", "scenarios", multiple=True, type=click.Path(dir_okay=False),
              help="Scenario file (repeatable; default: trend from history).")
@click.option("--assume", multiple=True, metavar="ID.FIELD=VALUE",
              help="What-if applied to every scenario, e.g. gdp.growth=0.07 (repeatable).")
@click.option("--preset", type=click.Choice(PRESETS), default="default", help="Thresholds of an official method.")
@click.option("--format", "fmt", type=click.Choice(["html", "md", "xlsx"]),
              help="Default: from the -o extension, else html.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh")
@click.option("--draws", type=click.IntRange(min=0), default=10_000, show_default=True,
              help="Simulation draws for probabilities and P10–P90 bands (0: no simulation).")
@click.option("--seed", type=int, help="Seed of the simulation (default: a fresh one, recorded in the report).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE.")
@_user_errors
def report(spec, scenarios, assume, preset, fmt, lang, draws, seed, output):
    """The office report of a plan under one or more scenarios: HTML with charts, Markdown or Excel."""
    from pathlib import Path

    from sim.report.html import render_html
    from sim.report.markdown import render_md
    from sim.report.reportdata import report_data
    from sim.scenario.load import apply_assume, default_scenario, load_scenario
    from sim.spec.load import load_spec

    suffix = Path(output).suffix.lower() if output else ""
    if not fmt and suffix and suffix not in REPORT_FORMATS:
        raise SimError(f"cannot tell the report format from '{output}'", field="-o",
                       hint="name the file .html, .htm, .md or .xlsx, or give --format")
    fmt = fmt or REPORT_FORMATS.get(suffix, "html")
    s = load_spec(spec)
    scs = [load_scenario(p, s) for p in scenarios] or [default_scenario()]
    if assume:
        scs = [apply_assume(sc, list(assume), s) for sc in scs]
    data = report_data(s, scs, preset, draws, seed)
    if fmt == "xlsx":
        from sim.report.xlsx import report_workbook
        emit_bytes(report_workbook(data, lang), output)
        return
    _emit(render_html(data, lang) if fmt == "html" else render_md(data, lang), output)
