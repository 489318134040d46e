"""Start the what-if page: load the plan and scenario once, bind a socket, run uvicorn."""
from __future__ import annotations

import ipaddress
import socket
import sys
import threading
import webbrowser
from collections.abc import Mapping, Sequence

from sim.errors import SimError
from sim.meta import Msg, os_reason
from sim.report.labels import text
from sim.serve.state import Served


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port, or a SimError saying why not."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as e:
        raise SimError(Msg("serve.resolve", host=host, why=os_reason(e)), field="--host") from None
    family, _, _, _, address = infos[0]
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as e:
        sock.close()
        raise SimError(Msg("serve.listen", host=host, port=port, why=os_reason(e)), field="--port",
                       hint=Msg("serve.listen_hint")) from None
    sock.listen(64)
    return sock


def serve(served: Served | Mapping[str, Served], host: str = "127.0.0.1", port: int = 8000, lang: str = "zh",
          open_browser: bool = False, echo=None, unread: Sequence[SimError] = ()) -> None:
    """Serve the page (of one plan, or of several: plan id -> Served, with the ``unread`` specs'
    errors on the first page) until interrupted; ``echo`` gets the address (and a warning off loopback)."""
    import uvicorn

    echo = echo or _print

    from sim.serve.app import LOOPBACK, create_app

    sock = bind(host, port)
    port = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/"
    local = is_loopback(host)
    app = create_app(served, lang, allowed_hosts=tuple(dict.fromkeys(LOOPBACK + (host,))) if local else ("*",),
                     unread=unread)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False))
    echo(text(Msg("serve.listening", url=url), lang))
    if not local:
        echo(text(Msg("serve.open_to_all", host=host), lang), err=True)
    if open_browser:
        threading.Thread(target=_open_when_started, args=(server, url), daemon=True).start()
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:      # uvicorn shuts down on Ctrl-C, then raises it again
        echo(text(Msg("serve.stopped"), lang))
    finally:
        sock.close()


def _print(message: str, err: bool = False):
    print(message, file=sys.stderr if err else sys.stdout, flush=True)


def _open_when_started(server, url: str, timeout: float = 10.0):
    import time
    end = time.monotonic() + timeout
    while not server.started and time.monotonic() < end:
        time.sleep(0.05)
    if server.started:
        webbrowser.open(url)
