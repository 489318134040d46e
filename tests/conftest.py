"""Hypothesis runs derandomized (explicit, repeatable examples) with no example database."""
from hypothesis import settings

settings.register_profile("sim", derandomize=True, database=None, deadline=None)
settings.load_profile("sim")


def no_escape(result):
    """A CliRunner result ended by the CLI itself (exit code), not by an escaped exception."""
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result
