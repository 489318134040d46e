"""One error root for every mistake a user can make; each error is located.

An error's message and hint are sentences as data (``sim.meta.Msg``), written in zh or en by the
report layer's templates (``sim.report.labels.errors``); ``str(e)`` and ``e.message`` are the
English text. Plain strings are accepted too (a library user's own errors) and shown as given."""
from __future__ import annotations

from collections.abc import Callable

writer: Callable[[object, str], str] = lambda x, lang: str(x)
"""Writes a SimError or a Msg in a language; the package root (``sim/__init__``) installs the report
layer's (``sim.report.labels.error_text``), imported on first use."""


def write(x, lang: str = "en") -> str:
    """``x`` (a SimError, a Msg or text) in ``lang``; None stays None."""
    if x is None or isinstance(x, str):
        return x
    return writer(x, lang)


class SimError(Exception):
    """A user's mistake: bad input or usage. The CLI prints it and exits 2.

    Rendered as ``FILE:LINE: indicator 'ID': FIELD: message (hint)``; parts that are
    unknown are left out. ``msg`` and ``hint_msg`` hold the sentences (Msg or text)."""

    def __init__(self, message, *, file: str | None = None, line: int | None = None,
                 indicator: str | None = None, field: str | None = None, hint=None):
        super().__init__(message)
        self.msg = message
        self.file = file
        self.line = line
        self.indicator = indicator
        self.field = field
        self.hint_msg = hint

    @property
    def message(self) -> str:
        """The message in English."""
        return write(self.msg)

    @property
    def hint(self) -> str | None:
        """How to fix it, in English (None when there is no hint)."""
        return write(self.hint_msg)

    def located(self, **where) -> SimError:
        """A copy of this error at ``where`` (file, line, indicator, field, hint)."""
        e = SimError(self.msg, file=self.file, line=self.line, indicator=self.indicator, field=self.field,
                     hint=self.hint_msg)
        for k, v in where.items():
            setattr(e, "hint_msg" if k == "hint" else k, v)
        return e

    def __str__(self) -> str:
        return write(self)

    def __reduce__(self):   # pickled whole (errors of plans assessed on Dask workers)
        return _restore, (type(self), dict(self.__dict__))


def _restore(cls, state: dict):
    e = cls.__new__(cls)
    Exception.__init__(e, state.get("msg"))
    e.__dict__.update(state)
    return e


class SpecErrors(SimError):
    """All the errors found in one file, reported together."""

    def __init__(self, errors: list[SimError]):
        self.errors = sorted(errors, key=lambda e: (e.file or "", e.line or 0))
        super().__init__(f"{len(self.errors)} error(s)")

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


class Invalid(ValueError):
    """A validator's or parser's complaint as a sentence (``msg``, with an optional ``hint``): pydantic
    keeps it in its error's context and the located error takes its Msg from there."""

    def __init__(self, msg, hint=None):
        super().__init__(msg)
        self.msg = msg
        self.hint = hint

    def __str__(self) -> str:
        return write(self.msg)
