"""What every command shares: error handling (exit 2), output writers and the shared option
decorators (--format, -o/--output, --lang, -s/--assume, --draws/--seed, --preset, --max-growth),
each declared once here."""
from __future__ import annotations

import atexit
import contextlib
import functools
import gc
import os
import sys

import click

from sim.assess.statuses import Preset
from sim.errors import SimError
from sim.meta import Msg, os_reason, to_json

TEXT_FORMATS = ("table", "md", "csv", "json")
FORMATS = TEXT_FORMATS + ("xlsx",)
LANGS = ("zh", "en")


def command_lang() -> str:
    """The running command's --lang (zh for commands without one): the language of its errors."""
    ctx = click.get_current_context(silent=True)
    lang = ctx.params.get("lang") if ctx else None
    return lang if lang in LANGS else "zh"


def error_lines(e: SimError) -> str:
    """``e`` (every error of a file, one located line each) in the command's language."""
    from sim.report.labels import error_text
    return error_text(e, command_lang())


def user_errors(fn):
    """Print a SimError (every error of a file) to stderr in the command's language and exit 2;
    never a traceback. Each command starts a new record of the inputs it reads (sim.spec.files)."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        from sim.spec.files import forget_inputs
        forget_inputs()
        try:
            return fn(*args, **kwargs)
        except SimError as e:
            click.echo(error_lines(e), err=True)
            sys.exit(2)
        finally:
            gc.unfreeze()   # the plans a portfolio command kept (load_portfolio_scenarios)
    return wrapper


def _param_paths() -> set[str]:
    """Real paths of the existing files named by the running command's parameters."""
    ctx = click.get_current_context(silent=True)
    out = set()
    for name, v in (ctx.params.items() if ctx else ()):
        if name == "output":
            continue
        for x in v if isinstance(v, (list, tuple)) else [v]:
            if isinstance(x, str) and x and os.path.isfile(x):
                out.add(os.path.realpath(x))
    return out


def _not_an_input(output: str):
    """Refuse ``-o`` naming a file the command reads (spec, scenario, data files, reports)."""
    from sim.spec.files import inputs_read
    real = os.path.realpath(output)
    for p in inputs_read() | _param_paths():
        same = real == p or (os.path.exists(output) and os.path.exists(p) and os.path.samefile(output, p))
        if same:
            raise SimError(Msg("cli.reads_output", path=output), field="-o", hint=Msg("cli.write_elsewhere"))


def _write(output: str, data: str | bytes):
    """Write ``data`` to ``output`` atomically: a temporary file in the same folder, then a rename,
    so that a failed or killed write leaves the previous file whole."""
    import tempfile
    if output.strip() == "":
        raise SimError(Msg("cli.output_empty"), field="-o", hint=Msg("cli.output_give"))
    _not_an_input(output)
    raw = data if isinstance(data, bytes) else data.encode("utf-8")
    folder = os.path.dirname(os.path.abspath(output))
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix="." + os.path.basename(output) + ".", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
            f.flush()
            os.fsync(f.fileno())
        if os.path.exists(output):
            os.chmod(tmp, os.stat(output).st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, output)
        tmp = None
    except OSError as e:
        raise SimError(Msg("cli.cannot_write", path=output, why=os_reason(e)), field="-o",
                       hint=Msg("cli.cannot_write_hint")) from None
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)


def _is_csv(output: str) -> bool:
    ctx = click.get_current_context(silent=True)
    return (ctx is not None and ctx.params.get("fmt") == "csv") or output.lower().endswith(".csv")


def emit(text: str | bytes, output: str | None):
    """Write ``text`` to ``output`` (a CSV file begins with a UTF-8 BOM, for Excel), or to stdout;
    bytes are UTF-8 text (a large JSON) written as they are."""
    if isinstance(text, bytes):
        if output:
            _write(output, text)
        else:
            _stdout(lambda: (sys.stdout.flush(), sys.stdout.buffer.write(text)))
    elif output:
        _write(output, ("\ufeff" + text) if _is_csv(output) and not text.startswith("\ufeff") else text)
    else:
        _stdout(lambda: click.echo(text, nl=not text.endswith("\n")))


