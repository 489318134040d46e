"""The what-if web app (FastAPI, served by uvicorn): the page and its JSON API.

``GET /`` the page; ``POST /api/check`` the `sim check --format json` document and ``POST
/api/simulate`` the `sim simulate --format json` document of a request (sim.serve.state describes
the body); ``POST /api/view`` the page's changing parts; ``POST /api/scenario`` the scenario as
YAML and ``POST /api/report?format=html|xlsx`` the office report, both as downloads. A bad request
is answered 4xx with ``{"error": {"message", "field", "indicator", "hint", "text"}}``.

Several plans (`sim serve DIR`): ``GET /`` lists them; each plan's page and API are the above under
``/plans/ID/`` (``POST /plans/ID/api/check`` ...), the page with a selector of the other plans; an
unknown id is a 404.
"""
from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence
from importlib.resources import files
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.middleware.trustedhost import TrustedHostMiddleware

from sim.errors import Invalid, SimError
from sim.meta import Msg, json_reason
from sim.report.labels import error_text, text
from sim.serve.page import plan_index, plan_nav, render_page
from sim.serve.slots import results, slots
from sim.serve.state import (
    Served,
    check_body,
    check_json,
    report_file,
    scenario_of,
    scenario_yaml,
    simulate_json,
)

MAX_BODY = 1_000_000           # bytes of a request body
LOOPBACK = ("127.0.0.1", "localhost")
CSP = ("default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; img-src data:; "
       "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
HEADERS = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}
LANGS = ("zh", "en")


class BadRequest(Exception):
    def __init__(self, status: int, error: SimError):
        self.status, self.error = status, error


def _error(status: int, e: SimError, lang: str) -> JSONResponse:
    """The error as JSON, its sentences in ``lang`` (the page's)."""
    return JSONResponse({"error": {"message": text(e.msg, lang), "field": e.field, "indicator": e.indicator,
                                   "hint": text(e.hint_msg, lang) if e.hint_msg is not None else None,
                                   "text": error_text(e, lang)}}, status_code=status, headers=HEADERS)


def _asked_lang(request: Request, default: str) -> str:
    """The language a request asks for (?lang=), else the server's; an unknown one falls back too."""
    lang = request.query_params.get("lang", default)
    return lang if lang in LANGS else default


def _reject_constant(name: str):
    raise Invalid(Msg("serve.json_constant", name=name))


async def _body(request: Request) -> dict:
    """The request's JSON object (empty body: {}), or a BadRequest."""
    raw = await request.body()
    if len(raw) > MAX_BODY:
        raise BadRequest(413, SimError(Msg("serve.body_size", max=MAX_BODY), field="body"))
    if not raw.strip():
        return {}
    if "json" not in request.headers.get("content-type", ""):
        raise BadRequest(415, SimError(Msg("serve.send_json"), field="body", hint="Content-Type: application/json"))
    try:
        data = json.loads(raw, parse_constant=_reject_constant)
    except (ValueError, UnicodeDecodeError) as e:
        raise BadRequest(400, SimError(Msg("serve.not_json", why=e.msg if isinstance(e, Invalid) else json_reason(e)),
                                       field="body")) from None
    except RecursionError:
        raise BadRequest(400, SimError(Msg("serve.too_deep"), field="body")) from None
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise BadRequest(400, SimError(Msg("serve.surrogate"), field="body")) from None
    try:
        return check_body(data)
    except SimError as e:
        raise BadRequest(422, e) from None


def _lang(request: Request, default: str) -> str:
    lang = request.query_params.get("lang", default)
    if lang not in LANGS:
        raise BadRequest(422, SimError(Msg("serve.lang", lang=lang), field="lang", hint=Msg("serve.langs")))
    return lang


