"""Statuses and presets are defined once (sim.assess.statuses) and every list of them derives from there."""
import json

from sim.assess.statuses import (
    MEETS,
    NOT_ON_TRACK,
    SHORT_OF_PACE,
    WATCH,
    Preset,
    Status,
)
from sim.report.palette import STATUS_COLORS


def test_groups_partition_the_statuses():
    assert MEETS.isdisjoint(NOT_ON_TRACK)
    assert set(MEETS) | set(NOT_ON_TRACK) | {Status.NOT_ASSESSABLE} == set(Status)
    assert SHORT_OF_PACE <= set(NOT_ON_TRACK) and set(WATCH) <= set(NOT_ON_TRACK)


def test_codes_are_their_strings_in_json():
    assert json.dumps({"status": Status.NEEDS_ACCELERATION, "preset": Preset.SDG_BUILD}) == \
        '{"status": "needs_acceleration", "preset": "sdg-build"}'


def test_every_status_has_a_colour_and_the_cli_offers_every_preset():
    from sim.cli.check import check
    assert list(STATUS_COLORS) == list(Status)
    preset = next(p for p in check.params if p.name == "preset")
    assert list(preset.type.choices) == [p.value for p in Preset]
