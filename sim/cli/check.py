"""Commands check and project."""
from __future__ import annotations

import sys

import click

from sim.cli.common import (
    FORMATS,
    STATUS_CHOICES,
    emit,
    emit_workbook,
    format_option,
    lang_option,
    max_growth_option,
    output_option,
    plan_and_scenario,
    preset_option,
    scenario_options,
    user_errors,
)
from sim.errors import SimError


@click.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@scenario_options
@preset_option
@click.option("--margin", type=float, default=0.1, show_default=True,
              help="cn-midterm margin m around time elapsed.")
@format_option(FORMATS)
@lang_option
@click.option("--group-by", type=click.Choice(["owner", "attribute"]))
@click.option("--wide", is_flag=True, help="Table: all columns.")
@click.option("--explain", "explain", metavar="ID", help="Print one indicator's derivation.")
@click.option("--fail-on", "fail_on", multiple=True, type=click.Choice(STATUS_CHOICES),
              help="Exit 1 if any target has this status (not_on_track: any but achieved/on_track; "
                   "inconsistent: a consistency finding).")
@max_growth_option
@output_option()
@user_errors
def check(spec, scenario, assume, preset, margin, fmt, lang, group_by, wide, explain, fail_on,
          max_growth, output):
    """Feasibility report: required pace, assumed pace, projection and status per target."""
    from sim.report.check import check_report, explain_text, render_check

    s, sc = plan_and_scenario(spec, scenario, assume)
    report = check_report(s, sc, preset, margin, max_growth)
    if explain:
        if explain not in {r["indicator"] for r in report["rows"]} | {i.id for i in s.indicators}:
            raise SimError(f"'{explain}' is not an indicator of plan {s.plan.id}", field="--explain",
                           hint="ids: " + ", ".join(i.id for i in s.indicators))
        emit(explain_text(report, explain, lang), output)
    elif fmt == "xlsx":
        emit_workbook([report], s, [sc], lang, output)
    else:
        emit(render_check(report, fmt, lang, group_by, wide), output)
    statuses = {r["status"] for r in report["rows"]}
    wanted = set(fail_on)
    if "not_on_track" in wanted:
        wanted |= set(STATUS_CHOICES[2:6])
    if statuses & wanted or ("inconsistent" in wanted and any(
            f["inconsistent"] for f in report["consistency"])):
        sys.exit(1)


@click.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@scenario_options
@format_option(FORMATS)
@lang_option
@output_option()
@user_errors
def project(spec, scenario, assume, fmt, lang, output):
    """Year-by-year paths per indicator under a scenario (* marks projected values)."""
    from sim.report.check import project_report, render_project

    s, sc = plan_and_scenario(spec, scenario, assume)
    if fmt == "xlsx":
        from sim.report.check import check_report
        emit_workbook([check_report(s, sc)], s, [sc], lang, output)
        return
    emit(render_project(project_report(s, sc), fmt, lang), output)
