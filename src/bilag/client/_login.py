"""Finishing an authorization: exchanging the code, and the loopback login for scripts and CLIs.

`login_in_browser` listens on the redirect URI's loopback address (it must be `http://127.0.0.1`
or `http://localhost` with a port, registered for the application), opens the authorize URL in
the browser, accepts the `query` or `form_post` callback, checks its state, exchanges the code and
stores the tokens.
"""

from __future__ import annotations

import threading
import time
import webbrowser
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qsl, urlsplit

import httpx

from bilag.client._auth import (
    Endpoints,
    OAuthApp,
    PendingAuthorization,
    ResponseMode,
    code_exchange_request,
    read_callback,
    read_token_response,
    start_authorization,
)
from bilag.client._errors import CallbackError
from bilag.client._tokens import TokenSet, TokenStore

LOOPBACK_HOSTS = ("127.0.0.1", "localhost")
DONE_PAGE = (
    b"<!doctype html><meta charset=utf-8><title>bilag</title>"
    b"<p>Du er logget ind. Du kan lukke dette vindue. / You are logged in; close this window."
)


def exchange_code(
    app: OAuthApp,
    pending: PendingAuthorization,
    code: str,
    store: TokenStore,
    *,
    endpoints: Endpoints | None = None,
    http: httpx.Client | None = None,
    clock: Callable[[], float] = time.time,
) -> TokenSet:
    """Trade the code for tokens and keep them in `store`."""
    request = code_exchange_request(app, endpoints or Endpoints(), pending, code)
    if http is None:
        with httpx.Client() as own:
            response = own.send(request)
    else:
        response = http.send(request)
    tokens = read_token_response(response, clock(), refreshing=False)
    with store.lock():
        store.save(tokens)
    return tokens


async def aexchange_code(
    app: OAuthApp,
    pending: PendingAuthorization,
    code: str,
    store: TokenStore,
    *,
    endpoints: Endpoints | None = None,
    http: httpx.AsyncClient | None = None,
    clock: Callable[[], float] = time.time,
) -> TokenSet:
    request = code_exchange_request(app, endpoints or Endpoints(), pending, code)
    if http is None:
        async with httpx.AsyncClient() as own:
            response = await own.send(request)
    else:
        response = await http.send(request)
    tokens = read_token_response(response, clock(), refreshing=False)
    with store.lock():
        store.save(tokens)
    return tokens


class _Callback:
    def __init__(self) -> None:
        self.url: str | None = None
        self.form: dict[str, str] | None = None
        self.arrived = threading.Event()


def _handler(path: str, callback: _Callback) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(DONE_PAGE)
            callback.arrived.set()

        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            if urlsplit(self.path).path != path:
                self.send_error(404)
                return
            callback.url = self.path
            self._answer()

        def do_POST(self) -> None:  # noqa: N802
            if urlsplit(self.path).path != path:
                self.send_error(404)
                return
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8", errors="replace")
            callback.form = dict(parse_qsl(body, keep_blank_values=True))
            self._answer()

        def log_message(self, format: str, *args: object) -> None:
            return None

    return Handler


def login_in_browser(
    app: OAuthApp,
    store: TokenStore,
    *,
    endpoints: Endpoints | None = None,
    response_mode: ResponseMode = "form_post",
    open_browser: Callable[[str], object] = webbrowser.open,
    timeout: float = 300.0,
    http: httpx.Client | None = None,
) -> TokenSet:
    """Log the user in through their browser and store the tokens."""
    where = urlsplit(app.redirect_uri)
    if where.scheme != "http" or where.hostname not in LOOPBACK_HOSTS or not where.port:
        raise ValueError("the redirect URI must be http://127.0.0.1:PORT/... for a loopback login")
    endpoints = endpoints or Endpoints()
    pending = start_authorization(app, endpoints, response_mode=response_mode)
    callback = _Callback()
    server = HTTPServer((where.hostname, where.port), _handler(where.path or "/", callback))
    worker = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1})
    worker.start()
    try:
        open_browser(pending.url)
        if not callback.arrived.wait(timeout):
            raise CallbackError(f"no callback within {timeout:.0f} s; nothing was stored")
    finally:
        server.shutdown()
        server.server_close()
        worker.join()
    code = read_callback(pending, url=callback.url, form=callback.form)
    return exchange_code(app, pending, code, store, endpoints=endpoints, http=http)