def _stdout(write):
    """Run ``write`` on stdout; a full device or a closed pipe is a one-line error (exit 2)."""
    try:
        write()
        sys.stdout.flush()
    except OSError as e:
        try:   # nothing more reaches the broken stdout, not even at exit
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass
        raise SimError(Msg("cli.stdout", why=os_reason(e)), field="stdout", hint=Msg("cli.stdout_hint")) from None


def emit_bytes(data: bytes, output: str | None):
    """Write a binary file (xlsx) to ``output``, or to stdout when it is not a terminal."""
    if output:
        _write(output, data)
    elif sys.stdout.isatty():
        raise SimError(Msg("cli.xlsx_binary"), field="-o", hint=Msg("cli.xlsx_binary_hint"))
    else:
        _stdout(lambda: sys.stdout.buffer.write(data))


def emit_workbook(reports: list[dict], spec, scenarios: list, lang: str, output: str | None):
    """One workbook of check or simulate ``reports`` with the projections of each scenario."""
    from sim.report.check import project_report
    from sim.report.xlsx import workbook
    emit_bytes(workbook(reports, [project_report(spec, sc) for sc in scenarios], lang), output)


def json_text(data) -> str:
    """``data`` as indented UTF-8 JSON, NaN/inf as null (the one JSON writer, sim.meta.to_json)."""
    return to_json(data)


def load_one(path, as_of: str | None = None):
    """The single-spec loader of every command (and of each plan of a portfolio): the spec with its
    `data:` files merged as of ``as_of`` (sim.data.load_plan); rows of a data file that match no
    indicator are reported on stderr."""
    from sim.data import load_plan
    from sim.report.dataview import unmatched_lines

    spec = load_plan(path, as_of)
    ctx = click.get_current_context(silent=True)
    lang = (ctx.params.get("lang") if ctx else None) or "zh"
    for line in unmatched_lines(spec, lang):
        click.echo(line, err=True)
    return spec


def plan_and_scenario(spec_path, scenario_path, assume, as_of: str | None = None):
    """The spec and one scenario (default: trend from history) with the --assume what-ifs applied."""
    spec, scs = plan_and_scenarios(spec_path, [scenario_path] if scenario_path is not None else [], assume, as_of)
    return spec, scs[0]


def plan_and_scenarios(spec_path, scenario_paths, assume, as_of: str | None = None):
    """The spec and its scenarios (default: one, trend from history), each with the --assume what-ifs."""
    from sim.scenario.load import apply_assume, default_scenario, load_scenario

    spec = load_one(spec_path, as_of)
    scs = [load_scenario(p, spec) for p in scenario_paths] or [default_scenario()]
    if assume:
        scs = [apply_assume(sc, list(assume), spec) for sc in scs]
    return spec, scs


def _stack(*options):
    """One decorator applying ``options`` so that they list in the given order in --help."""
    def decorate(fn):
        for option in reversed(options):
            fn = option(fn)
        return fn
    return decorate


def format_option(choices=TEXT_FORMATS, default: str | None = "table", help: str | None = None):
    """--format FMT (parameter ``fmt``) among the formats this command writes."""
    return click.option("--format", "fmt", type=click.Choice(list(choices)), default=default, help=help)


def output_option(help: str = "Write to FILE."):
    """-o/--output FILE (default: stdout)."""
    return click.option("-o", "--output", type=click.Path(dir_okay=False), help=help)


lang_option = click.option("--lang", type=click.Choice(list(LANGS)), default="zh")
"""--lang zh|en: the language of every sentence of the output."""

ids_option = click.option("--ids", is_flag=True, help="Table: indicator ids instead of names (指标名称).")
"""--ids: terminal tables name indicators by id (md, csv and json always carry ids)."""

