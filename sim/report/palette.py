"""The colour of each status, shared by the HTML report's chips and charts and the Excel fills."""
from __future__ import annotations

from sim.assess.statuses import Status

STATUS_COLORS = {Status.ACHIEVED: "#116329", Status.ON_TRACK: "#2da44e", Status.NEEDS_ACCELERATION: "#d4a72c",
                 Status.OFF_TRACK: "#e16f24", Status.MOVING_AWAY: "#cf222e", Status.AT_RISK: "#8250df",
                 Status.NOT_ASSESSABLE: "#8c959f"}
"""sRGB hex per status, in the order of Status."""

DARK_TEXT = frozenset({Status.NEEDS_ACCELERATION})
"""Statuses whose colour needs dark text on it."""
