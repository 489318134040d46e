"""The normalized plan as JSON data (`sim show --format json`, `sim.spec_dict`): the data of
sim.spec.specjson with each target's reading (``convention``) written in English."""
from __future__ import annotations

from sim.report.labels import localize
from sim.spec import specjson
from sim.spec.model import Spec


def spec_dict(spec: Spec) -> dict:
    """The normalized plan, every sentence in English (the JSON contract's language)."""
    return localize(specjson.spec_dict(spec), "en")
