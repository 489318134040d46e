"""Relations between indicators: a restricted expression language, parsed and never run as code.

A relation is one equation, a name on the left and arithmetic on the right::

    equation := NAME '=' expr
    expr     := term (('+' | '-') term)*
    term     := unary (('*' | '/') unary)*
    unary    := ('+' | '-') unary | NUMBER | NAME | '(' expr ')'

NAME is an indicator or reference id: an ASCII slug, optionally followed by '.label' segments
naming the part of a compound cell (``hitech_firms.在地``); a label is not plain ASCII, so that
``gdp.real`` reads as the attribute access it looks like and is refused. Nothing else is
accepted: no calls, indexing, strings, keywords, powers (``**``, ``^``) or exponents beyond
``MAX_EXPONENT``; input is bounded by ``MAX_CHARS``, ``MAX_DEPTH`` and ``MAX_NODES``. The syntax
tree is evaluated by walking it with numpy (elementwise over arrays of any shape) — never with
``eval``, ``compile`` or ``pandas.eval``.
"""
from __future__ import annotations

import keyword
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Union

from sim.errors import SimError
from sim.meta import Msg

MAX_CHARS = 500       # characters in one equation


MAX_DEPTH = 40        # nesting of parentheses and signs


MAX_NODES = 200       # numbers, names and operators in one equation


MAX_EXPONENT = 15     # largest |e| in a literal such as 1e6


MAX_NUMBER = 1e15     # largest literal


SLUG_PART = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<num>(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<name>[^\W\d]\w*(?:\.\w+)*)
  | (?P<pow>\*\*|\^)
  | (?P<op>[-+*/()=])
