"""Safe YAML loading that remembers the line of every key and list item.

Only plain data is built (no object construction). Files over ``MAX_BYTES`` and documents
that expand to more than ``MAX_NODES`` nodes (alias bombs) are refused; duplicate keys are
errors rather than silently overwritten.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from sim.errors import SimError
from sim.spec.files import read_input

MAX_BYTES = 5 * 1024 * 1024


MAX_NODES = 200_000


Path_ = tuple  # a path into the document: keys and list indices


class Located:
    """Plain data from a YAML file plus ``lines``: path -> 1-based line number."""

    def __init__(self, data, lines: dict[Path_, int], file: str):
        self.data = data
        self.lines = lines
        self.file = file

    def line(self, path: Path_) -> int | None:
        """Line of ``path`` or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


def read_text(path: str | Path) -> str:
    """The UTF-8 text of ``path`` (at most MAX_BYTES, devices and pipes included)."""
    return decode_utf8(read_input(path, MAX_BYTES), path)


def decode_utf8(raw: bytes, path) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise SimError(f"not UTF-8 text (byte {e.start})", file=str(path),
                       hint="save the file as UTF-8") from None


def load(path: str | Path) -> Located:
    """Load one YAML document from ``path`` with line numbers."""
    text = read_text(path)
    return loads(text, str(path))


def loads(text: str, file: str = "<string>", needs: str = "a spec needs `plan:` and `indicators:`") -> Located:
    loader_cls = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        node = yaml.compose(text, Loader=loader_cls)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else None
        raise SimError(f"YAML syntax error: {e.problem or e}", file=file, line=line,
                       hint="check indentation, colons and quotes on this line") from None
    except yaml.YAMLError as e:
        raise SimError(f"YAML error: {e}", file=file) from None
    if node is None:
        raise SimError("file is empty", file=file, hint=needs)
    lines: dict[Path_, int] = {}
    builder = _Builder(file, lines)
    data = builder.build(node, ())
    return Located(data, lines, file)


class _Builder:
    def __init__(self, file: str, lines: dict):
        self.file = file
        self.lines = lines
        self.count = 0
        self.scalars = yaml.constructor.SafeConstructor()

    def build(self, node, path: Path_):
        self.count += 1
        if self.count > MAX_NODES:
            raise SimError(f"document expands to more than {MAX_NODES} nodes (alias bomb?)",
                           file=self.file, line=node.start_mark.line + 1,
                           hint="remove YAML anchors/aliases that repeat large blocks")
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            out = {}
            for knode, vnode in node.value:
                key = self.build(knode, path + ("<key>",))
                if isinstance(key, (list, dict)):
                    raise SimError("a mapping key must be a plain value", file=self.file,
                                   line=knode.start_mark.line + 1)
                if isinstance(key, bool) or key is None:
                    raise SimError(f"key '{knode.value}' is read by YAML as {key}", file=self.file,
                                   line=knode.start_mark.line + 1,
                                   hint="YAML reads yes/no/on/off/null as values; put the key in quotes")
                if key in out:
                    raise SimError(f"duplicate key '{key}'", file=self.file,
                                   line=knode.start_mark.line + 1,
                                   hint="each key may appear once in a mapping; remove or merge one")
                self.lines[path + (key,)] = knode.start_mark.line + 1
                out[key] = self.build(vnode, path + (key,))
            self.lines.pop(path + ("<key>",), None)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(v, path + (i,)) for i, v in enumerate(node.value)]
        try:
            return self.scalars.construct_object(node, deep=True)
        except yaml.YAMLError as e:
            raise SimError(f"cannot read value: {e}", file=self.file,
                           line=node.start_mark.line + 1) from None
