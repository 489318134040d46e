"""scipy and Jinja2 are imported only where they are used (simulate/solve; the HTML report): the check
path stays fast; the report's templates ship as package data."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TUNXI = ROOT / "specs" / "tunxi-yrd-2027.yaml"
UNCERTAIN = ROOT / "scenarios" / "tunxi-uncertain.yaml"

CODE = """
import sys
from click.testing import CliRunner
from sim.cli import main
for args in {light!r}:
    r = CliRunner().invoke(main, args)
    assert r.exit_code in (0, 1), (args, r.output)
    assert 'scipy' not in sys.modules and 'jinja2' not in sys.modules, args
r = CliRunner().invoke(main, {heavy!r})
assert r.exit_code in (0, 1), r.output
print('scipy.special' in sys.modules)
"""


def test_scipy_only_on_the_simulate_path():
    light = [["validate", str(TUNXI)], ["show", str(TUNXI)], ["check", str(TUNXI), "-s", str(UNCERTAIN)],
             ["check", str(TUNXI), "--preset", "unsd", "--format", "json"], ["project", str(TUNXI)]]
    heavy = ["simulate", str(TUNXI), "-s", str(UNCERTAIN), "--draws", "200", "--seed", "1"]
    out = subprocess.run([sys.executable, "-c", CODE.format(light=light, heavy=heavy)],
                         capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["True"]


def test_templates_are_package_data():
    import fnmatch
    import tomllib
    globs = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"]["sim.report"]
    files = [p.relative_to(ROOT / "sim" / "report").as_posix() for p in (ROOT / "sim" / "report" / "templates").iterdir()]
    assert files and all(any(fnmatch.fnmatch(f, g) for g in globs) for f in files)


def test_a_plain_check_imports_only_its_own_command_module():
    code = ("import sys\nfrom click.testing import CliRunner\nfrom sim.cli import main\n"
            f"r = CliRunner().invoke(main, ['check', {str(TUNXI)!r}, '--format', 'json'])\n"
            "assert r.exit_code in (0, 1), r.output\n"
            "print(sorted(m for m in sys.modules if m.startswith(('sim.cli.', 'sim.report.labels.errors')) or m in "
            "('sim.report.explain', 'sim.report.checktext', 'sim.report.checktable', 'sim.spec.many')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "['sim.cli.check', 'sim.cli.common']"


def test_error_sentences_are_found_when_first_needed():
    code = ("import sys\nfrom sim.report.labels import TEMPLATES, error_text\nfrom sim.errors import SimError\n"
            "from sim.meta import Msg\nassert 'sim.report.labels.errors' not in sys.modules\n"
            "print(error_text(SimError(Msg('cli.explain_one_plan'), field='--explain'), 'en'))\n"
            "assert 'sim.report.labels.errors' in sys.modules and TEMPLATES['cli.explain_one_plan']\n"
            "try:\n    TEMPLATES['no.such.code']\nexcept KeyError:\n    print('missing')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    first, last = out.stdout.strip().splitlines()
    assert first.startswith("--explain: ") and len(first) > 15 and last == "missing"


def test_every_name_of_the_library_api_resolves():
    import sim
    assert all(callable(getattr(sim, name)) for name in sim.__all__)


def test_every_command_module_is_listed_and_each_listed_command_is_found():
    import importlib
    import pkgutil

    import click

    import sim.cli
    from sim.cli import COMMANDS, main
    defined = {}
    for m in pkgutil.iter_modules(sim.cli.__path__):
        mod = importlib.import_module(f"sim.cli.{m.name}")
        defined |= {c.name: m.name for c in vars(mod).values()
                    if isinstance(c, click.Command) and c.callback.__module__ == mod.__name__ and c is not main}
    assert defined == COMMANDS
    assert all(main.get_command(None, name).name == name for name in COMMANDS)
    assert main.list_commands(None) == sorted(COMMANDS)


def test_the_fast_yaml_readers_odd_characters_are_the_complement_of_plain_printable_text():
    """The fast YAML reader's _ODD, written as the characters it finds (cheap to compile at import),
    finds exactly what the negated class of printable text does, over every code point."""
    import re

    from sim.spec.fastyaml import _ODD
    printable = re.compile(r"[^\n\x20-\x5b\x5d-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
                           r"\U00010000-\U0010ffff]")
    every = "".join(map(chr, range(0x110000)))
    assert _ODD.findall(every) == printable.findall(every) and len(_ODD.findall(every)) == 2118


def test_loading_the_spec_models_parses_no_text_signature():
    """pydantic reads a default_factory's signature: a builtin's (``list``) is parsed from text,
    which starts the tokenizer (~2 ms at import); the spec models use Python functions."""
    code = ("import inspect\ncalled = []\norig = inspect._signature_fromstr\n"
            "inspect._signature_fromstr = lambda *a, **k: (called.append(a[1]), orig(*a, **k))[1]\n"
            "import sim.spec.load, sim.scenario.load, sim.data, sim.report.check\nprint(called)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_the_program_runs_without_the_cyclic_collector(monkeypatch):
    """`sim` and `python -m sim` run sim.cli.run: main with gc off (a short process; serve and
    --cluster turn it back on), while importing sim.cli leaves gc alone for library users."""
    import gc
    import tomllib

    import sim.cli
    seen = []
    monkeypatch.setattr(sim.cli, "main", lambda: seen.append(gc.isenabled()))
    assert gc.isenabled()
    try:
        sim.cli.run()
    finally:
        gc.enable()
    assert seen == [False]
    root = Path(__file__).resolve().parent.parent
    assert tomllib.loads((root / "pyproject.toml").read_text())["project"]["scripts"]["sim"] == "sim.cli:run"
    assert "run()" in (root / "sim" / "__main__.py").read_text()
