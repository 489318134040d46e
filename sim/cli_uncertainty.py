"""CLI commands for uncertainty: simulate, compare, solve, sweep (registered on `sim.cli.main`)."""
from sim.cli import main  # noqa: F401