def create_app(served: Served | Mapping[str, Served], lang: str = "zh", allowed_hosts=LOOPBACK,
               unread: Sequence[SimError] = ()) -> FastAPI:
    """The app over one plan and scenario, or over several (plan id -> Served): then ``GET /``
    lists the plans (and the ``unread`` specs' errors) and each plan's page and API live under
    ``/plans/ID/`` (the page's relative URLs reach its own API), with a plan selector on the page.
    ``allowed_hosts`` guards against DNS rebinding."""
    app = FastAPI(title="sim serve", docs_url=None, redoc_url=None, openapi_url=None)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    script = files("sim.serve").joinpath("page.js").read_text(encoding="utf-8")

    @app.exception_handler(BadRequest)
    async def bad_request(request: Request, exc: BadRequest):
        return _error(exc.status, exc.error, _asked_lang(request, lang))

    @app.exception_handler(SimError)
    async def user_error(request: Request, exc: SimError):
        return _error(422, exc, _asked_lang(request, lang))

    @app.exception_handler(ArithmeticError)
    async def overflow(request: Request, exc: ArithmeticError):   # numbers beyond floating point
        return _error(422, SimError(Msg("serve.overflow", kind=type(exc).__name__), field="body",
                                    hint=Msg("serve.overflow_hint")), _asked_lang(request, lang))

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception):         # a bug: a JSON answer, no traceback
        return _error(500, SimError(Msg("serve.internal", kind=type(exc).__name__), field=None),
                      _asked_lang(request, lang))

    if isinstance(served, Served):
        _plan_routes(app, "", lambda request: served, lang, script, lambda s, request, chosen: "")
        return app
    plans = dict(served)

    ids = Msg("serve.plans", ids=list(plans)[:20], more=len(plans) if len(plans) > 20 else 0)

    def served_of(request: Request) -> Served:
        pid = request.path_params["plan"]
        if pid not in plans:
            raise BadRequest(404, SimError(Msg("serve.no_plan", id=pid), field="plan", hint=ids))
        return plans[pid]

    @app.api_route("/api/{rest:path}", methods=["GET", "POST"])
    def no_plan(request: Request):
        raise BadRequest(404, SimError(Msg("serve.name_plan", path=request.url.path), field="plan", hint=ids))

    @app.get("/", response_class=HTMLResponse)
    def index(request: Request):
        chosen = _lang(request, lang)
        return HTMLResponse(plan_index([s.spec for s in plans.values()], unread, chosen, _query(request, chosen)),
                            headers=HEADERS | {"Content-Security-Policy": CSP})

    @app.get("/plans/{plan}")
    def plan_root(request: Request):
        served_of(request)
        return RedirectResponse(quote(request.path_params["plan"], safe="") + "/", headers=HEADERS)

    _plan_routes(app, "/plans/{plan}", served_of, lang, script,
                 lambda s, request, chosen: plan_nav([x.spec for x in plans.values()], s.spec.plan.id, chosen,
                                                     _query(request, chosen)))
    return app


def _plan_routes(app: FastAPI, prefix: str, served_of, lang: str, script: str, nav) -> None:
    """The page (``prefix``/), its script and its API for the plan ``served_of(request)`` gives;
    ``nav(served, request, lang)``: the plan selector of the page ("" for one plan)."""

    @app.get(prefix + "/", response_class=HTMLResponse)
    def page(request: Request):
        served = served_of(request)
        chosen = _lang(request, lang)
        text = render_page(served.spec, served.scenario, results(served, served.scenario), chosen,
                           nav(served, request, chosen))
        return HTMLResponse(text, headers=HEADERS | {"Content-Security-Policy": CSP})

    @app.get(prefix + "/static/page.js")
    def page_js():
        return Response(script, media_type="text/javascript; charset=utf-8", headers=HEADERS)

    @app.post(prefix + "/api/check")
    async def api_check(request: Request):
        served = served_of(request)
        return Response(check_json(served, await _body(request)), media_type="application/json", headers=HEADERS)

    @app.post(prefix + "/api/simulate")
    async def api_simulate(request: Request):
        served = served_of(request)
        return Response(simulate_json(served, await _body(request)), media_type="application/json",
                        headers=HEADERS)

    @app.post(prefix + "/api/view")
    async def api_view(request: Request):
        start = time.perf_counter()
        served = served_of(request)
        chosen = _lang(request, lang)
        sc = scenario_of(served, await _body(request))
        html, codes = slots(results(served, sc), chosen)
        return JSONResponse({"slots": html, "status": codes,
                             "ms": round((time.perf_counter() - start) * 1000, 1)}, headers=HEADERS)

    @app.post(prefix + "/api/scenario")
    async def api_scenario(request: Request):
        served = served_of(request)
        chosen = _lang(request, lang)
        body = await _body(request)
        sc = scenario_of(served, body)
        changed = ", ".join(f"{k}={v!r}" for part in ("center", "assume") for k, v in (body.get(part) or {}).items())
        origin = text(Msg("serve.saved_from", file=served.scenario.file), chosen) if served.scenario.file else ""
        edits = text(Msg("serve.saved_changed", changed=changed), chosen) if changed else ""
        note = text(Msg("serve.saved_scenario", plan=served.spec.plan.id, origin=origin, changed=edits), chosen)
        return Response(scenario_yaml(sc, note), media_type="application/yaml; charset=utf-8",
                        headers=HEADERS | _attachment(f"{sc.scenario.id}.yaml"))

    @app.post(prefix + "/api/report")
    async def api_report(request: Request):
        served = served_of(request)
        fmt = request.query_params.get("format", "html")
        if fmt not in ("html", "xlsx"):
            raise BadRequest(422, SimError(Msg("serve.format", fmt=fmt), field="format", hint=Msg("serve.formats")))
        chosen = _lang(request, lang)
        sc = scenario_of(served, await _body(request))
        media = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" if fmt == "xlsx"
                 else "text/html; charset=utf-8")
        return Response(report_file(served, sc, fmt, chosen), media_type=media,
                        headers=HEADERS | _attachment(f"{served.spec.plan.id}.{fmt}"))


def _query(request: Request, chosen: str) -> str:
    """'?lang=..' for links between pages when the request chose the language, else ''."""
    return f"?lang={chosen}" if "lang" in request.query_params else ""


def _attachment(name: str) -> dict:
    return {"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"}
