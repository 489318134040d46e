"""Every error's sentences (messages and hints), by area: code -> (English, 中文)."""
from __future__ import annotations

from sim.report.labels.errors import (
    assess,
    cli,
    data,
    extract,
    phrases,
    scenario,
    schema,
    serve,
    spec,
    yamltext,
)

TEMPLATES: dict[str, tuple] = {}
for _area in (schema, cli, spec, yamltext, scenario, data, assess, serve, phrases, extract):
    for _code, _pair in _area.TEMPLATES.items():
        assert _code not in TEMPLATES, _code
        TEMPLATES[_code] = _pair

WHERE = {"en": "indicator '{}'", "zh": "指标 '{}'"}
"""The indicator part of an error's location."""
