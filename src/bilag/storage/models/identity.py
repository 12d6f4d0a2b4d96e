"""Identity-provider tables: applications, secrets, grants, codes, refresh tokens, keys,
browser sessions, the debugger's failure log and the security event log.

Secrets, codes, refresh tokens and session ids are stored only as SHA-256 hex digests.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bilag.storage.models.base import Base, utcnow


class Application(Base):
    __tablename__ = "applications"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[str] = mapped_column(String(120), unique=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    owner_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    app_type: Mapped[str] = mapped_column(String(20), default="web")  # web | native | service
    redirect_uris: Mapped[str] = mapped_column(Text, default="[]")  # JSON list, exact match
    post_logout_redirect_uris: Mapped[str] = mapped_column(Text, default="[]")  # JSON list
    scopes: Mapped[str] = mapped_column(Text, default="")  # applied-for scopes, space separated
    offline_access: Mapped[bool] = mapped_column(Boolean, default=False)
    refresh_token_usage: Mapped[str] = mapped_column(String(10), default="one_time")  # | reuse
    refresh_token_lifetime_days: Mapped[int] = mapped_column(Integer, default=365)
    refresh_grace_seconds: Mapped[int | None] = mapped_column(Integer)  # None: server default
    require_pkce: Mapped[bool] = mapped_column(Boolean, default=False)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoke_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ClientSecret(Base):
    __tablename__ = "client_secrets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hint: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)


class Grant(Base):
    """One authorization: a user (or, for the legacy grant, an organization) and a client.

    Holds a snapshot of the client's refresh policy, because policy changes apply only to
    grants made after them. Every token issued under it carries its id; revoking it stops them all.
    """

    __tablename__ = "grants"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"))
    # The legacy grant's API key: revoking the key revokes the grant.
    api_key_id: Mapped[int | None] = mapped_column(ForeignKey("api_keys.id"), index=True)
    scopes: Mapped[str] = mapped_column(Text)
    session_id: Mapped[str | None] = mapped_column(String(64))  # the `sid` claim
    auth_time: Mapped[datetime | None] = mapped_column(DateTime)
    refresh_usage: Mapped[str] = mapped_column(String(10), default="one_time")
    refresh_lifetime_seconds: Mapped[int] = mapped_column(Integer, default=0)  # 0: no limit
    refresh_grace_seconds: Mapped[int] = mapped_column(Integer, default=30)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoke_reason: Mapped[str | None] = mapped_column(Text)


class AuthorizationCode(Base):
    __tablename__ = "authorization_codes"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    redirect_uri: Mapped[str] = mapped_column(Text)
    scopes: Mapped[str] = mapped_column(Text)
    nonce: Mapped[str | None] = mapped_column(Text)
    code_challenge: Mapped[str | None] = mapped_column(String(128))
    code_challenge_method: Mapped[str | None] = mapped_column(String(10))
    session_id: Mapped[str | None] = mapped_column(String(64))
    auth_time: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    consumed_at: Mapped[datetime | None] = mapped_column(DateTime)
    grant_id: Mapped[str | None] = mapped_column(ForeignKey("grants.id"))


class RefreshToken(Base):
    __tablename__ = "refresh_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    grant_id: Mapped[str] = mapped_column(ForeignKey("grants.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("refresh_tokens.id"))
    issued_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime)
    expires_at: Mapped[datetime | None] = mapped_column(DateTime)
    consumed_at: Mapped[datetime | None] = mapped_column(DateTime)
    # The token response the consuming exchange produced, encrypted, kept only through the
    # grace period so that a retry with this token gets the very same pair back.
    reply_ciphertext: Mapped[str | None] = mapped_column(Text)


class SigningKey(Base):
    __tablename__ = "signing_keys"

    kid: Mapped[str] = mapped_column(String(64), primary_key=True)
    private_pem: Mapped[str] = mapped_column(Text)
    public_jwk: Mapped[str] = mapped_column(Text)  # JSON
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    retired_at: Mapped[datetime | None] = mapped_column(DateTime)  # no longer signs
    expires_at: Mapped[datetime | None] = mapped_column(DateTime)  # leaves the JWKS


class BrowserSession(Base):
    __tablename__ = "browser_sessions"

    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    sid: Mapped[str] = mapped_column(String(64), unique=True)  # public session id for claims
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    csrf_secret: Mapped[str] = mapped_column(String(64))
    auth_time: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime)


class AuthorizationFailure(Base):
    """A failed request, shown to the application's owner in the Debugger: an authorization
    request (`kind` authorize), a token request (token) or an API call refused (api)."""

    __tablename__ = "authorization_failures"

    error_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id"), index=True)
    client_id: Mapped[str | None] = mapped_column(String(200))
    error: Mapped[str] = mapped_column(String(60))  # the OAuth error code
    reason: Mapped[str] = mapped_column(String(60))  # our cause, e.g. redirect_uri_mismatch
    description: Mapped[str] = mapped_column(Text)
    fix: Mapped[str] = mapped_column(Text)
    parameters: Mapped[str] = mapped_column(Text, default="{}")  # JSON of the request
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    kind: Mapped[str] = mapped_column(String(12), default="authorize", server_default="authorize")
    http_status: Mapped[int | None] = mapped_column(Integer)
    organization_id: Mapped[int | None] = mapped_column(Integer)
    request: Mapped[str | None] = mapped_column(Text)  # JSON: method, path, query, headers, body
    occurrences: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    last_seen_at: Mapped[datetime | None] = mapped_column(DateTime)


class IdentityEvent(Base):
    """Security-relevant events: replays, code reuse, revocations, secret regeneration."""

    __tablename__ = "identity_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(60))
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id"), index=True)
    grant_id: Mapped[str | None] = mapped_column(String(36))
    detail: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
