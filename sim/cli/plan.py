"""Commands on plan specs: validate, show."""
from __future__ import annotations

import sys

import click

from sim.cli.common import (
    emit,
    error_lines,
    format_option,
    json_text,
    lang_option,
    load_one,
    max_growth_option,
    output_option,
    portfolio_files,
    specs_argument,
    user_errors,
)
from sim.errors import SimError


@click.command()
@specs_argument
@lang_option
@max_growth_option
@click.option("--fail-on", "fail_on", type=click.Choice(["inconsistent"]),
              help="Exit 1 if a consistency finding is an inconsistency.")
@user_errors
def validate(specs, lang, max_growth, fail_on):
    """Check plan specs: every error of every file, or one OK line per plan followed by its
    consistency findings (implied targets, contradictions, growth vs level, bounds, paces).
    Folders are searched for *.yaml/*.yml specs."""
    from sim.assess.consistency import findings
    from sim.assess.facts import inconsistent
    from sim.meta import Msg
    from sim.report.findings import render_findings
    from sim.report.labels import text
    from sim.spec.many import repeated_id
    from sim.spec.specjson import kind_counts

    failed = bad = False
    ids: dict[str, str] = {}
    for path in portfolio_files(specs) or specs:
        try:
            spec = load_one(path)
            if dup := repeated_id(spec, str(path), ids):
                raise dup
            items = findings(spec, max_growth=max_growth)
        except SimError as e:   # SpecErrors too: every error of the file
            click.echo(error_lines(e), err=True)
            failed = True
            continue
        counts = kind_counts(spec)
        n_targets = sum(counts.values())
        click.echo(text(Msg("validate.ok", path=path, plan=spec.plan.id, indicators=len(spec.indicators),
                            targets=n_targets, kinds=list(counts.items())), lang))
        click.echo(render_findings(items, lang), nl=False)
        bad = bad or inconsistent(items)
    if failed:
        sys.exit(2)
    if fail_on and bad:
        sys.exit(1)


@click.command()
@specs_argument
@format_option(("table", "json", "md", "csv"))
@output_option()
@user_errors
def show(specs, fmt, output):
    """Print the normalized plan: every indicator with its normalized targets. Several specs or a
    folder: every plan (JSON: {"plans": [...]}; csv: one table with a plan column)."""
    from sim.report.show import spec_dict
    from sim.report.tables import render

    files = portfolio_files(specs)
    if files is None:
        s = load_one(specs[0])
        if fmt == "json":
            emit(json_text(spec_dict(s)), output)
            return
        emit(render(SHOW_HEADERS, _show_rows(s), fmt, title=f"{s.plan.title} ({s.plan.id})"), output)
        return
    from sim.meta import SCHEMA_VERSION
    from sim.spec.many import load_specs
    loaded = load_specs(files, load_one)
    for x in loaded:
        for e in x.errors:
            click.echo(error_lines(e), err=True)
    plans = [x.spec for x in loaded if x.spec is not None]
    if fmt == "json":
        emit(json_text({"schema_version": SCHEMA_VERSION, "plans": [spec_dict(s) for s in plans]}), output)
    elif fmt == "csv":
        emit(render(["plan"] + SHOW_HEADERS, [[s.plan.id] + r for s in plans for r in _show_rows(s)], "csv"), output)
    else:
        emit("\n".join(render(SHOW_HEADERS, _show_rows(s), fmt, title=f"{s.plan.title} ({s.plan.id})")
                       for s in plans), output)
    if len(plans) < len(loaded):
        sys.exit(2)


SHOW_HEADERS = ["id", "name", "unit", "baseline", "year", "text", "kind", "op", "value", "owner"]


def _show_rows(s) -> list[list]:
    rows = []
    for ind in s.indicators:
        base = ind.baseline.value if ind.baseline else None
        for t in ind.targets or [None]:
            rows.append([ind.id, ind.name, ind.unit, base, t and t.year, t and t.text, t and t.kind,
                         t and t.op, t and (t.value if t.op != "between" else f"{t.low:g}-{t.high:g}"),
                         ind.owner])
    return rows