""", re.VERBOSE)


ALLOWED = Msg("rel.allowed")


REFUSED = {  # character -> why it has no place in a relation
    "[": "no indexing", "]": "no indexing", "'": "no strings", '"': "no strings",
    ",": "no calls or tuples", ";": "one equation only", ":": "no slices or lambdas",
    "@": "no decorators or matrix products", "%": "no modulo", "<": "no comparisons",
    ">": "no comparisons", "!": "no comparisons", "{": "no dicts or sets", "}": "no dicts or sets",
    "&": "no bit operators", "|": "no bit operators", "~": "no bit operators",
    "`": "no backquotes", "\\": "no backslashes", "#": "no comments", "$": "no shell syntax",
}


class RelationError(SimError):
    """An expression outside the restricted syntax; ``pos`` is the 0-based character offset."""

    def __init__(self, message: Msg, hint: Msg | None = None, pos: int | None = None):
        super().__init__(message, hint=hint or ALLOWED)
        self.pos = pos


@dataclass(frozen=True)
class Num:
    value: float


@dataclass(frozen=True)
class Name:
    id: str


@dataclass(frozen=True)
class Neg:
    arg: "Node"


@dataclass(frozen=True)
class Bin:
    op: str            # one of + - * /
    left: "Node"
    right: "Node"


Node = Union[Num, Name, Neg, Bin]


@dataclass(frozen=True)
class Equation:
    lhs: Name
    rhs: Node
    text: str

    @property
    def names(self) -> tuple[str, ...]:
        """Ids in order of first appearance, left-hand side first."""
        return tuple(dict.fromkeys((self.lhs.id,) + names(self.rhs)))


def _tokens(text: str) -> list[tuple[str, str, int]]:
    out, pos = [], 0
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if m is None:
            ch = text[pos]
            what = REFUSED.get(ch)
            raise RelationError(Msg("rel.refused", ch=ch, pos=pos + 1, why=what), pos=pos)
        kind = m.lastgroup
        tok = m.group()
        if kind == "pow":
            raise RelationError(Msg("rel.power", tok=tok, pos=pos + 1), Msg("rel.power_hint"), pos)
        if kind == "name":
            _check_name(tok, pos)
        if kind == "num":
            _check_number(tok, pos)
        if kind != "space":
            out.append((kind, tok, pos))
        pos = m.end()
    return out


def _check_name(tok: str, pos: int):
    head, *labels = tok.split(".")
    if keyword.iskeyword(head) or keyword.issoftkeyword(head):
        raise RelationError(Msg("rel.keyword", name=head), pos=pos)
    if not SLUG_PART.match(head):
        raise RelationError(Msg("rel.not_slug", name=head), pos=pos)
    if head.startswith("__"):
        raise RelationError(Msg("rel.dunder", name=head), pos=pos)
    for lab in labels:
        if lab.isascii():
            raise RelationError(Msg("rel.attribute", tok=tok), Msg("rel.attribute_hint"), pos)


def _check_number(tok: str, pos: int):
    m = re.search(r"[eE]([+-]?\d+)$", tok)
    if m and abs(int(m.group(1))) > MAX_EXPONENT:
        raise RelationError(Msg("rel.exponent", tok=tok, max=MAX_EXPONENT), Msg("rel.units_hint"), pos)
    if float(tok) > MAX_NUMBER:
        raise RelationError(Msg("rel.number", tok=tok, max=MAX_NUMBER), pos=pos)


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.toks = _tokens(text)
        self.i = 0
        self.nodes = 0

    def peek(self) -> tuple[str, str, int] | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self) -> tuple[str, str, int]:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def count(self, node: Node) -> Node:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise RelationError(Msg("rel.too_long_terms", max=MAX_NODES))
        return node

    def expr(self, depth: int) -> Node:
        node = self.term(depth)
        while (t := self.peek()) and t[1] in "+-" and t[0] == "op":
            self.take()
            node = self.count(Bin(t[1], node, self.term(depth)))
        return node

    def term(self, depth: int) -> Node:
        node = self.unary(depth)
        while (t := self.peek()) and t[1] in "*/" and t[0] == "op":
            self.take()
            node = self.count(Bin(t[1], node, self.unary(depth)))
        return node

    def unary(self, depth: int) -> Node:
        if depth > MAX_DEPTH:
            raise RelationError(Msg("rel.too_deep", max=MAX_DEPTH))
        t = self.peek()
        if t is None:
            raise RelationError(Msg("rel.ends"))
        kind, tok, pos = self.take()
        if kind == "op" and tok in "+-":
            arg = self.unary(depth + 1)
            return arg if tok == "+" else self.count(Neg(arg))
        if kind == "op" and tok == "(":
            node = self.expr(depth + 1)
            close = self.peek()
            if close is None or close[1] != ")":
                raise RelationError(Msg("rel.not_closed", pos=pos + 1), pos=pos)
            self.take()
            return node
        if kind == "num":
            node = self.count(Num(float(tok)))
        elif kind == "name":
            node = self.count(Name(tok))
            nxt = self.peek()
            if nxt and nxt[1] == "(":
                raise RelationError(Msg("rel.call", tok=tok, pos=pos + 1), pos=pos)
        else:
            raise RelationError(Msg("rel.unexpected", tok=tok, pos=pos + 1), pos=pos)
        nxt = self.peek()
        if nxt and (nxt[0] in ("name", "num") or nxt[1] == "("):
            raise RelationError(Msg("rel.missing_op", a=tok, b=nxt[1], pos=nxt[2] + 1), pos=nxt[2])
        return node


def _bounded(text: str) -> str:
    if not isinstance(text, str):
        raise RelationError(Msg("rel.not_text", kind=type(text).__name__))
    if len(text) > MAX_CHARS:
        raise RelationError(Msg("rel.too_long_chars", n=len(text), max=MAX_CHARS))
    return text


def parse_expr(text: str) -> Node:
    """The syntax tree of an expression without '='."""
    p = _Parser(_bounded(text))
    if not p.toks:
        raise RelationError(Msg("rel.empty"))
    node = p.expr(0)
    if (t := p.peek()) is not None:
        raise RelationError(Msg("rel.unexpected", tok=t[1], pos=t[2] + 1), pos=t[2])
    return node


def parse(text: str, known: set[str] | frozenset[str] | None = None) -> Equation:
    """One equation ``name = expr``; with ``known``, every id must be in it."""
    return _parse(_bounded(text), frozenset(known) if known is not None else None)


@lru_cache(maxsize=1024)
def _parse(text: str, known: frozenset[str] | None) -> Equation:
    p = _Parser(text)
    eqs = [k for k, (kind, tok, _) in enumerate(p.toks) if tok == "="]
    if len(eqs) != 1:
        raise RelationError(Msg("rel.one_equation", n=len(eqs)), Msg("rel.example"))
    if eqs[0] != 1 or p.toks[0][0] != "name":
        raise RelationError(Msg("rel.lhs"), Msg("rel.example"))
    lhs = Name(p.toks[0][1])
    p.i = 2
    if p.peek() is None:
        raise RelationError(Msg("rel.nothing_after"))
    rhs = p.expr(0)
    if (t := p.peek()) is not None:
        raise RelationError(Msg("rel.unexpected", tok=t[1], pos=t[2] + 1), pos=t[2])
    eq = Equation(lhs, rhs, text.strip())
    if known is not None:
        unknown = [n for n in eq.names if n not in known]
        if unknown:
            raise RelationError(Msg("rel.unknown", name=unknown[0]), Msg("rel.unknown_hint"))
    if eq.lhs.id in names(eq.rhs):
        raise RelationError(Msg("rel.both_sides", name=eq.lhs.id), Msg("rel.both_sides_hint"))
    return eq


def names(node: Node) -> tuple[str, ...]:
    """Ids in ``node`` in order of first appearance."""
    if isinstance(node, Name):
        return (node.id,)
    if isinstance(node, Neg):
        return names(node.arg)
    if isinstance(node, Bin):
        return tuple(dict.fromkeys(names(node.left) + names(node.right)))
    return ()


def occurrences(node: Node, name: str) -> int:
    if isinstance(node, Name):
        return int(node.id == name)
    if isinstance(node, Neg):
        return occurrences(node.arg, name)
    if isinstance(node, Bin):
        return occurrences(node.left, name) + occurrences(node.right, name)
    return 0
