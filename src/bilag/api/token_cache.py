"""Verified access tokens, remembered until they expire, so that a client calling many times with
one token pays for its RS256 signature check once. Revocation is not cached: every call still asks
the database whether the token's grant and client are live."""

from __future__ import annotations

import threading

from bilag.config import Settings
from bilag.identity.keys import KeyStore
from bilag.identity.sandbox import clock
from bilag.identity.tokens import LEEWAY_SECONDS, AccessClaims, verify_access_token


class VerifiedTokens:
    def __init__(self, keys: KeyStore, settings: Settings, capacity: int = 4096) -> None:
        self.keys = keys
        self.settings = settings
        self.capacity = capacity
        self._claims: dict[str, AccessClaims] = {}
        self._lock = threading.Lock()

    def claims(self, token: str) -> AccessClaims:
        """The token's verified claims; raises InvalidAccessToken as `verify_access_token` does."""
        remembered = self._claims.get(token)
        if remembered is not None:
            if clock.epoch_seconds() <= remembered.expires_at + LEEWAY_SECONDS:
                return remembered
        claims = verify_access_token(self.keys, self.settings, token)
        with self._lock:
            if len(self._claims) >= self.capacity:
                self._claims.clear()
            self._claims[token] = claims
        return claims
