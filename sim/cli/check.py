"""Commands check and project."""
from __future__ import annotations

import sys

import click

from sim.assess.statuses import NOT_ON_TRACK, Status
from sim.cli.common import (
    FORMATS,
    Stages,
    as_of_option,
    emit,
    emit_bytes,
    emit_workbook,
    format_option,
    ids_option,
    lang_option,
    load_portfolio,
    max_growth_option,
    output_option,
    paused_gc,
    plan_and_scenario,
    portfolio_files,
    preset_option,
    progress_line,
    scenario_options,
    specs_argument,
    user_errors,
    with_failures,
)
from sim.errors import SimError
from sim.meta import Msg

FAIL_ON = [s.value for s in Status] + ["not_on_track", "inconsistent"]


@click.command()
@specs_argument
@scenario_options
@preset_option
@click.option("--margin", type=click.FloatRange(0, 1), default=0.1, show_default=True,
              help="cn-midterm margin m of task done around time elapsed.")
@click.option("--growth-margin", type=click.FloatRange(0, 100), default=0.5, show_default=True,
              help="cn-midterm margin m_g (percentage points) for growth-rate and reference growth targets.")
@click.option("--task", type=click.Choice(["linear", "log"]), default="linear", show_default=True,
              help="cn-midterm task done: the share of the planned change (linear) or of its log.")
@format_option(FORMATS + ("html",), help="html: portfolios only.")
@lang_option
@click.option("--group-by", type=click.Choice(["owner", "attribute"]))
@click.option("--wide", is_flag=True, help="Table: all columns.")
@ids_option
@click.option("--explain", "explain", metavar="ID", help="Print one indicator's derivation.")
@click.option("--fail-on", "fail_on", multiple=True, type=click.Choice(FAIL_ON),
              help="Exit 1 if any target has this status (not_on_track: any but achieved/on_track; "
                   "inconsistent: a consistency finding).")
@max_growth_option
@output_option()
@as_of_option
@user_errors
def check(specs, scenario, assume, preset, margin, growth_margin, task, fmt, lang, group_by, wide, ids, explain,
          fail_on, max_growth, output, as_of):
    """Feasibility report: required pace, assumed pace, projection and status per target.
    Several specs or a folder: a portfolio (plan × status matrix, summaries by indicator name
    and owner; csv and json list every row with its plan)."""
    from sim.assess.presets import Method
    from sim.report.check import check_report

    _midterm_options(preset)
    preset = Method(preset=preset, margin=margin, growth_margin=growth_margin, task=task)

    files = portfolio_files(specs)
    if files is not None and explain is not None:
        raise SimError(Msg("cli.explain_one_plan"), field="--explain", hint=Msg("cli.explain_one_plan_hint"))
    if files is not None:
        return _check_portfolio(files, scenario, assume, preset, margin, fmt, lang, fail_on, max_growth, output,
                                as_of)
    if fmt == "html":
        raise SimError(Msg("cli.html_portfolio"), field="--format")
    spec, = specs
    s, sc = plan_and_scenario(spec, scenario, assume, as_of)
    report = check_report(s, sc, preset, margin, max_growth)
    if explain is not None:
        if explain not in {r["indicator"] for r in report["rows"]} | {i.id for i in s.indicators}:
            raise SimError(Msg("cli.not_an_indicator", id=explain, plan=s.plan.id), field="--explain",
                           hint=Msg("cli.ids", ids=[i.id for i in s.indicators]))
        from sim.report.explain import explain_text
        emit(explain_text(report, explain, lang), output)
    elif fmt == "xlsx":
        emit_workbook([report], s, [sc], lang, output)
    elif fmt == "json":   # render_check's JSON, without importing the table code
        from sim.report.labels import to_json
        emit(to_json(report), output)
    else:
        from sim.report.checktext import render_check
        emit(render_check(report, fmt, lang, group_by, wide, ids), output)
    if _failed(report, fail_on):
        sys.exit(1)


def _midterm_options(preset: str) -> None:
    """--margin, --growth-margin and --task set the cn-midterm method: an error under another preset
    (they would be silently ignored)."""
    from click.core import ParameterSource

    ctx = click.get_current_context()
    given = [f"--{n.replace('_', '-')}" for n in ("margin", "growth_margin", "task")
             if ctx.get_parameter_source(n) not in (None, ParameterSource.DEFAULT)]
    if given and preset != "cn-midterm":
        raise SimError(Msg("midterm.only", options=list(given), preset=preset), hint=Msg("midterm.only_hint"))


