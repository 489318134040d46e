"""CLI command `sim extract`."""
from __future__ import annotations

import os

import click

from sim.cli.common import emit, lang_option, output_option, user_errors
from sim.errors import SimError
from sim.meta import Msg


@click.command()
@click.argument("doc", type=click.Path(dir_okay=False))
@output_option("Write the draft to FILE.")
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@click.option("--encoding", help="A text or .html document's encoding (default: detected: UTF-8, UTF-16, "
              "GB18030; an .html meta tag).")
@click.option("--base-year", type=int, help="plan.base_year (default: read from the document).")
@click.option("--target-year", type=int, help="plan.target_year (default: read from the document).")
@lang_option
@user_errors
def extract(doc, output, force, encoding, base_year, target_year, lang):
    """Draft a spec from a plan document: indicator tables and target sentences.

    DOC is a text file (tables with |, tabs, commas or aligned columns), .docx, .xlsx, .html or
    .pdf (with a text layer). Rows that do not fit their table become `# unread:` comments.

    The draft validates; review it (entries with `review: true`, `# unread:` comments, ids),
    then `sim validate` and `sim check` it. A summary goes to stderr. --lang writes the draft's
    comments, review reasons and the summary in Chinese (default) or English.
    """
    from sim.extract.draft import extract_file
    from sim.extract.render import summary_text

    if output and os.path.exists(output) and os.path.samefile(output, doc):
        raise SimError(Msg("cli.output_is_document", path=output), field="-o", hint=Msg("cli.write_draft_elsewhere"))
    if output and os.path.exists(output) and not force:
        raise SimError(Msg("cli.output_exists", path=output), field="-o", hint=Msg("cli.pass_force"))
    draft = extract_file(doc, encoding=encoding, base_year=base_year, target_year=target_year, lang=lang)
    emit(draft.yaml, output)
    click.echo(summary_text(draft, output, lang), err=True)