preset_option = click.option("--preset", type=click.Choice([p.value for p in Preset]), default=Preset.DEFAULT.value,
                             help="Thresholds of an official method.")

as_of_option = click.option(
    "--as-of", "as_of", metavar="DATE",
    help="Only actuals published by DATE (YYYY-MM-DD), the latest vintage of each year (default: all).")
"""--as-of DATE (parameter ``as_of``): the actuals a monitoring office knew on that date."""

max_growth_option = click.option("--max-growth", type=float, metavar="RATE",
                                 help="Flag compound paces beyond this rate a year (e.g. 0.2).")

_ASSUME = "ID.FIELD=VALUE"

scenario_options = _stack(
    click.option("-s", "--scenario", "scenario", type=click.Path(dir_okay=False),
                 help="Scenario file (default: trend from history)."),
    click.option("--assume", multiple=True, metavar=_ASSUME,
                 help="What-if without a file, e.g. gdp.growth=0.07 (repeatable)."))
"""-s/--scenario FILE (parameter ``scenario``) and --assume ID.FIELD=VALUE (repeatable)."""


def scenarios_options(required: bool = False):
    """-s/--scenario FILE repeatable (parameter ``scenarios``) and --assume applied to every scenario."""
    return _stack(
        click.option("-s", "--scenario", "scenarios", multiple=True, required=required,
                     type=click.Path(dir_okay=False),
                     help="Scenario file (repeat: -s A -s B -s C)." if required else
                          "Scenario file (repeatable; default: trend from history)."),
        click.option("--assume", multiple=True, metavar=_ASSUME,
                     help="What-if applied to every scenario, e.g. gdp.growth=0.07 (repeatable)."))


def draw_options(minimum: int = 1, draws_help: str = "Monte Carlo paths.",
                 seed_help: str = "Random seed (default: a fresh one, printed in the output)."):
    """--draws N (``minimum`` .. MAX_DRAWS, default 10,000) and --seed INT (non-negative; default a
    fresh one)."""
    return _stack(
        click.option("--draws", type=click.IntRange(min=minimum, max=MAX_DRAWS), default=10_000,
                     show_default=True, help=draws_help + f" At most {MAX_DRAWS:,}."),
        click.option("--seed", type=SEED, help=seed_help))


MAX_DRAWS = 50_000_000
"""Draws run in chunks of fixed memory; beyond this the per-target tallies and the run time (about
a minute per 10 million draws of a 30-indicator plan on 2 cores) are no longer a report's."""

SEED = click.IntRange(min=0, max=2**63 - 1)
"""A seed: a non-negative integer (numpy's SeedSequence takes no negative entropy)."""


specs_argument = click.argument("specs", nargs=-1, required=True, type=click.Path())
"""SPEC...: one spec file, several, or folders of them (a portfolio; see ``portfolio_files``)."""

PORTFOLIO_PROGRESS = 200      # portfolios of this many files show progress on stderr even off a terminal


def portfolio_files(specs) -> list | None:
    """None when ``specs`` names one spec file (the single-plan report, unchanged); else the spec
    files of the portfolio: several files, or every *.yaml/*.yml under the folders given."""
    from pathlib import Path

    if len(specs) == 1 and not Path(specs[0]).is_dir():
        return None
    from sim.spec.many import spec_files
    return spec_files(specs)


class Stages:
    """Wall and CPU time of each stage of a run, printed to stderr as one line when SIM_TIMINGS
    is set (for bench/bench_portfolio.py): ``timings: load=WALL/CPU assess=WALL/CPU ...`` in seconds."""

    def __init__(self):
        import os
        import time
        self.on = bool(os.environ.get("SIM_TIMINGS"))
        self.clocks = (time.perf_counter, time.process_time)
        self.t = [c() for c in self.clocks]
        self.parts: list[str] = []

    def done(self, stage: str):
        if self.on:
            now = [c() for c in self.clocks]
            self.parts.append(f"{stage}={now[0] - self.t[0]:.4f}/{now[1] - self.t[1]:.4f}")
            self.t = now
            if stage == "render":
                click.echo("timings: " + " ".join(self.parts), err=True)


