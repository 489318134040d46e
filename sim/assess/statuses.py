"""Status and preset codes, defined once (METHODS.md "Statuses", "Presets"), with the named groups
of statuses that commands and reports select by. A StrEnum member is its code: JSON writes the string."""
from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """A target's status, in the order reports count and list them."""
    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    NEEDS_ACCELERATION = "needs_acceleration"
    OFF_TRACK = "off_track"
    MOVING_AWAY = "moving_away"
    AT_RISK = "at_risk"
    NOT_ASSESSABLE = "not_assessable"


class Preset(StrEnum):
    """The thresholds of an official method (METHODS.md "Presets"); default is sim's own."""
    DEFAULT = "default"
    UNSD = "unsd"
    EUROSTAT = "eurostat"
    SDG_BUILD = "sdg-build"
    CN_MIDTERM = "cn-midterm"


MEETS = frozenset({Status.ACHIEVED, Status.ON_TRACK})
"""The target is met, or the assumed pace meets it."""

NOT_ON_TRACK = (Status.MOVING_AWAY, Status.OFF_TRACK, Status.AT_RISK, Status.NEEDS_ACCELERATION)
"""Assessed and not met at the assumed pace, worst first (the order summaries list them in)."""

SHORT_OF_PACE = frozenset({Status.NEEDS_ACCELERATION, Status.OFF_TRACK, Status.MOVING_AWAY})
"""Graded by the share of the required pace that the assumed pace gives (≥ 50 %, ≥ 0, < 0)."""

WATCH = (Status.OFF_TRACK, Status.MOVING_AWAY, Status.AT_RISK)
"""What the office report's watch list shows: off track, moving away, at risk."""


NEEDS_ASSUMPTION = frozenset({"reason.no_start", "reason.no_start_range", "reason.no_pace",
                              "reason.no_pace_default_none", "reason.no_pace_break", "reason.no_pace_one_point",
                              "reason.keep_no_pace"})
"""Reason codes of targets a scenario would make assessable: the start or the pace is missing (no
baseline or history to fit, and nothing assumed)."""
