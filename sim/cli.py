"""The `sim` command line (click only here): parse, call the library, render, exit code.

Exit codes: 0 ran fine; 1 ran fine and --fail-on matched; 2 bad input or usage.
Heavy modules are imported inside commands so that start-up stays fast.
"""
from __future__ import annotations

import functools
import json
import sys

import click

from sim.errors import SimError

TEXT_FORMATS = ["table", "md", "csv", "json"]
FORMATS = TEXT_FORMATS + ["xlsx"]


def _user_errors(fn):
    """Print a SimError (every error of a file) to stderr and exit 2; never a traceback."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except SimError as e:
            click.echo(str(e), err=True)
            sys.exit(2)
    return wrapper


def _write(output: str, data: str | bytes):
    try:
        with open(output, "wb" if isinstance(data, bytes) else "w",
                  **({} if isinstance(data, bytes) else {"encoding": "utf-8"})) as f:
            f.write(data)
    except OSError as e:
        raise SimError(f"cannot write '{output}': {e.strerror}", field="-o",
                       hint="check that the folder exists and can be written") from None


def _emit(text: str, output: str | None):
    if output:
        _write(output, text)
    else:
        click.echo(text, nl=not text.endswith("\n"))


def emit_bytes(data: bytes, output: str | None):
    """Write a binary file (xlsx) to ``output``, or to stdout when it is not a terminal."""
    if output:
        _write(output, data)
    elif sys.stdout.isatty():
        raise SimError("an xlsx workbook is binary: write it to a file", field="-o",
                       hint="add -o FILE.xlsx (or redirect stdout to a file)")
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


def emit_workbook(reports: list[dict], spec, scenarios: list, lang: str, output: str | None):
    """One workbook of check or simulate ``reports`` with the projections of each scenario."""
    from sim.report import project_report
    from sim.xlsx import workbook
    emit_bytes(workbook(reports, [project_report(spec, sc) for sc in scenarios], lang), output)


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sim")
def main():
    """sim: check a development plan's indicator targets and project them under scenarios."""


MAX_GROWTH = click.option("--max-growth", type=float, metavar="RATE",
                          help="Flag compound paces beyond this rate a year (e.g. 0.2).")


@main.command()
@click.argument("specs", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh")
@MAX_GROWTH
@click.option("--fail-on", "fail_on", type=click.Choice(["inconsistent"]),
              help="Exit 1 if a consistency finding is an inconsistency.")
@_user_errors
def validate(specs, lang, max_growth, fail_on):
    """Check plan specs: every error of every file, or one OK line per plan followed by its
    consistency findings (implied targets, contradictions, growth vs level, bounds, paces)."""
    from sim.consistency import findings, inconsistent, render_findings
    from sim.errors import SpecErrors
    from sim.spec import load_spec
    from sim.specjson import kind_counts

    failed = bad = False
    for path in specs:
        try:
            spec = load_spec(path)
            items = findings(spec, max_growth=max_growth)
        except SpecErrors as e:
            click.echo(str(e), err=True)
            failed = True
            continue
        except SimError as e:
            click.echo(str(e), err=True)
            failed = True
            continue
        counts = kind_counts(spec)
        n_targets = sum(counts.values())
        kinds = ", ".join(f"{k} {v}" for k, v in counts.items())
        click.echo(f"OK {path}: plan {spec.plan.id}: {len(spec.indicators)} indicators, "
                   f"{n_targets} targets ({kinds})")
        click.echo(render_findings(items, lang), nl=False)
        bad = bad or inconsistent(items)
    if failed:
        sys.exit(2)
    if fail_on and bad:
        sys.exit(1)


@main.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["table", "json", "md", "csv"]), default="table")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE.")
@_user_errors
def show(spec, fmt, output):
    """Print the normalized plan: every indicator with its normalized targets."""
    from sim.spec import load_spec
    from sim.specjson import spec_dict
    from sim.tables import render

    s = load_spec(spec)
    if fmt == "json":
        _emit(_json(spec_dict(s)), output)
        return
    headers = ["id", "name", "unit", "baseline", "year", "text", "kind", "op", "value", "owner"]
    rows = []
    for ind in s.indicators:
        base = ind.baseline.value if ind.baseline else None
        for t in ind.targets or [None]:
            rows.append([ind.id, ind.name, ind.unit, base, t and t.year, t and t.text, t and t.kind,
                         t and t.op, t and (t.value if t.op != "between" else f"{t.low:g}-{t.high:g}"),
                         ind.owner])
    _emit(render(headers, rows, fmt, title=f"{s.plan.title} ({s.plan.id})"), output)


