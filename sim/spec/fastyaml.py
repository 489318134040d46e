"""A fast reader for the plain YAML that specs are written in, giving exactly what the located
loader (sim.spec.yamlload) gives — the data and the line of every key and list item — or None.

It reads block mappings and sequences (``- id: x`` items included), one-line flow collections
(``{2021: 240, 2022: 250}``, ``[{year: 2025, target: 3}]``), plain and quoted one-line scalars and
comments, resolving plain scalars with PyYAML's own implicit resolvers (YAML 1.1: ``yes`` is true,
``2021`` an int, ``1200以上`` a string). Anything else — anchors, aliases, tags, block or multi-line
scalars, several documents, duplicate or non-scalar keys, escapes, timestamps, octal or sexagesimal
numbers, tabs, unusual line breaks, anything it is unsure of — returns None, and the caller uses the
located loader, which also gives every error its line. So a valid spec is read once, quickly; a
spec with a mistake pays for the careful reader only.
"""
from __future__ import annotations

import functools
import re

import yaml

from sim.spec.yamlload import MAX_NODES, Located

_RESOLVERS = yaml.resolver.Resolver.yaml_implicit_resolvers
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_BOOLS = {"yes": True, "no": False, "true": True, "false": False, "on": True, "off": False}
# anything but printable text without tabs, CR, odd line breaks, BOM or backslash (a lone LF is fine)
_ODD = re.compile(r"[^\n\x20-\x5b\x5d-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
_PAIR = re.compile(r" *([^,:{}\[\]'\"# ][^,:{}\[\]'\"#]*?) *: +([^,:{}\[\]'\"# ][^,:{}\[\]'\"#]*?) *(?:,|\Z)")
_SIMPLE_FLOW = re.compile(f"(?:{_PAIR.pattern})+")


class _Bail(Exception):
    """Not in the subset: the located loader decides."""


def fast_loads(text: str, file: str = "<string>") -> Located | None:
    """``text`` as the located loader would read it, or None when it is outside the subset."""
    if len(text) > MAX_NODES // 2 or _ODD.search(text):   # fewer characters than nodes allowed
        return None
    try:
        return _Reader(text, file).read()
    except (_Bail, RecursionError):
        return None


@functools.lru_cache(maxsize=1 << 16)
def _scalar(s: str):
    """A plain scalar resolved as PyYAML's SafeLoader resolves it (or _Bail)."""
    for tag, rx in _RESOLVERS.get(s[:1], ()):
        if rx.match(s):
            kind = tag.rsplit(":", 1)[1]
            if kind == "null":
                return None
            if kind == "bool":
                return _BOOLS[s.lower()]
            if kind == "int" and _INT.match(s):
                return int(s)
            if kind == "float" and "_" not in s and ":" not in s and s.lstrip("+-")[:1] != ".":
                return float(s)
            raise _Bail
    if s[:1] in _INDICATORS or ": " in s or s.endswith(":") or " #" in s:
        raise _Bail
    return s


def _strip_comment(s: str) -> str:
    """The line without its comment (a # at the start or after a space, outside quotes)."""
    if "#" not in s:
        return s.rstrip()
    quote = None
    for k, ch in enumerate(s):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "'\"" and (k == 0 or s[k - 1] in " [{,:"):
            quote = ch
        elif ch == "#" and (k == 0 or s[k - 1] == " "):
            return s[:k].rstrip()
    if quote:
        raise _Bail
    return s.rstrip()


class _Reader:
    def __init__(self, text: str, file: str):
        self.file = file
        self.lines: dict[tuple, int] = {}
        toks = []
        for n, raw in enumerate(text.split("\n"), start=1):
            s = _strip_comment(raw) if "#" in raw else raw.rstrip()
            body = s.lstrip(" ")
            if not body:
                continue
            if body.startswith(("---", "...", "%")) and len(s) == len(body):
                raise _Bail
            toks.append((n, len(s) - len(body), body))
        self.toks = toks
        self.i = 0

    def read(self) -> Located | None:
        if not self.toks:
            return None
        n, ind, _ = self.toks[0]
        if ind:
            raise _Bail
        self.lines[()] = n
        data = self.block((), 0)
        if self.i != len(self.toks):
            raise _Bail
        return Located(data, self.lines, self.file)

    def block(self, path: tuple, ind: int):
        body = self.toks[self.i][2]
        if body == "-" or body.startswith("- "):
            return self.sequence(path, ind)
        return self.mapping(path, ind)

    def mapping(self, path: tuple, ind: int, first: tuple | None = None) -> dict:
        out: dict = {}
        while True:
            if first is not None:
                n, body, first = first[0], first[1], None
            elif self.i < len(self.toks) and self.toks[self.i][1] == ind:
                n, _, body = self.toks[self.i]
                if body == "-" or body.startswith("- "):
                    break
                self.i += 1
            else:
                break
            key, rest = self._split_key(body)
            if isinstance(key, (bool, list, dict)) or key is None or key in out:
                raise _Bail
            self.lines[path + (key,)] = n
            if rest:
                out[key] = self.inline(rest, path + (key,), n)
                if self.i < len(self.toks) and self.toks[self.i][1] > ind:
                    raise _Bail   # a multi-line scalar or a value under a value
                continue
            nxt = self.toks[self.i] if self.i < len(self.toks) else None
            if nxt is not None and nxt[1] > ind:
                out[key] = self.block(path + (key,), nxt[1])
            elif nxt is not None and nxt[1] == ind and (nxt[2] == "-" or nxt[2].startswith("- ")):
                out[key] = self.sequence(path + (key,), ind)
            else:
                    out[key] = None
        if self.i < len(self.toks) and self.toks[self.i][1] > ind:
            raise _Bail
        return out

    def sequence(self, path: tuple, ind: int) -> list:
        out: list = []
        while self.i < len(self.toks):
            n, tind, body = self.toks[self.i]
            if tind != ind or not (body == "-" or body.startswith("- ")):
                break
            self.i += 1
            rest = body[1:].lstrip(" ")
            if not rest or rest == "-" or rest.startswith("- "):
                raise _Bail
            item = path + (len(out),)
            self.lines.setdefault(item, n)
            if rest[0] not in "{['\"" and (": " in rest or rest.endswith(":")):
                col = ind + len(body) - len(rest)
                out.append(self.mapping(item, col, first=(n, rest)))
            else:
                out.append(self.inline(rest, item, n))
                if self.i < len(self.toks) and self.toks[self.i][1] > ind:
                    raise _Bail
        return out

    def _split_key(self, body: str):
        if body[0] in "'\"":
            key, end = self._quoted(body, 0)
            rest = body[end:]
            if not (rest == ":" or rest.startswith(": ")):
                raise _Bail
            return key, rest[1:].strip()
        k = body.find(": ")
        if k < 0:
            if not body.endswith(":"):
                raise _Bail
            k = len(body) - 1
        raw = body[:k].rstrip()
        if not raw:
            raise _Bail
        return _scalar(raw), body[k + 1:].strip()

    @staticmethod
    def _quoted(s: str, k: int) -> tuple[str, int]:
        """The quoted scalar starting at s[k] and the index after it."""
        q = s[k]
        out, j = [], k + 1
        while True:
            e = s.find(q, j)
            if e < 0:
                raise _Bail
            out.append(s[j:e])
            if q == "'" and s[e + 1:e + 2] == "'":
                out.append("'")
                j = e + 2
                continue
            return "".join(out), e + 1

    def inline(self, s: str, path: tuple, n: int):
        """A value on one line: a flow collection, a quoted or a plain scalar."""
        self.lines.setdefault(path, n)
        if s[0] in "{[":
            value, end = self.flow(s, 0, path, n)
            if s[end:].strip():
                raise _Bail
            return value
        if s[0] in "'\"":
            value, end = self._quoted(s, 0)
            if s[end:].strip():
                raise _Bail
            return value
        if s[0] in "|>":
            raise _Bail
        return _scalar(s)

    def flow(self, s: str, k: int, path: tuple, n: int):
        """A flow mapping or sequence starting at s[k]; returns (value, index after it)."""
        self.lines.setdefault(path, n)
        if k == 0 and s[-1] == "}" and _SIMPLE_FLOW.fullmatch(s, 1, len(s) - 1):   # {k: v, ...} of plain scalars
            out = {}
            pairs = _PAIR.findall(s, 1, len(s) - 1)
            lines = self.lines
            for key, value in pairs:
                key, value = _scalar(key), _scalar(value)
                if isinstance(key, bool) or key is None or key in out or value == "":
                    raise _Bail
                lines[path + (key,)] = n
                out[key] = value
            return out, len(s)
        close = "}" if s[k] == "{" else "]"
        mapping = close == "}"
        out: dict | list = {} if mapping else []
        k += 1
        while True:
            k = self._skip(s, k)
            if s[k:k + 1] == close:
                return out, k + 1
            if mapping:
                key, k = self._flow_scalar(s, k, key=True)
                k = self._skip(s, k)
                if s[k:k + 2] != ": " or isinstance(key, (bool, list, dict)) or key is None or key in out:
                    raise _Bail
                    self.lines[path + (key,)] = n
                k = self._skip(s, k + 1)
                value, k = self._flow_value(s, k, path + (key,), n)
                out[key] = value
            else:
                item = path + (len(out),)
                value, k = self._flow_value(s, k, item, n)
                out.append(value)
            k = self._skip(s, k)
            if s[k:k + 1] == ",":
                k = self._skip(s, k + 1)
                if s[k] in ",]}":
                    raise _Bail
            elif s[k:k + 1] != close:
                raise _Bail

    @staticmethod
    def _skip(s: str, k: int) -> int:
        while k < len(s) and s[k] == " ":
            k += 1
        if k >= len(s):
            raise _Bail
        return k

    def _flow_value(self, s: str, k: int, path: tuple, n: int):
        if s[k] in "{[":
            return self.flow(s, k, path, n)
        self.lines.setdefault(path, n)
        return self._flow_scalar(s, k)

    def _flow_scalar(self, s: str, k: int, key: bool = False):
        if s[k] in "'\"":
            return self._quoted(s, k)
        j = k
        while j < len(s) and s[j] not in ",[]{}:#":
            j += 1
        if s[j:j + 1] == ":" and not key or s[j:j + 1] == "#" or j == k:
            raise _Bail
        if key and s[j:j + 1] != ":":
            raise _Bail
        return _scalar(s[k:j].rstrip()), j
