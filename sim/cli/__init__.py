"""The `sim` command line (click only here): parse, call the library, render, exit code.

Exit codes: 0 ran fine; 1 ran fine and --fail-on matched; 2 bad input or usage.
Heavy modules are imported inside commands so that start-up stays fast.
"""
import click

from sim.cli import check, data, extract, plan, report, serve, uncertainty, verify


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sim")
def main():
    """sim: check a development plan's indicator targets and project them under scenarios."""


for _command in (plan.validate, plan.show, check.check, check.project, extract.extract, uncertainty.simulate,
                 uncertainty.compare, uncertainty.solve, uncertainty.sweep, report.report, verify.verify,
                 data.diff, data.backtest, serve.serve):
    main.add_command(_command)
