"""The layers flow one way (DESIGN.md): no module imports a higher layer, click only in the CLI."""
import ast
from pathlib import Path

import pytest

SIM = Path(__file__).resolve().parent.parent / "sim"
LAYERS = [  # lowest first; a module may import its own layer or lower ones
    {"errors", "meta", "tables", "yamlload", "numerals", "units"},
    {"targets", "phrases", "model", "spec", "relations", "specjson", "extract", "extract_tables",
     "extract_sentences"},
    {"growth"},
    {"scenario"},
    {"assess"},
    {"consistency", "simulate"},
    {"solve", "verify"},
    {"report"},
    {"html", "xlsx"},
    {"cli", "cli_consistency", "cli_extract", "cli_report", "cli_uncertainty"},
]
LAYER = {m: k for k, mods in enumerate(LAYERS) for m in mods}
MODULES = sorted(p.stem for p in SIM.glob("*.py") if p.stem != "__init__")


def imports(module: str) -> set[str]:
    """Modules of sim (and top-level packages) that ``module`` imports anywhere in its body."""
    out = set()
    for node in ast.walk(ast.parse((SIM / f"{module}.py").read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "sim":
                out |= {f"sim.{a.name}" for a in node.names}
            else:
                out.add(node.module)
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
    return out


def test_every_module_has_a_layer():
    assert set(MODULES) == set(LAYER)


@pytest.mark.parametrize("module", MODULES)
def test_no_upward_import(module):
    for name in imports(module):
        if name.startswith("sim."):
            target = name.split(".")[1]
            assert LAYER[target] <= LAYER[module], f"{module} (layer {LAYER[module]}) imports {target}"


@pytest.mark.parametrize("module", MODULES)
def test_click_only_in_the_cli(module):
    if not module.startswith("cli"):
        assert not any(n == "click" or n.startswith("click.") for n in imports(module))
