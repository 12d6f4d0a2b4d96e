"""The web app as a first-party client of the Dinero API.

Every write a person makes in the web app goes through the same API an integration calls, so both
share one code path and one set of rules. The web app calls it in-process with an access token of
the first-party application `isv_bilag_web`, minted for the browser session's user under a grant
bound to that session: logging out revokes it. Its calls are bookings by a user (BookedByType
"User"), and, like Dinero's own web app, it is held to neither the public API's rate limit nor
its Pro requirement.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bilag.config import Settings
from bilag.identity.applications import create_application, get_application
from bilag.identity.grants import create_grant
from bilag.identity.issuance import epoch
from bilag.identity.keys import KeyStore
from bilag.identity.sessions import LiveSession
from bilag.identity.tokens import issue_access_token
from bilag.storage.db import Database
from bilag.storage.models import Application, Grant, utcnow

WEB_CLIENT_ID = "isv_bilag_web"
WEB_APPLICATION_NAME = "bilag web app"
WEB_SCOPES = ["dineropublicapi:read", "dineropublicapi:write"]


def is_first_party(client_id: str) -> bool:
    return client_id == WEB_CLIENT_ID


def web_application(session: Session, settings: Settings) -> Application:
    """The first-party application, created on first use (it has no secret and no owner)."""
    application = get_application(session, WEB_CLIENT_ID)
    if application is not None:
        return application
    try:
        with session.begin_nested():
            application, _ = create_application(
                session,
                name=WEB_APPLICATION_NAME,
                pepper=settings.secret_pepper,
                app_type="native",
                scopes=WEB_SCOPES,
                offline_access=False,
                client_id=WEB_CLIENT_ID,
            )
    except IntegrityError:  # another worker made it at the same moment
        application = get_application(session, WEB_CLIENT_ID)
        assert application is not None
    return application


def session_grant(session: Session, settings: Settings, live: LiveSession) -> Grant:
    """The live grant of the web app for this browser session, made on first use."""
    application = web_application(session, settings)
    grant = session.scalars(
        select(Grant).where(
            Grant.application_id == application.id,
            Grant.user_id == live.user_id,
            Grant.session_id == live.sid,
            Grant.revoked_at.is_(None),
        )
    ).first()
    if grant is None:
        grant = create_grant(
            session,
            settings=settings,
            application=application,
            scopes=WEB_SCOPES,
            user_id=live.user_id,
            session_id=live.sid,
            auth_time=live.auth_time,
        )
    return grant


def web_access_token(
    database: Database, keys: KeyStore, settings: Settings, live: LiveSession
) -> str:
    """A fresh access token of the web app for the session's user."""
    with database.write() as session:
        grant_id = session_grant(session, settings, live).id
    # Signed after the commit: the key store may need a write of its own for a first key.
    token, _claims = issue_access_token(
        keys,
        settings,
        grant_id=grant_id,
        client_id=WEB_CLIENT_ID,
        scopes=WEB_SCOPES,
        subject=live.user_sub,
        session_id=live.sid,
        auth_time=epoch(live.auth_time),
    )
    return token


def revoke_session_grants(session: Session, session_id: str) -> None:
    """Logging out ends the web app's access for that session at once."""
    application = get_application(session, WEB_CLIENT_ID)
    if application is None:
        return
    session.execute(
        update(Grant)
        .where(
            Grant.application_id == application.id,
            Grant.session_id == session_id,
            Grant.revoked_at.is_(None),
        )
        .values(revoked_at=utcnow(), revoke_reason="logged out")
    )
