"""Safe YAML loading that remembers the line of every key and list item.

Only plain data is built (no object construction). Files over ``MAX_BYTES`` and documents
that expand to more than ``MAX_NODES`` nodes (alias bombs) are refused; duplicate keys are
errors rather than silently overwritten.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from sim.errors import SimError
from sim.meta import Msg
from sim.spec.files import read_input

MAX_BYTES = 5 * 1024 * 1024


def yaml_problem(text: str) -> Msg:
    """The YAML parser's complaint, as a sentence written in the report's language."""
    return Msg("yaml.problem", text=text)


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
        raise SimError(Msg("input.not_utf8", byte=e.start), file=str(path), hint=Msg("input.save_utf8")) from None


def load(path: str | Path) -> Located:
    """Load one YAML document from ``path`` with line numbers."""
    text = read_text(path)
    return loads(text, str(path))


def loads(text: str, file: str = "<string>", needs: Msg = Msg("yaml.needs_spec")) -> Located:
    loader_cls = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        node = yaml.compose(text, Loader=loader_cls)
    except yaml.MarkedYAMLError as e:
        if "nesting depth" in (e.problem or ""):   # libyaml's own limit (PyYAML 6.0.4 and later)
            raise SimError(Msg("yaml.too_deep"), file=file, hint=Msg("yaml.too_deep_hint")) from None
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else None
        raise SimError(Msg("yaml.syntax", problem=yaml_problem(e.problem or str(e))), file=file, line=line,
                       hint=Msg("yaml.syntax_hint")) from None
    except yaml.YAMLError as e:
        raise SimError(Msg("yaml.error", problem=yaml_problem(str(e))), file=file) from None
    except RecursionError:   # the parser's own recursion, on thousands of nested brackets
        raise SimError(Msg("yaml.too_deep"), file=file, hint=Msg("yaml.too_deep_hint")) from None
    if node is None:
        raise SimError(Msg("yaml.empty"), file=file, hint=needs)
    lines: dict[Path_, int] = {}
    builder = _Builder(file, lines)
    try:
        data = builder.build(node, ())
    except RecursionError:
        raise SimError(Msg("yaml.too_deep"), file=file, hint=Msg("yaml.too_deep_hint")) from None
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
            raise SimError(Msg("yaml.bomb", n=MAX_NODES),
                           file=self.file, line=node.start_mark.line + 1,
                           hint=Msg("yaml.bomb_hint"))
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            out = {}
            for knode, vnode in node.value:
                key = self.build(knode, path + ("<key>",))
                if isinstance(key, (list, dict)):
                    raise SimError(Msg("yaml.key_plain"), file=self.file,
                                   line=knode.start_mark.line + 1)
                if isinstance(key, bool) or key is None:
                    raise SimError(Msg("yaml.key_read_as", key=knode.value, value=str(key)), file=self.file,
                                   line=knode.start_mark.line + 1,
                                   hint=Msg("yaml.key_quote"))
                if key in out:
                    raise SimError(Msg("yaml.duplicate", key=key), file=self.file,
                                   line=knode.start_mark.line + 1,
                                   hint=Msg("yaml.duplicate_hint"))
                self.lines[path + (key,)] = knode.start_mark.line + 1
                out[key] = self.build(vnode, path + (key,))
            self.lines.pop(path + ("<key>",), None)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(v, path + (i,)) for i, v in enumerate(node.value)]
        try:
            return self.scalars.construct_object(node, deep=True)
        except yaml.YAMLError as e:
            raise SimError(Msg("yaml.value", problem=yaml_problem(str(e))), file=self.file,
                           line=node.start_mark.line + 1) from None
        except ValueError as e:   # a date that does not exist (2025-02-30), an int of over 4300 digits
            raise SimError(Msg("yaml.value", problem=str(e).split(";")[0]), file=self.file,
                           line=node.start_mark.line + 1) from None
