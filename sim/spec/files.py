"""Reading input files with a byte cap that holds for devices and pipes, and the record of every
input a command has read (so that ``-o`` never writes over one)."""
from __future__ import annotations

import os
import stat
from pathlib import Path

from sim.errors import SimError
from sim.meta import Msg, os_reason

_READ: set[str] = set()


def read_input(path: str | Path, cap: int, what: str = "file") -> bytes:
    """The bytes of ``path``, at most ``cap`` (a larger file, or an endless device, is refused
    after reading ``cap + 1`` bytes); a named pipe with no writer reads as empty instead of
    waiting; the path is recorded as an input."""
    if str(path).strip() == "":
        raise SimError(Msg("input.path_empty", what=what), hint=Msg("input.give_path"))
    p = Path(path)
    try:
        st = p.stat()
        if stat.S_ISDIR(st.st_mode):
            raise SimError(Msg("input.is_folder", what=what), file=str(path))
        if stat.S_ISFIFO(st.st_mode):   # a named pipe: opening must not wait for a writer that never comes
            fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK)
            os.set_blocking(fd, True)
            f = os.fdopen(fd, "rb")
        else:
            f = open(p, "rb")
        with f:
            data = f.read(cap + 1)
    except OSError as e:
        raise SimError(Msg("input.cannot_read", why=os_reason(e)), file=str(path)) from None
    if len(data) > cap:
        raise SimError(Msg("input.too_big", what=what, mb=cap // 2**20), file=str(path),
                       hint=Msg("input.regular_file"))
    note_input(p)
    return data


def note_input(path: str | Path):
    """Record ``path`` as read by the running command."""
    _READ.add(os.path.realpath(path))


def inputs_read() -> set[str]:
    """Real paths of the inputs read since the last ``forget_inputs``."""
    return set(_READ)


def forget_inputs():
    """Start a new command's record."""
    _READ.clear()
