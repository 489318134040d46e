"""What every command shares: error handling (exit 2), output writers, shared options."""
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
    from sim.report.check import project_report
    from sim.report.xlsx import workbook
    emit_bytes(workbook(reports, [project_report(spec, sc) for sc in scenarios], lang), output)


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


MAX_GROWTH = click.option("--max-growth", type=float, metavar="RATE",
                          help="Flag compound paces beyond this rate a year (e.g. 0.2).")


def _plan_and_scenario(spec_path, scenario_path, assume):
    from sim.scenario.load import apply_assume, default_scenario, load_scenario
    from sim.spec.load import load_spec

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
