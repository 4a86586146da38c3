"""Headers on every response: a Content-Security-Policy without inline scripts (and without inline
styles but the editor's own, which carry this response's nonce), no sniffing, no framing, no
referrer leaks; nothing the app serves comes from another origin. A response that made no nonce (the
JSON API's, most pages') gets the same policy with no inline style allowed at all, a constant: no
random bytes drawn for a nonce nothing uses."""

from __future__ import annotations

import secrets

from flask import Flask, Response, g

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'nonce-{nonce}'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


def style_nonce() -> str:
    """This response's nonce for CodeMirror's generated <style> element (EditorView.cspNonce)."""
    if "style_nonce" not in g:
        g.style_nonce = secrets.token_urlsafe(16)
    return g.style_nonce


WITHOUT_NONCE = CONTENT_SECURITY_POLICY.replace(" 'nonce-{nonce}'", "")


def _headers(response: Response) -> Response:
    # (A view may set its own policy. Looked for by walking the few headers: werkzeug's setdefault and
    # ``in`` build a BadRequestKeyError, an HTTP exception, for every response that has none.)
    if not any(name.lower() == "content-security-policy" for name, _ in response.headers):
        policy = CONTENT_SECURITY_POLICY.format(nonce=g.style_nonce) if "style_nonce" in g else WITHOUT_NONCE
        response.headers.add("Content-Security-Policy", policy)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    return response


def init_app(app: Flask) -> None:
    app.after_request(_headers)
    app.jinja_env.globals["style_nonce"] = style_nonce