@contextlib.contextmanager
def paused_gc():
    """The cyclic garbage collector off for a batch run (a portfolio): its rows and reports are
    millions of acyclic dicts and floats that the collector would walk again and again as they
    accumulate; reference counting frees them all the same. Back on after; at the process's exit
    the objects left are frozen, so that the interpreter's last collection does not walk the
    millions of them it is about to drop (about 0.3 s CPU per 1,000 plans)."""
    atexit.unregister(gc.freeze)   # registered once however many runs a process makes
    atexit.register(gc.freeze)
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def progress_line(what: Msg, total: int):
    """A plain progress line on stderr in the command's language (``what``: a stage of
    sim.report.labels.progress) for a terminal or a long run (``total`` items), else None."""
    if not (sys.stderr.isatty() or total >= PORTFOLIO_PROGRESS):
        return None
    from sim.report.labels import text
    lang = command_lang()
    stage = text(what, lang)
    step = max(1, total // 20)
    shown = [-1]

    def show(done: int, n: int):
        if done != shown[0] and (done == n or done % step == 0):   # each count once
            shown[0] = done
            click.echo("\r" + text(Msg("progress.count", what=stage, done=done, total=n), lang), err=True,
                       nl=done == n)
    return show


def load_portfolio(files, scenario_path, assume, as_of: str | None = None):
    """(loaded specs, scenario, scenario_of) for a portfolio under one scenario (default: trend
    from history); see ``load_portfolio_scenarios``."""
    loaded, scs, scenarios_of = load_portfolio_scenarios(
        files, [scenario_path] if scenario_path is not None else [], assume, as_of)
    return loaded, scs[0], lambda spec: scenarios_of(spec)[0]


def load_portfolio_scenarios(files, scenario_paths, assume, as_of: str | None = None):
    """(loaded specs, scenarios, scenarios_of) for a portfolio: every file through ``load_one`` (an
    invalid one keeps its located errors, the rest go on; errors are echoed to stderr), the
    scenarios (default: one, trend from history) for all plans with the --assume what-ifs, and
    ``scenarios_of(spec)`` restricting them to each plan's indicators (sim.scenario.many)."""
    from sim.scenario.load import default_scenario, load_scenario
    from sim.scenario.many import for_plan, with_assume
    from sim.spec.many import load_specs

    loaded = load_specs(files, functools.partial(load_one, as_of=as_of),
                        progress_line(Msg("progress.loading"), len(files)))
    gc.freeze()   # the plans live until the command ends: the cyclic collector need not scan them again
    for x in loaded:
        for e in x.errors:
            click.echo(error_lines(e), err=True)
    specs = [x.spec for x in loaded if x.spec is not None]
    scs = [load_scenario(p) for p in scenario_paths] or [default_scenario()]
    if specs:
        scs = [with_assume(sc, list(assume), specs) for sc in scs]
    return loaded, scs, lambda spec: [for_plan(sc, spec) for sc in scs]


def with_failures(loaded, failed: dict):
    """(loaded, specs) with the plans in ``failed`` (plan id -> SimError, raised while assessing or
    simulating them) turned into errors of their files, echoed to stderr."""
    from sim.spec.many import Loaded

    out = []
    for x in loaded:
        e = failed.get(x.spec.plan.id) if x.spec is not None else None
        if e is not None:
            if e.file not in (None, x.file):   # e.g. the scenario's: said in the message, located at the plan
                e = SimError(Msg("cli.under", error=e), file=x.file)
            elif e.file is None:
                e = e.located(file=x.file)
            click.echo(error_lines(e), err=True)
            x = Loaded(x.file, None, (e,))
        out.append(x)
    return out, [x.spec for x in out if x.spec is not None]