def _failed(report: dict, fail_on) -> bool:
    """--fail-on over every row (and consistency finding) of a report or a portfolio."""
    statuses = {r["status"] for r in report["rows"]}
    wanted = set(fail_on)
    if "not_on_track" in wanted:
        wanted |= set(NOT_ON_TRACK)
    return bool(statuses & wanted) or ("inconsistent" in wanted and any(
        f["inconsistent"] for f in report["consistency"]))


def portfolio_check(files, scenario, assume, preset, margin=0.1, max_growth=None, as_of=None, clock=None):
    """The portfolio report of ``files`` under one scenario (sim.report.portfolio), errors echoed."""
    from sim.assess.portfolio import assess_portfolio, portfolio_summary
    from sim.report.portfolio import portfolio_report

    clock = clock or Stages()
    loaded, sc, scenario_of = load_portfolio(files, scenario, assume, as_of)
    specs = [x.spec for x in loaded if x.spec is not None]
    clock.done("load")
    rows, found, failed = assess_portfolio(specs, scenario_of, preset, margin, max_growth,
                                           progress=progress_line(Msg("progress.checking"), len(specs)))
    clock.done("assess")
    loaded, specs = with_failures(loaded, failed)
    summary = portfolio_summary(rows, [s.plan.id for s in specs])
    report = portfolio_report(loaded, sc, rows, found, summary, getattr(preset, "preset", preset))
    clock.done("summarize")
    return report


def _check_portfolio(files, scenario, assume, preset, margin, fmt, lang, fail_on, max_growth, output,
                     as_of=None):
    from sim.report.portfolio import portfolio_workbook, render_portfolio, to_json_bytes

    clock = Stages()
    with paused_gc():
        report = portfolio_check(files, scenario, assume, preset, margin, max_growth, as_of, clock)
        if fmt == "xlsx":
            emit_bytes(portfolio_workbook(report, lang), output)
        elif fmt == "json":
            emit(to_json_bytes(report), output)
        else:
            emit(render_portfolio(report, fmt, lang), output)
        clock.done("render")
    if report["errors"]:
        sys.exit(2)
    if _failed(report, fail_on):
        sys.exit(1)


@click.command()
@specs_argument
@scenario_options
@format_option(FORMATS)
@lang_option
@ids_option
@output_option()
@as_of_option
@user_errors
def project(specs, scenario, assume, fmt, lang, ids, output, as_of):
    """Year-by-year paths per indicator under a scenario (* marks projected values). Several specs
    or a folder: every plan (JSON: {"plans": [...]}; csv: plan, indicator, year, value, projected)."""
    from sim.report.check import project_report
    from sim.report.checktext import render_project

    files = portfolio_files(specs)
    if files is not None:
        return _project_portfolio(files, scenario, assume, fmt, lang, ids, output, as_of)
    s, sc = plan_and_scenario(specs[0], scenario, assume, as_of)
    if fmt == "xlsx":
        from sim.report.check import check_report
        emit_workbook([check_report(s, sc)], s, [sc], lang, output)
        return
    emit(render_project(project_report(s, sc), fmt, lang, ids), output)


def _project_portfolio(files, scenario, assume, fmt, lang, ids, output, as_of):
    from sim.meta import SCHEMA_VERSION
    from sim.report.check import project_report
    from sim.report.checktext import render_project
    from sim.report.portfolio import to_json_fast
    from sim.report.tables import render

    if fmt == "xlsx":
        raise SimError(Msg("cli.xlsx_paths_one_plan"), field="--format", hint=Msg("cli.use_csv_json"))
    loaded, _, scenario_of = load_portfolio(files, scenario, assume, as_of)
    reports = [project_report(x.spec, scenario_of(x.spec)) for x in loaded if x.spec is not None]
    if fmt == "json":
        emit(to_json_fast({"schema_version": SCHEMA_VERSION, "plans": [dict(r) for r in reports]}), output)
    elif fmt == "csv":
        rows = [[r["plan"]["id"], i["indicator"], i["unit"], int(y), v, kind == "path"]
                for r in reports for i in r["indicators"] for kind in ("actuals", "path")
                for y, v in i[kind].items()]
        emit(render(["plan", "indicator", "unit", "year", "value", "projected"], rows, "csv"), output)
    else:
        emit("\n".join(render_project(r, fmt, lang, ids) for r in reports), output)
    if len(reports) < len(loaded):
        sys.exit(2)
