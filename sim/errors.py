"""One error root for every mistake a user can make; each error is located."""
from __future__ import annotations


class SimError(Exception):
    """A user's mistake: bad input or usage. The CLI prints it and exits 2.

    Rendered as ``FILE:LINE: indicator 'ID': FIELD: message (hint)``; parts that are
    unknown are left out.
    """

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None,
                 indicator: str | None = None, field: str | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.indicator = indicator
        self.field = field
        self.hint = hint

    def __str__(self) -> str:
        parts = []
        if self.file:
            parts.append(f"{self.file}:{self.line}" if self.line else self.file)
        if self.indicator:
            parts.append(f"indicator '{self.indicator}'")
        if self.field:
            parts.append(self.field)
        text = self.message + (f" ({self.hint})" if self.hint else "")
        return ": ".join(parts + [text])



class SpecErrors(SimError):
    """All the errors found in one file, reported together."""

    def __init__(self, errors: list[SimError]):
        self.errors = sorted(errors, key=lambda e: (e.file or "", e.line or 0))
        super().__init__(f"{len(self.errors)} error(s)")

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)
