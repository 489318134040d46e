"""Located messages for schema errors: file:line, indicator id, field, what is wrong, how to fix it."""
from __future__ import annotations

import math

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from sim.errors import SimError
from sim.meta import Msg
from sim.spec.schema import (
    BreakIn,
    IndicatorIn,
    PlanIn,
    Point,
    ReferenceIn,
    RelationIn,
    SourceIn,
    SpecIn,
    TargetIn,
    ValueAt,
)
from sim.spec.schemamsg import schema_hint, schema_msg, show
from sim.spec.yamlload import Located

_TYPE_WORDS = {"float": "a number", "str": "text", "int": "a whole number", "bool": "true/false",
               "dict": "a mapping", "list": "a list", "none": "empty"}


def _clean_loc(loc: tuple) -> tuple:
    """Drop pydantic's union-member and validator tags from an error location."""
    out = []
    for p in loc:
        if isinstance(p, str) and (p in _TYPE_WORDS or p[:1].isupper() or "[" in p
                                   or p.startswith(("function", "constrained-"))):
            continue
        if isinstance(p, str) and p.endswith("[key]"):
            continue
        out.append(p)
    return tuple(out)


def _at(data, path: tuple):
    for p in path:
        try:
            data = data[p]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _branch(err: dict, data, prefix: tuple) -> tuple | None:
    """The error's location, or None when the input chose another branch of a union: a mapping
    with `dist: normal` is judged only as a normal distribution (whose tag leaves the path)."""
    raw = prefix + tuple(err["loc"])
    if err["type"] == "union_tag_invalid":   # the `dist:` names no known branch
        return prefix + _clean_loc(err["loc"])
    for k in range(len(prefix), len(raw)):
        value = _at(data, prefix + _clean_loc(raw[len(prefix):k]))
        if isinstance(value, dict) and isinstance(value.get("dist"), str):
            if k < len(raw) and raw[k] == value["dist"]:
                return prefix + _clean_loc(raw[len(prefix):k] + raw[k + 1:])
            if any(p == value["dist"] for p in raw[k:]):
                continue
            return None
    return prefix + _clean_loc(err["loc"])


MISFITS = {"union_tag_not_found", "literal_error"}   # a union branch the input is not of


def _shape_errors(e: ValidationError, loc: Located, prefix: tuple = (),
                  known_keys: Callable[[tuple], list[str]] | None = None) -> list[SimError]:
    """Located errors of a pydantic validation; ``known_keys(path)`` lists the keys allowed where an
    unknown key was found (default: the spec's)."""
    data = loc.data
    grouped: dict[tuple, list[dict]] = {}
    errs = e.errors()
    kept = [(p, err) for err in errs if (p := _branch(err, data, prefix)) is not None]
    for path, err in kept or [(prefix + _clean_loc(err["loc"]), err) for err in errs]:
        grouped.setdefault(path, []).append(err)
    for path in [p for p in grouped if any(q[:len(p)] == p and len(q) > len(p) for q in grouped)]:
        if all(x["type"].endswith(("_type", "_parsing")) or x["type"] in MISFITS for x in grouped[path]):
            del grouped[path]   # a branch that does not fit, where a deeper error says what does
    out = []
    for path, errs in grouped.items():
        indicator, field = _who(data, path)
        kinds = {x["type"] for x in errs}
        got = errs[0].get("input")
        if "extra_forbidden" in kinds:
            known = (known_keys or _known_keys)(path)
            msg = Msg("located.unknown_key", key=path[-1])
            hint = Msg("located.known_keys", keys=known) if known else Msg("located.remove_it")
        elif "missing" in kinds:
            msg, hint = Msg("located.required", key=path[-1]), Msg("located.add_it")
        elif len(errs) > 1 and got == {} and any(x["type"] == "too_short" for x in errs):
            msg, hint = Msg("located.empty_path"), Msg("located.empty_path_hint")
        elif (num := _number(got)) is not None and any(x["type"] in ("value_error", "finite_number")
                                                        for x in errs):   # a number, but one no plan can mean
            msg, hint = _bad_number(got, num, errs)
        elif len(errs) > 1:
            msg = Msg("located.wrong_type", value=show(got))
            hint = Msg("located.expected", what=_expected(path))
        elif "model_type" in kinds or "dict_type" in kinds:
            msg, hint = Msg("located.mapping", value=show(got)), None
        else:
            msg = Msg("schema.given", what=schema_msg(errs[0]), value=show(got))
            hint = _hint(path, errs[0])
        out.append(SimError(msg, file=loc.file, line=loc.line(path), indicator=indicator,
                            field=field, hint=hint))
    return out


def _number(v: Any) -> float | None:
    """``v`` as a float if it is a number or text YAML left unread as one (``1e16``: YAML 1.1 reads
    an exponent without a sign or a point as text); None otherwise."""
    if isinstance(v, bool) or not isinstance(v, (int, float, str)):
        return None
    try:
        return float(v)
    except (ValueError, OverflowError):
        return None


def _bad_number(got: Any, num: float, errs: list[dict]) -> tuple[Msg, Msg | None]:
    """(message, hint) for a number no plan can mean: not finite, or beyond the bound."""
    if not math.isfinite(num):
        return Msg("located.not_finite", value=show(got)), Msg("located.not_finite_hint")
    x = next((x for x in errs if x["type"] == "value_error"), errs[0])
    return Msg("located.bad_number", value=show(got), what=schema_msg(x)), schema_hint(x)


def _who(data, path: tuple) -> tuple[str | None, str | None]:
    """(indicator id, dotted field) for an error at ``path``."""
    if len(path) >= 2 and path[0] == "indicators" and isinstance(path[1], int):
        try:
            ind = data["indicators"][path[1]]
            ident = ind.get("id") if isinstance(ind, dict) else None
        except (IndexError, KeyError, TypeError):
            ident = None
        ident = str(ident) if ident is not None else f"#{path[1] + 1}"
        return ident, ".".join(str(p) for p in path[2:]) or None
    return None, ".".join(str(p) for p in path) or None


_MODELS = {"plan": PlanIn, "indicators": IndicatorIn, "references": ReferenceIn,
           "relations": RelationIn}


def _known_keys(path: tuple) -> list[str]:
    if len(path) == 1:
        return list(SpecIn.model_fields)
    model = _MODELS.get(path[0])
    if model is IndicatorIn and len(path) > 3:
        sub = {"targets": TargetIn, "target": TargetIn, "baseline": ValueAt, "breaks": BreakIn,
               "source": SourceIn, "history": Point, "growth_history": Point}.get(path[2])
        return list(sub.model_fields) if sub else []
    return list(model.model_fields) if model else []


_EXPECTED = ("baseline", "target", "history", "growth_history", "source")


def _expected(path: tuple) -> Msg:
    last = next((p for p in reversed(path) if isinstance(p, str)), "")
    return Msg("expect." + (last if last in _EXPECTED else "other"))


def _hint(path: tuple, err: dict) -> Msg | None:
    if isinstance(err.get("input"), bool) and err["type"] in ("string_type", "literal_error"):
        return Msg("hint.yes_no")
    if path and path[-1] in ("id",) and "pattern" in err["type"]:
        return Msg("hint.slug")
    if err["type"] in ("int_parsing", "int_type", "int_from_float"):
        return Msg("hint.year")
    if err["type"] in ("float_parsing", "float_type"):
        return Msg("hint.number")
    return schema_hint(err)
