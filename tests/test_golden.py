"""Every bundled spec and scenario gives the same JSON as recorded (tests/golden.py rewrites them)."""
import json

import pytest

from tests.golden import GOLDEN, cases, run


@pytest.mark.parametrize("name", sorted(cases()))
def test_json_unchanged(name):
    want = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    got = json.loads(json.dumps(run(cases()[name]), ensure_ascii=False, sort_keys=True))
    assert got == want, f"{name}: JSON differs from tests/fixtures/golden/{name}.json"
