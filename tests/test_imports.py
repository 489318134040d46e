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
