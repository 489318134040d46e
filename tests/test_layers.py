"""The layers flow one way (DESIGN.md "Architecture"): each is a folder of sim/, no module imports a
higher layer, no import cycle between modules, no module over about 400 lines, click only in the CLI
and the web framework only in serve."""
import ast
from pathlib import Path

import pytest

SIM = Path(__file__).resolve().parent.parent / "sim"
LAYERS = ["errors", "meta", "spec", "data", "growth", "scenario", "assess", "report", "extract", "serve", "cli"]
RANK = {name: k for k, name in enumerate(LAYERS)}
MAX_LINES = 420          # "about 400"
WEB = {"fastapi", "starlette", "uvicorn"}


def module_name(path: Path) -> str:
    parts = path.relative_to(SIM.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(SIM.rglob("*.py"))}


def layer(module: str) -> str:
    """The layer of a module; sim.__main__ (`python -m sim`) is the command line's."""
    name = module.split(".")[1]
    return "cli" if name == "__main__" else name


def imports(module: str) -> set[str]:
    """Modules that ``module`` imports anywhere in its body (function-local imports included)."""
    out = set()
    for node in ast.walk(ast.parse(MODULES[module].read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            out |= {f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in MODULES else node.module
                    for a in node.names}
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
    return out


def test_layers_are_folders_and_every_module_has_one():
    for name in ("spec", "data", "scenario", "assess", "report", "extract", "serve", "cli"):
        assert (SIM / name / "__init__.py").is_file() or name in ("data", "serve"), name
    for m in MODULES:
        if m != "sim":
            assert layer(m) in RANK, f"{m} is in no layer"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m != "sim"))
def test_no_upward_import(module):
    for name in imports(module):
        if name.startswith("sim.") and name in MODULES:
            assert RANK[layer(name)] <= RANK[layer(module)], f"{module} imports the higher layer {name}"


def test_no_import_cycle():
    graph = {m: {n for n in imports(m) if n in MODULES and n != m and n != "sim"} for m in MODULES}
    state: dict[str, int] = {}

    def visit(m, stack):
        state[m] = 1
        for n in graph[m]:
            assert state.get(n) != 1, "import cycle: " + " -> ".join(stack[stack.index(n):] + [n])
            if n not in state:
                visit(n, stack + [n])
        state[m] = 2

    for m in graph:
        if m not in state:
            visit(m, [m])


@pytest.mark.parametrize("module", sorted(MODULES))
def test_module_size(module):
    n = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert n <= MAX_LINES, f"{module} has {n} lines: split it by what it holds"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_click_only_in_the_cli_and_the_web_framework_only_in_serve(module):
    tops = {n.split(".")[0] for n in imports(module)}
    if not module.startswith("sim.cli"):
        assert "click" not in tops, module
    if not module.startswith("sim.serve"):
        assert not tops & WEB, module
