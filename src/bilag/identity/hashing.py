"""Digests and random handles for secrets, codes, tokens and session ids."""

from __future__ import annotations

import hashlib
import hmac
import secrets


def new_handle(nbytes: int = 32) -> str:
    """A random, URL-safe handle with `nbytes` bytes of entropy."""
    return secrets.token_urlsafe(nbytes)


def digest(value: str) -> str:
    """The SHA-256 hex digest under which a handle is stored."""
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def peppered_digest(value: str, pepper: str) -> str:
    """HMAC-SHA-256 with the server pepper, for client secrets and API keys."""
    return hmac.new(pepper.encode("utf-8"), value.encode("utf-8"), hashlib.sha256).hexdigest()


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))
