"""Algebra on parsed relations: evaluate, solve for one name, degree and exponent of a name."""
from __future__ import annotations

from typing import Mapping

import numpy as np

from sim.meta import Msg
from sim.spec.relations import (
    Bin,
    Equation,
    Name,
    Neg,
    Node,
    Num,
    RelationError,
    occurrences,
)

_PREC = {"+": 1, "-": 1, "*": 2, "/": 2}


def to_text(node: Node) -> str:
    """The expression with the parentheses it needs."""
    return _text(node, 0, False)


def _text(node: Node, outer: int, right: bool) -> str:
    if isinstance(node, Num):
        return f"{node.value:.10g}"
    if isinstance(node, Name):
        return node.id
    if isinstance(node, Neg):
        return "-" + _text(node.arg, 3, False)
    p = _PREC[node.op]
    s = f"{_text(node.left, p, False)} {node.op} {_text(node.right, p, True)}"
    return f"({s})" if p < outer or (p == outer and right) else s


@np.errstate(all="ignore")
def evaluate(node: Node, env: Mapping[str, object]) -> np.ndarray:
    """Value of ``node`` with ids taken from ``env`` (numbers or arrays, broadcast elementwise).

    Division by zero and overflow give NaN, never inf. A missing id raises KeyError.
    """
    out = np.asarray(_eval(node, env), dtype=float)
    return np.where(np.isfinite(out), out, np.nan)[()]


def _eval(node: Node, env):
    if isinstance(node, Num):
        return node.value
    if isinstance(node, Name):
        return np.asarray(env[node.id], dtype=float)
    if isinstance(node, Neg):
        return -_eval(node.arg, env)
    a, b = _eval(node.left, env), _eval(node.right, env)
    if node.op == "+":
        return a + b
    if node.op == "-":
        return a - b
    if node.op == "*":
        return a * b
    return np.divide(a, b)


def degree(node: Node, name: str) -> int | None:
    """Polynomial degree of ``node`` in ``name``; None if ``name`` appears in a denominator."""
    if isinstance(node, Num):
        return 0
    if isinstance(node, Name):
        return int(node.id == name)
    if isinstance(node, Neg):
        return degree(node.arg, name)
    a, b = degree(node.left, name), degree(node.right, name)
    if a is None or b is None:
        return None
    if node.op in "+-":
        return max(a, b)
    if node.op == "*":
        return a + b
    return a if b == 0 else None


def exponent(node: Node, name: str) -> float | None:
    """k where ``node`` = c * name**k and c is free of ``name`` (a monomial); None otherwise."""
    if isinstance(node, Num):
        return 0.0
    if isinstance(node, Name):
        return float(node.id == name)
    if isinstance(node, Neg):
        return exponent(node.arg, name)
    a, b = exponent(node.left, name), exponent(node.right, name)
    if a is None or b is None:
        return None
    if node.op in "+-":
        return 0.0 if occurrences(node, name) == 0 else None
    return a + b if node.op == "*" else a - b


def substitute(node: Node, name: str, by: Node) -> Node:
    if isinstance(node, Name):
        return by if node.id == name else node
    if isinstance(node, Neg):
        return Neg(substitute(node.arg, name, by))
    if isinstance(node, Bin):
        return Bin(node.op, substitute(node.left, name, by), substitute(node.right, name, by))
    return node


def solve(eq: Equation, unknown: str) -> Node:
    """An expression for ``unknown`` in the other ids of ``eq``.

    One occurrence: the operations around it are inverted (``share = part / whole * 100`` gives
    ``whole = part / (share / 100)``). Several: the equation must be linear in ``unknown``,
    f(u) = lhs - rhs = f(0) + u (f(1) - f(0)), so u = -f(0) / (f(1) - f(0)).
    Raises RelationError when ``unknown`` is absent or the equation cannot be solved for it.
    """
    side = Bin("-", eq.lhs, eq.rhs)
    n = occurrences(side, unknown)
    if n == 0:
        raise RelationError(Msg("rel.not_in", name=unknown, text=eq.text))
    if n == 1:
        return _isolate(eq.rhs, eq.lhs, unknown) if occurrences(eq.rhs, unknown) else eq.rhs
    if degree(side, unknown) != 1:
        raise RelationError(Msg("rel.nonlinear", text=eq.text, name=unknown), Msg("rel.nonlinear_hint"))
    f0, f1 = substitute(side, unknown, Num(0.0)), substitute(side, unknown, Num(1.0))
    return Neg(Bin("/", f0, Bin("-", f1, f0)))


def _isolate(node: Node, value: Node, unknown: str) -> Node:
    """Solve ``node = value`` for the single ``unknown`` inside ``node``."""
    while not (isinstance(node, Name) and node.id == unknown):
        if isinstance(node, Neg):
            node, value = node.arg, Neg(value)
            continue
        left = occurrences(node.left, unknown) > 0
        other = node.right if left else node.left
        op = node.op
        if left:
            value = Bin({"+": "-", "-": "+", "*": "/", "/": "*"}[op], value, other)
        elif op in "+*":
            value = Bin("-" if op == "+" else "/", value, other)
        else:   # other - u = v -> u = other - v;  other / u = v -> u = other / v
            value = Bin(op, other, value)
        node = node.left if left else node.right
    return value
