"""Several specs at once: spec files named on the command line or found in folders, each loaded on
its own so that one invalid plan is reported (with its located errors) while the others run."""
from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from sim.errors import SimError, SpecErrors
from sim.meta import Msg
from sim.spec.model import Spec

SUFFIXES = (".yaml", ".yml")


class Loaded(NamedTuple):
    """One spec file: the spec, or the errors that stopped it (never both)."""
    file: str
    spec: Spec | None
    errors: tuple[SimError, ...] = ()


def spec_files(args: Sequence[str | Path]) -> list[Path]:
    """The spec files named by ``args``: files as given, folders searched recursively for
    *.yaml/*.yml (sorted; hidden folders skipped). A missing path or a folder with no spec is an error."""
    out: list[Path] = []
    for a in args:
        p = Path(a)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.suffix.lower() in SUFFIXES and f.is_file()
                           and not any(part.startswith(".") for part in f.relative_to(p).parts))
            if not found:
                raise SimError(Msg("many.no_specs"), file=str(p), hint=Msg("many.no_specs_hint"))
            out.extend(found)
        elif p.is_file():
            out.append(p)
        else:
            raise SimError(Msg("many.no_such"), file=str(p), hint=Msg("many.check_path"))
    seen: set[Path] = set()
    unique = []
    for f in out:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique


def repeated_id(spec: Spec, file: str, ids: dict[str, str]) -> SimError | None:
    """The error of a plan whose id an earlier file of the portfolio already used (``ids``: plan id
    -> first file, updated), else None."""
    first = ids.setdefault(spec.plan.id, file)
    if first == file:
        return None
    return SimError(Msg("many.plan_id_used", id=spec.plan.id, first=first), file=file, field="plan.id",
                    hint=Msg("many.plan_id_hint"))


def load_specs(files: Sequence[str | Path], load: Callable[[str], Spec],
               progress: Callable[[int, int], None] | None = None) -> list[Loaded]:
    """Each file through ``load`` (the single-spec loader the CLI uses); errors are kept per file.
    A plan id already used by an earlier file is an error of the later file.

    The cyclic garbage collector is paused meanwhile: loading makes no reference cycles, and the
    plans it keeps (some 400 objects a plan) would otherwise be scanned again and again as they grow
    (a quarter of the loading time of 3,000 plans)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return _load_each(files, load, progress)
    finally:
        if paused:
            gc.enable()


def _load_each(files, load, progress) -> list[Loaded]:
    out: list[Loaded] = []
    ids: dict[str, str] = {}
    for k, f in enumerate(files):
        f = str(f)
        try:
            spec = load(f)
        except SpecErrors as e:
            out.append(Loaded(f, None, tuple(e.errors)))
        except SimError as e:
            out.append(Loaded(f, None, (e,)))
        else:
            dup = repeated_id(spec, f, ids)
            out.append(Loaded(f, None, (dup,)) if dup else Loaded(f, spec))
        if progress:
            progress(k + 1, len(files))
    return out
