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

FORMATS = ["table", "md", "csv", "json"]


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


def _emit(text: str, output: str | None):
    if output:
        with open(output, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        click.echo(text, nl=not text.endswith("\n"))


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sim")
def main():
    """sim: check a development plan's indicator targets and project them under scenarios."""


@main.command()
@click.argument("specs", nargs=-1, required=True, type=click.Path(dir_okay=False))
@_user_errors
def validate(specs):
    """Check plan specs: every error of every file, or one OK line per plan."""
    from sim.errors import SpecErrors
    from sim.spec import load_spec
    from sim.specjson import kind_counts

    failed = False
    for path in specs:
        try:
            spec = load_spec(path)
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
    if failed:
        sys.exit(2)


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
