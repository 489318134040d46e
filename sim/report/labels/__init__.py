"""Every user-facing sentence of sim, in Chinese and English, and how a ``Msg`` is written.

Analysis records a ``sim.meta.Msg`` (a code and its arguments); ``text(msg, lang)`` writes it with
the template of its code. A template is a ``str.format`` string or a function of the arguments;
arguments that are Msgs (or lists of Msgs) are written first, in the same language. JSON carries the
English text (``to_json``), so the JSON contract keeps its sentences."""
from __future__ import annotations

from sim.errors import SimError, SpecErrors
from sim.meta import Msg
from sim.meta import to_json as _to_json
from sim.report.labels import (
    check,
    conventions,
    explain,
    extract,
    findings,
    paces,
    presets,
    progress,
    reasons,
    runs,
    words,
)

LANGS = ("zh", "en")


class _Templates(dict):
    """code -> {"en": template, "zh": template}. The errors' templates (sim.report.labels.errors)
    are added when a code is first not found, so a run without an error does not import them."""

    def add(self, area) -> None:
        for code, pair in area.TEMPLATES.items():
            assert code not in self, code
            self[code] = {"en": pair[0], "zh": pair[1]}

    def __missing__(self, code: str):
        from sim.report.labels import errors
        if next(iter(errors.TEMPLATES)) in self:
            raise KeyError(code)
        self.add(errors)
        return self[code]


TEMPLATES = _Templates()
for _area in (reasons, explain, conventions, findings, paces, runs, check, presets, progress,
              extract):
    TEMPLATES.add(_area)

STATUS = words.STATUS
KIND = words.KIND


_PLAIN = frozenset({str, int, float, bool, type(None)})   # arguments written as they are


def text(m, lang: str = "zh") -> str:
    """``m`` written in ``lang``: a Msg by its template, a list joined by '; ', anything else as str."""
    if isinstance(m, Msg):
        tpl = TEMPLATES[m.code][lang]
        args = m.args
        for v in args.values():
            if type(v) not in _PLAIN:
                args = {k: v if type(v) in _PLAIN else localize(v, lang) for k, v in args.items()}
                break
        return tpl.format_map(args) if type(tpl) is str else tpl(lang=lang, **args)
    if isinstance(m, SimError):
        return error_text(m, lang)
    if isinstance(m, (list, tuple)):
        return ("；" if lang == "zh" else "; ").join(text(x, lang) for x in m)
    return "" if m is None else str(m)


def localize(x, lang: str = "en"):
    """``x`` with every Msg in it written in ``lang`` (dicts, lists and tuples walked; tuples
    stay tuples)."""
    if type(x) in _PLAIN:
        return x
    if isinstance(x, (Msg, SimError)):
        return text(x, lang)
    if isinstance(x, dict):
        return {k: localize(v, lang) for k, v in x.items()}
    if isinstance(x, list):
        return [localize(v, lang) for v in x]
    if isinstance(x, tuple):
        return tuple(localize(v, lang) for v in x)
    return x


def to_json(data) -> str:
    """The JSON of a result, its sentences in English (the contract's language)."""
    return _to_json(localize(data, "en"))


def label(table: dict, key, lang: str) -> str:
    """``table[lang][key]``: a word of a zh/en table of ``words``."""
    return table[lang][key]


def error_text(e, lang: str = "zh") -> str:
    """A SimError as one located line per error in ``lang``: ``FILE:LINE: indicator 'ID': FIELD:
    message (hint)`` (``指标 'ID'`` in Chinese; the field is the YAML key, as written); a Msg alone
    is written by ``text``."""
    if not isinstance(e, SimError):
        return text(e, lang)
    if isinstance(e, SpecErrors):
        return "\n".join(error_text(x, lang) for x in e.errors)
    parts = []
    if e.file:
        parts.append(f"{e.file}:{e.line}" if e.line else e.file)
    if e.indicator:
        from sim.report.labels.errors import WHERE
        parts.append(WHERE[lang].format(e.indicator))
    if e.field:
        parts.append(e.field)
    hint = text(e.hint_msg, lang) if e.hint_msg is not None else ""
    return ": ".join(parts + [text(e.msg, lang) + (f" ({hint})" if hint else "")])
