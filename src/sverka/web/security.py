"""Who may talk to the server: loopback by default, a token (`SVERKA_TOKEN`) when bound elsewhere; read-only.

* `check_bind(host, token)`: refuse to listen beyond loopback without a token.
* `Guard`: every request is GET/HEAD (405 otherwise); with a token, it must come as
  `Authorization: Bearer T`, `X-Sverka-Token: T` or the `sverka_token` cookie (`/?token=T` sets
  the cookie once and redirects, so a browser can log in); without one, only loopback Host names
  are answered (a DNS-rebinding page cannot read the corpus).
* Every response carries a strict Content-Security-Policy: no inline script, assets from this origin.
"""

from __future__ import annotations

import hmac
import ipaddress
import os

from starlette.datastructures import URL
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.types import ASGIApp

from sverka.errors import ConfigError
from sverka.web.errors import error_response

COOKIE = "sverka_token"
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "[::1]"}
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def env_token() -> str | None:
    return os.environ.get("SVERKA_TOKEN") or None


def check_bind(host: str, token: str | None) -> None:
    if not is_loopback(host) and not token:
        raise ConfigError(f"refusing to listen on {host} without a token: set SVERKA_TOKEN=<secret> "
                          "(clients send it as 'Authorization: Bearer <secret>'), or use --host 127.0.0.1")


def request_token(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return request.headers.get("x-sverka-token") or request.cookies.get(COOKIE)


class Guard(BaseHTTPMiddleware):
    def __init__(self, app: ASGIApp, token: str | None = None, loopback_only: bool = False) -> None:
        super().__init__(app)
        self.token = token
        self.loopback_only = loopback_only

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        response = self.refuse(request) or await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    def refuse(self, request: Request) -> Response | None:
        if request.method not in ("GET", "HEAD"):
            return error_response(request, 405, f"{request.method} not allowed: the server is read-only",
                                  {"Allow": "GET, HEAD"})
        if self.loopback_only and not is_loopback(request.url.hostname or ""):
            return error_response(request, 403, "this server answers only to localhost / 127.0.0.1")
        if not self.token:
            return None
        offered = request.query_params.get("token")
        if offered and hmac.compare_digest(offered.encode(), self.token.encode()):
            return login(request.url, offered)
        given = request_token(request)
        if given and hmac.compare_digest(given.encode(), self.token.encode()):
            return None
        return error_response(request, 401, "a token is required: send 'Authorization: Bearer <SVERKA_TOKEN>' "
                              "or open /?token=<SVERKA_TOKEN> once in the browser", {"WWW-Authenticate": "Bearer"})


def login(url: URL, token: str) -> Response:
    """Set the cookie and drop the token from the address bar (and from history)."""
    rest = url.remove_query_params("token")
    response = RedirectResponse(rest.path + (f"?{rest.query}" if rest.query else ""), status_code=303)
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict")
    return response
