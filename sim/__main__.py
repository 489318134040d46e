"""`python -m sim ...` runs the command line (the same as the `sim` script)."""
from sim.cli import run

run()
