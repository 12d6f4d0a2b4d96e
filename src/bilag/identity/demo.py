"""The demo that `bilag demo` and `make run` seed: two people, three organizations, an API key
per organization and a web application.

Passwords, API keys and the client secret are stored only hashed, so the demo derives them
from `settings.secret_pepper` (an HMAC of a fixed label): `bilag demo` can then print them again
at any time, and `ensure_demo` re-arms any of them that no longer works (a password changed, a
key revoked, a new pepper). Anyone who knows the pepper knows the demo's credentials, so the demo
must never be seeded on a production server.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bilag.config import Settings
from bilag.identity.applications import (
    authenticate_client,
    create_application,
    get_application,
    redirect_uris_of,
)
from bilag.identity.hashing import peppered_digest
from bilag.identity.organizations import add_member, create_organization
from bilag.identity.users import authenticate_user, create_user, get_user_by_email, set_password
from bilag.storage.db import Database
from bilag.storage.invoice_settings import set_invoice_settings
from bilag.storage.models import ApiKey, ClientSecret, Membership, Organization, User

APPLICATION_NAME = "bilag demo"
CLIENT_ID = "isv_bilag_demo"
REDIRECT_URIS = (
    "http://127.0.0.1:8000/demo/callback",
    "http://localhost:8000/demo/callback",
    "http://127.0.0.1:8765/callback",  # `bilag-client login` and the SDK's login_in_browser
)


@dataclass(frozen=True)
class _UserSpec:
    email: str
    name: str


@dataclass(frozen=True)
class _OrganizationSpec:
    label: str
    name: str
    is_pro: bool
    owner_email: str


DEMO_USER = _UserSpec("demo@bilag.dk", "Dorthe Demo")
OTHER_USER = _UserSpec("anden@bilag.dk", "Anders Anden")
USERS = (DEMO_USER, OTHER_USER)
ORGANIZATIONS = (
    _OrganizationSpec("pro", "Demo Pro ApS", True, DEMO_USER.email),
    _OrganizationSpec("free", "Demo Gratis ApS", False, DEMO_USER.email),
    _OrganizationSpec("other", "Anden ApS", True, OTHER_USER.email),
)
# Valid CVR numbers (modulus 11), so e-invoices of the demo companies pass validation.
DEMO_CVR = {"pro": "12345674", "free": "23456788", "other": "34567891"}


@dataclass(frozen=True)
class DemoUser:
    email: str
    name: str
    password: str


@dataclass(frozen=True)
class DemoOrganization:
    id: int
    name: str
    is_pro: bool
    members: tuple[str, ...]
    api_key: str


@dataclass(frozen=True)
class DemoApplication:
    client_id: str
    client_secret: str
    redirect_uris: tuple[str, ...]


@dataclass(frozen=True)
class Demo:
    users: tuple[DemoUser, ...]
    organizations: tuple[DemoOrganization, ...]
    application: DemoApplication
    created: tuple[str, ...]  # what this call seeded; empty when the demo was already there
    rearmed: tuple[str, ...]  # credentials this call made work again


def demo_credential(pepper: str, label: str) -> bytes:
    return hmac.new(pepper.encode("utf-8"), f"bilag-demo:{label}".encode(), hashlib.sha256).digest()


def demo_password(pepper: str, email: str) -> str:
    return "demo-" + demo_credential(pepper, f"password:{email}").hex()[:16]


def demo_api_key(pepper: str, label: str) -> str:
    return demo_credential(pepper, f"api-key:{label}").hex()[:32]


def demo_client_secret(pepper: str) -> str:
    raw = demo_credential(pepper, f"client-secret:{CLIENT_ID}")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def ensure_demo(database: Database, settings: Settings) -> Demo:
    """Seed whatever part of the demo is missing, and return all of it with its credentials."""
    try:
        return _ensure_demo_once(database, settings)
    except IntegrityError:
        # Another process seeded the same rows at the same moment; now they are all there.
        return _ensure_demo_once(database, settings)


def _ensure_demo_once(database: Database, settings: Settings) -> Demo:
    pepper = settings.secret_pepper
    log = _Log()
    with database.write() as session:
        users = {spec.email: _ensure_user(session, spec, pepper, log) for spec in USERS}
        organizations = tuple(
            _ensure_organization(session, spec, users[spec.owner_email], pepper, log)
            for spec in ORGANIZATIONS
        )
        application = _ensure_application(session, settings, owner=users[DEMO_USER.email], log=log)
    return Demo(
        users=tuple(
            DemoUser(spec.email, users[spec.email].name, demo_password(pepper, spec.email))
            for spec in USERS
        ),
        organizations=organizations,
        application=application,
        created=tuple(log.created),
        rearmed=tuple(log.rearmed),
    )


class _Log:
    def __init__(self) -> None:
        self.created: list[str] = []
        self.rearmed: list[str] = []


def _ensure_user(session: Session, spec: _UserSpec, pepper: str, log: _Log) -> User:
    password = demo_password(pepper, spec.email)
    user = get_user_by_email(session, spec.email)
    if user is None:
        log.created.append(f"user {spec.email}")
        return create_user(session, email=spec.email, name=spec.name, password=password)
    if authenticate_user(session, spec.email, password) is None:
        set_password(session, user, password)
        log.rearmed.append(f"password of {spec.email}")
    return user


def _ensure_organization(
    session: Session, spec: _OrganizationSpec, owner: User, pepper: str, log: _Log
) -> DemoOrganization:
    organization = session.scalars(
        select(Organization)
        .join(Membership, Membership.organization_id == Organization.id)
        .where(Membership.user_id == owner.id, Organization.name == spec.name)
        .order_by(Organization.id)
    ).first()
    if organization is None:
        organization = create_organization(session, name=spec.name, is_pro=spec.is_pro)
        add_member(session, user=owner, organization=organization)
        _company_details(session, organization, spec.label)
        log.created.append(f"organization {spec.name}")
    api_key = demo_api_key(pepper, spec.label)
    _ensure_api_key(session, organization, api_key, pepper, log)
    members = session.scalars(
        select(User.email)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.organization_id == organization.id)
        .order_by(User.email)
    ).all()
    return DemoOrganization(
        id=organization.id,
        name=organization.name,
        is_pro=organization.is_pro,
        members=tuple(members),
        api_key=api_key,
    )


def _company_details(session: Session, organization: Organization, label: str) -> None:
    """What an invoice prints: address, CVR, e-mail, and for the Pro company a FIK creditor
    number and a bank account, so invoices show a FIK code and e-invoices can be paid."""
    organization.street = "Demovej 1"
    organization.zip_code = "8000"
    organization.city = "Aarhus C"
    organization.email = f"{label}@demo.bilag.dk"
    organization.vat_number = DEMO_CVR.get(label)
    if label == "pro":
        set_invoice_settings(
            session,
            organization.id,
            fik_creditor_number="85475522",
            use_fik=True,
            bank_reg_number="1234",
            bank_account_number="0012345678",
            iban="DK5000400440116243",
            bic="DABADKKK",
        )


def _ensure_api_key(
    session: Session, organization: Organization, key: str, pepper: str, log: _Log
) -> None:
    row = session.scalars(
        select(ApiKey).where(ApiKey.key_hash == peppered_digest(key, pepper))
    ).first()
    if row is None:
        session.add(
            ApiKey(
                organization_id=organization.id,
                key_hash=peppered_digest(key, pepper),
                hint=key[-4:],
                name="Demo API key",
            )
        )
        session.flush()
        log.created.append(f"API key of {organization.name}")
    elif row.revoked_at is not None:
        row.revoked_at = None
        log.rearmed.append(f"API key of {organization.name}")


def _ensure_application(
    session: Session, settings: Settings, *, owner: User, log: _Log
) -> DemoApplication:
    pepper = settings.secret_pepper
    secret = demo_client_secret(pepper)
    application = get_application(session, CLIENT_ID)
    if application is None:
        application, _ = create_application(
            session,
            name=APPLICATION_NAME,
            pepper=pepper,
            client_id=CLIENT_ID,
            secret=secret,
            app_type="web",
            redirect_uris=_redirect_uris(settings),
            post_logout_redirect_uris=[f"{settings.issuer}/"],
            offline_access=True,
            refresh_token_usage="one_time",
            owner_user_id=owner.id,
        )
        log.created.append(f"application {CLIENT_ID}")
    elif authenticate_client(session, CLIENT_ID, secret, pepper=pepper) is None:
        _rearm_secret(session, application.id, secret, pepper)
        log.rearmed.append(f"client secret of {CLIENT_ID}")
    return DemoApplication(
        client_id=application.client_id,
        client_secret=secret,
        redirect_uris=tuple(redirect_uris_of(application)),
    )


def _redirect_uris(settings: Settings) -> list[str]:
    uris = list(REDIRECT_URIS)
    own = f"{settings.issuer}/demo/callback"
    if own not in uris:
        uris.append(own)
    return uris


def _rearm_secret(session: Session, application_id: int, secret: str, pepper: str) -> None:
    """Make the derived secret live again without revoking any secret made since."""
    wanted = peppered_digest(secret, pepper)
    row = session.scalars(select(ClientSecret).where(ClientSecret.secret_hash == wanted)).first()
    if row is None:
        session.add(
            ClientSecret(application_id=application_id, secret_hash=wanted, hint=secret[-4:])
        )
    else:
        row.revoked_at = None
    session.flush()


def as_json(demo: Demo) -> str:
    """The `bilag demo --json` document, for scripts and tests."""
    return json.dumps(
        {
            "users": [{"email": user.email, "password": user.password} for user in demo.users],
            "organizations": [
                {
                    "id": org.id,
                    "name": org.name,
                    "isPro": org.is_pro,
                    "members": list(org.members),
                    "apiKey": org.api_key,
                }
                for org in demo.organizations
            ],
            "application": {
                "client_id": demo.application.client_id,
                "client_secret": demo.application.client_secret,
                "redirect_uris": list(demo.application.redirect_uris),
            },
        },
        indent=2,
    )
