"""A fast reader for the plain YAML that specs are written in, giving exactly what the located
loader (sim.spec.yamlload) gives — the data and the line of every key and list item — or None.

It reads block mappings and sequences (``- id: x`` items included), one-line flow collections
(``{2021: 240, 2022: 250}``, ``[{year: 2025, target: 3}]``), plain and quoted one-line scalars and
comments, resolving plain scalars with PyYAML's own implicit resolvers (YAML 1.1: ``yes`` is true,
``2021`` an int, ``1200以上`` a string). Anything else — anchors, aliases, tags, block or multi-line
scalars, several documents, duplicate or non-scalar keys, escapes, timestamps, octal or sexagesimal
numbers, tabs, unusual line breaks, ``?`` in a flow collection (libyaml and PyYAML read it
differently), anything it is unsure of — returns None, and the caller uses the located loader,
which also gives every error its line. So a valid spec is read once, quickly; a spec with a
mistake pays for the careful reader only. Only the space is white space here, as in YAML
(an ideographic space U+3000 or a no-break space is part of the text).
"""
from __future__ import annotations

import functools
import re

import yaml

from sim.spec.yamlload import MAX_NODES, Located

_RESOLVERS = yaml.resolver.Resolver.yaml_implicit_resolvers
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_BOOLS = {"yes": True, "no": False, "true": True, "false": False, "on": True, "off": False}
# anything but printable text without tabs, CR, odd line breaks, BOM or backslash (a lone LF is fine);
# written as the characters it finds, not as a negated class up to U+10FFFF (4 ms to compile at import)
_ODD = re.compile(r"[\x00-\x09\x0b-\x1f\\\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
_PAIR = re.compile(r" *([^,:{}\[\]'\"#? ][^,:{}\[\]'\"#?]*?) *: +([^,:{}\[\]'\"#? ][^,:{}\[\]'\"#?]*?) *(?:,|\Z)")
_SIMPLE_FLOW = re.compile(f"(?:{_PAIR.pattern})+")
_FLOW_STOP = re.compile(r"[,\[\]{}:#?]")
# {year: number, ...}: whole-number keys, decimal values (YAML 1.1 reads them as int and float)
_NUMBER = r"[-+]?(?:[0-9]+\.[0-9]*|0|[1-9][0-9]*)"
_NUM_PAIR = re.compile(rf" *([1-9][0-9]*) *: +({_NUMBER}) *(?:,|\Z)")
_NUM_FLOW = re.compile(f"(?:{_NUM_PAIR.pattern})+")


class _Bail(Exception):
    """Not in the subset: the located loader decides."""


def fast_loads(text: str, file: str = "<string>") -> Located | None:
    """``text`` as the located loader would read it, or None when it is outside the subset."""
    if len(text) > MAX_NODES // 2 or _ODD.search(text):   # fewer characters than nodes allowed
        return None
    try:
        return _Reader(text, file).read()
    except (_Bail, RecursionError, ValueError):   # ValueError: an int too long to convert
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
    """The line without its comment (a # at the start or after a space, outside quotes) and
    without trailing spaces."""
    quote = None
    for k, ch in enumerate(s):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "'\"" and (k == 0 or s[k - 1] in " [{,:"):
            quote = ch
        elif ch == "#" and (k == 0 or s[k - 1] == " "):
            return s[:k].rstrip(" ")
    if quote:
        raise _Bail
    return s.rstrip(" ")


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


class _Reader:
    """Lines as (line number, indent, body, is a ``- `` item), read by recursive descent."""

    def __init__(self, text: str, file: str):
        self.file = file
        self.lines: dict[tuple, int] = {}
        toks = []
        for n, raw in enumerate(text.split("\n"), 1):
            s = _strip_comment(raw) if "#" in raw else raw.rstrip(" ")
            if not s:
                continue
            body = s.lstrip(" ")
            ind = len(s) - len(body)
            if body[0] in "-.%" and (body.startswith(("---", "...", "%")) and not ind):
                raise _Bail
            toks.append((n, ind, body, body[0] == "-" and (len(body) == 1 or body[1] == " ")))
        toks.append((0, -1, "", False))   # the end: shallower than any line
        self.toks = toks
        self.i = 0

    def read(self) -> Located | None:
        n, ind, body, dash = self.toks[0]
        if ind:   # indented, or no line at all (the located loader says the file is empty)
            raise _Bail
        self.lines[()] = n
        if dash:
            data = self.sequence((), 0)
        else:
            self.i = 1
            data = self.mapping((), 0, n, body)
        if self.i != len(self.toks) - 1:
            raise _Bail
        return Located(data, self.lines, self.file)

    def mapping(self, path: tuple, ind: int, n: int, body: str) -> dict:
        """The block mapping at indent ``ind`` whose first entry ``body`` (line ``n``) is read."""
        out: dict = {}
        toks, lines = self.toks, self.lines
        while True:
            if body[0] in "'\"":
                key, end = _quoted(body, 0)
                rest = body[end:]
                if not (rest == ":" or rest.startswith(": ")):
                    raise _Bail
                rest = rest[1:].lstrip(" ")
            else:
                k = body.find(": ")
                if k < 0:
                    if body[-1] != ":":
                        raise _Bail
                    k, rest = len(body) - 1, ""
                else:
                    rest = body[k + 2:].lstrip(" ")
                raw = body[:k].rstrip(" ")
                if not raw:
                    raise _Bail
                key = _scalar(raw)
            if key is None or key is True or key is False or key in out:
                raise _Bail
            p = path + (key,)
            lines[p] = n
            if rest:
                out[key] = self.inline(rest, p, n)
                nxt = toks[self.i]
                if nxt[1] > ind:
                    raise _Bail   # a multi-line scalar or a value under a value
            else:
                nxt = toks[self.i]
                if nxt[1] > ind:
                    out[key] = self.block(p, nxt[1])
                elif nxt[1] == ind and nxt[3]:
                    out[key] = self.sequence(p, ind)
                else:
                    out[key] = None
                nxt = toks[self.i]
            if nxt[1] != ind or nxt[3]:
                if nxt[1] > ind:
                    raise _Bail
                return out
            self.i += 1
            n, body = nxt[0], nxt[2]

    def block(self, path: tuple, ind: int):
        n, _, body, dash = self.toks[self.i]
        if dash:
            return self.sequence(path, ind)
        self.i += 1
        return self.mapping(path, ind, n, body)

    def sequence(self, path: tuple, ind: int) -> list:
        out: list = []
        toks, lines = self.toks, self.lines
        while True:
            n, tind, body, dash = toks[self.i]
            if tind != ind or not dash:
                return out
            self.i += 1
            rest = body[1:].lstrip(" ")
            if not rest or rest[0] == "-" and (len(rest) == 1 or rest[1] == " "):
                raise _Bail
            item = path + (len(out),)
            lines[item] = n
            if rest[0] not in "{['\"" and (": " in rest or rest[-1] == ":"):
                out.append(self.mapping(item, ind + len(body) - len(rest), n, rest))
            else:
                out.append(self.inline(rest, item, n))
                if toks[self.i][1] > ind:
                    raise _Bail

    def inline(self, s: str, path: tuple, n: int):
        """A value on one line: a flow collection, a quoted or a plain scalar (its line is set)."""
        c = s[0]
        if c in "{[":
            value, end = self.flow(s, 0, path, n)
            if end != len(s):
                raise _Bail
            return value
        if c in "'\"":
            value, end = _quoted(s, 0)
            if s[end:].strip(" "):
                raise _Bail
            return value
        if c in "|>":
            raise _Bail
        return _scalar(s)

    def flow(self, s: str, k: int, path: tuple, n: int):
        """A flow mapping or sequence starting at s[k]; returns (value, index after it)."""
        if k == 0 and s[-1] == "}" and _NUM_FLOW.fullmatch(s, 1, len(s) - 1):   # {year: number, ...}
            pairs = _NUM_PAIR.findall(s, 1, len(s) - 1)
            out = {int(y): float(v) if "." in v else int(v) for y, v in pairs}
            if len(out) != len(pairs):
                raise _Bail   # a duplicate key
            lines = self.lines
            for y in out:
                lines[path + (y,)] = n
            return out, len(s)
        if k == 0 and s[-1] == "}" and _SIMPLE_FLOW.fullmatch(s, 1, len(s) - 1):   # {k: v, ...} of plain scalars
            out = {}
            lines = self.lines
            for key, value in _PAIR.findall(s, 1, len(s) - 1):
                key, value = _scalar(key), _scalar(value)
                if key is None or key is True or key is False or key in out or value == "":
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
            if s[k] == close:
                return out, k + 1
            if mapping:
                key, k = self._flow_scalar(s, k, key=True)
                k = self._skip(s, k)
                if s[k:k + 2] != ": " or isinstance(key, (bool, list, dict)) or key is None or key in out:
                    raise _Bail
                k = self._skip(s, k + 1)
                value, k = self._flow_value(s, k, path + (key,), n)
                out[key] = value
            else:
                value, k = self._flow_value(s, k, path + (len(out),), n)
                out.append(value)
            k = self._skip(s, k)
            if s[k] == ",":
                k = self._skip(s, k + 1)
                if s[k] in ",]}":
                    raise _Bail
            elif s[k] != close:
                raise _Bail

    @staticmethod
    def _skip(s: str, k: int) -> int:
        while k < len(s) and s[k] == " ":
            k += 1
        if k >= len(s):
            raise _Bail
        return k

    def _flow_value(self, s: str, k: int, path: tuple, n: int):
        self.lines.setdefault(path, n)
        if s[k] in "{[":
            return self.flow(s, k, path, n)
        return self._flow_scalar(s, k)

    @staticmethod
    def _flow_scalar(s: str, k: int, key: bool = False):
        if s[k] in "'\"":
            return _quoted(s, k)
        m = _FLOW_STOP.search(s, k)
        j = m.start() if m else len(s)
        stop = s[j:j + 1]
        if j == k or stop in ("#", "?") or (stop == ":") != key:
            raise _Bail
        return _scalar(s[k:j].rstrip(" ")), j