def _plan_and_scenario(spec_path, scenario_path, assume):
    from sim.scenario import apply_assume, default_scenario, load_scenario
    from sim.spec import load_spec

    spec = load_spec(spec_path)
    sc = load_scenario(scenario_path, spec) if scenario_path else default_scenario()
    if assume:
        sc = apply_assume(sc, list(assume), spec)
    return spec, sc


def _scenario_options(fn):
    fn = click.option("--assume", multiple=True, metavar="ID.FIELD=VALUE",
                      help="What-if without a file, e.g. gdp.growth=0.07 (repeatable).")(fn)
    fn = click.option("-s", "--scenario", "scenario", type=click.Path(dir_okay=False),
                      help="Scenario file (default: trend from history).")(fn)
    return fn


STATUS_CHOICES = ["achieved", "on_track", "needs_acceleration", "off_track", "moving_away",
                  "at_risk", "not_assessable", "not_on_track", "inconsistent"]


@main.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@_scenario_options
@click.option("--preset", type=click.Choice(["default", "unsd", "eurostat", "sdg-build", "cn-midterm"]),
              default="default", help="Thresholds of an official method.")
@click.option("--margin", type=float, default=0.1, show_default=True,
              help="cn-midterm margin m around time elapsed.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh")
@click.option("--group-by", type=click.Choice(["owner", "attribute"]))
@click.option("--wide", is_flag=True, help="Table: all columns.")
@click.option("--explain", "explain", metavar="ID", help="Print one indicator's derivation.")
@click.option("--fail-on", "fail_on", multiple=True, type=click.Choice(STATUS_CHOICES),
              help="Exit 1 if any target has this status (not_on_track: any but achieved/on_track; "
                   "inconsistent: a consistency finding).")
@MAX_GROWTH
@click.option("-o", "--output", type=click.Path(dir_okay=False))
@_user_errors
def check(spec, scenario, assume, preset, margin, fmt, lang, group_by, wide, explain, fail_on,
          max_growth, output):
    """Feasibility report: required pace, assumed pace, projection and status per target."""
    from sim.report import check_report, explain_text, render_check

    s, sc = _plan_and_scenario(spec, scenario, assume)
    report = check_report(s, sc, preset, margin, max_growth)
    if explain:
        if explain not in {r["indicator"] for r in report["rows"]} | {i.id for i in s.indicators}:
            raise SimError(f"'{explain}' is not an indicator of plan {s.plan.id}", field="--explain",
                           hint="ids: " + ", ".join(i.id for i in s.indicators))
        _emit(explain_text(report, explain, lang), output)
    elif fmt == "xlsx":
        emit_workbook([report], s, [sc], lang, output)
    else:
        _emit(render_check(report, fmt, lang, group_by, wide), output)
    statuses = {r["status"] for r in report["rows"]}
    wanted = set(fail_on)
    if "not_on_track" in wanted:
        wanted |= set(STATUS_CHOICES[2:6])
    if statuses & wanted or ("inconsistent" in wanted and any(
            f["inconsistent"] for f in report["consistency"])):
        sys.exit(1)


@main.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@_scenario_options
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh")
@click.option("-o", "--output", type=click.Path(dir_okay=False))
@_user_errors
def project(spec, scenario, assume, fmt, lang, output):
    """Year-by-year paths per indicator under a scenario (* marks projected values)."""
    from sim.report import project_report, render_project

    s, sc = _plan_and_scenario(spec, scenario, assume)
    if fmt == "xlsx":
        from sim.report import check_report
        emit_workbook([check_report(s, sc)], s, [sc], lang, output)
        return
    _emit(render_project(project_report(s, sc), fmt, lang), output)


# Commands defined in their own modules register themselves on `main`.
from sim import cli_consistency, cli_extract, cli_report, cli_uncertainty  # noqa: E402,F401
