"""CLI commands for consistency: verify (registered on `sim.cli.main`)."""
from sim.cli import main  # noqa: F401
