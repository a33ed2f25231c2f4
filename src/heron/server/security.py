"""What `heron serve` does to be safe to open in a browser and to leave running.

* Security headers on every response: a Content-Security-Policy that runs scripts from this
  server only (no inline script, no eval; the dashboard and the API page load theirs from
  /static), frames refused (X-Frame-Options DENY, frame-ancestors 'none'), no MIME sniffing,
  no Referer sent to other sites.
* Host check: a server bound to a loopback address answers only requests whose Host header names
  a loopback host, so a web page on another site cannot reach it through DNS rebinding.
* Generic error bodies: an unexpected error answers 500 {"detail": "internal error"}; what
  happened (store path, exception, traceback) goes to the server log only.
"""
from __future__ import annotations

import ipaddress
import logging

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("heron.server")

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:",
    "connect-src 'self'", "font-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'",
    "frame-ancestors 'none'",
])
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")


def allowed_hosts(bind_host: str) -> list[str] | None:
    """Host headers a server bound to `bind_host` accepts: loopback names for a loopback bind, else any."""
    name = bind_host.strip("[]")
    try:
        loopback = ipaddress.ip_address(name).is_loopback
    except ValueError:
        loopback = name == "localhost"
    if not loopback:
        return None
    extra = f"[{name}]" if ":" in name else name
    return list(dict.fromkeys([*LOOPBACK_NAMES, extra]))


class SecurityHeaders:
    """Adds SECURITY_HEADERS to every HTTP response, and answers an unexpected error with a generic
    500 (pure ASGI, outside the routes: streaming responses are not buffered, error bodies get the
    headers too)."""

    def __init__(self, app: ASGIApp):
        self.app = app
        self.headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in SECURITY_HEADERS.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in self.headers if k not in present]
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            log.exception("%s %s failed", scope.get("method"), scope.get("path"))
            if started:
                raise
            await JSONResponse({"detail": "internal error"}, status_code=500)(scope, receive, send_with_headers)


def secure(app: FastAPI, hosts: list[str] | None) -> None:
    """Install the host check (when `hosts` is given) and the headers with the generic 500 body."""
    if hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=hosts)
    app.add_middleware(SecurityHeaders)   # added last: outermost, so a refused Host gets the headers too
