"""Safe by default: who may write, forms that cannot be posted from another site, loopback binding.

- Reading is public. Writing (keeping a document in the store) needs `Authorization: Bearer TOKEN`
  (or the form's 口令 field) when the server was given a token (`YUSUAN_TOKEN`).
- Forms carry a CSRF token equal to a cookie set by the server (double submit; the cookie is
  SameSite=Strict and HttpOnly), compared in constant time.
- A POST whose Origin header names another site is refused (a page elsewhere cannot make the
  browser check or store documents here).
"""
from __future__ import annotations

import hmac
import ipaddress
import secrets
from urllib.parse import urlsplit

CSRF_COOKIE = "yusuan_csrf"
CSRF_FIELD = "csrf"


def is_loopback(host: str) -> bool:
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def new_csrf() -> str:
    return secrets.token_urlsafe(24)


def csrf_ok(cookie: str | None, field: str | None) -> bool:
    return bool(cookie) and bool(field) and hmac.compare_digest(cookie.encode(), field.encode())


def bearer(authorization: str | None) -> str | None:
    if not authorization:
        return None
    scheme, _, value = authorization.partition(" ")
    return value.strip() if scheme.lower() == "bearer" else None


def token_ok(expected: str | None, given: str | None) -> bool:
    """No token configured: writes are open (the server then listens on loopback only)."""
    if not expected:
        return True
    return bool(given) and hmac.compare_digest(expected.encode(), given.encode())


def same_origin(origin: str | None, host: str | None) -> bool:
    """True when the request has no Origin (not a browser's cross-site request) or names this host."""
    if not origin or origin == "null":
        return origin != "null"
    return urlsplit(origin).netloc.lower() == (host or "").lower()
