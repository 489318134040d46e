"""pydantic's error types as our own sentences (Msgs of ``sim.report.labels.errors.schema``), never
pydantic's English; a type we do not know becomes a generic sentence naming the value given."""
from __future__ import annotations

import re

from sim.errors import Invalid
from sim.meta import Msg

_SAME = {   # pydantic type -> our code, the arguments taken from its context
    "missing": "schema.missing", "extra_forbidden": "schema.extra",
    "int_parsing": "schema.int", "int_type": "schema.int", "int_from_float": "schema.int",
    "float_parsing": "schema.float", "float_type": "schema.float", "finite_number": "schema.finite",
    "string_type": "schema.str", "bool_type": "schema.bool", "bool_parsing": "schema.bool",
    "dict_type": "schema.dict", "model_type": "schema.dict", "model_attributes_type": "schema.dict",
    "list_type": "schema.list", "tuple_type": "schema.list", "date_type": "schema.date",
    "date_parsing": "schema.date", "date_from_datetime_parsing": "schema.date", "none_required": "schema.none",
    "greater_than": "schema.gt", "greater_than_equal": "schema.ge", "less_than": "schema.lt",
    "less_than_equal": "schema.le", "too_short": "schema.too_short", "too_long": "schema.too_long",
    "string_too_short": "schema.str_too_short", "string_too_long": "schema.str_too_long",
    "string_pattern_mismatch": "schema.pattern", "union_tag_not_found": "schema.tag_missing",
    "int_from_float_fraction": "schema.int",
}
_CTX = ("gt", "ge", "lt", "le", "min_length", "max_length", "pattern", "discriminator", "tag")


def show(v) -> str:
    """A given value as the message quotes it (at most 60 characters)."""
    s = repr(v)
    return s if len(s) <= 60 else s[:57] + "..."


def _options(expected: str) -> list[str]:
    """The quoted options of pydantic's "'a', 'b' or 'c'"."""
    return re.findall(r"'([^']*)'", expected) or [expected]


def schema_msg(err: dict) -> Msg:
    """Our sentence for one of pydantic's ``ValidationError.errors()``."""
    kind, ctx = err["type"], err.get("ctx") or {}
    if kind == "value_error" and isinstance(ctx.get("error"), Invalid):
        return ctx["error"].msg
    if kind == "literal_error":
        return Msg("schema.literal", options=_options(str(ctx.get("expected", ""))))
    if kind == "union_tag_invalid":
        return Msg("schema.tag_invalid", tag=str(ctx.get("tag")), discriminator=str(ctx.get("discriminator")),
                   options=_options(str(ctx.get("expected_tags", ""))))
    if kind in _SAME:
        return Msg(_SAME[kind], **{k: (str(ctx[k]) if k in ("pattern", "discriminator", "tag") else ctx[k])
                                   for k in _CTX if k in ctx})
    return Msg("schema.invalid")


def schema_hint(err: dict):
    """The hint a validator gave with its complaint (an ``Invalid``'s), else None."""
    e = (err.get("ctx") or {}).get("error")
    return e.hint if isinstance(e, Invalid) else None
