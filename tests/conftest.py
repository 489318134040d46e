"""Hypothesis runs derandomized (explicit, repeatable examples) with no example database."""
from hypothesis import settings

settings.register_profile("sim", derandomize=True, database=None, deadline=None)
settings.load_profile("sim")
