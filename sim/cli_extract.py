"""CLI command `sim extract` (registered on `sim.cli.main`)."""
from sim.cli import main  # noqa: F401
