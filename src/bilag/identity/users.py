"""People who log in: created with an Argon2id password hash, found by e-mail."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bilag.storage.models import User

_hasher = PasswordHasher()
# Verifying against this keeps an unknown e-mail as slow as a wrong password.
_DUMMY_HASH = _hasher.hash("not a password anyone has")


class UserExists(ValueError):
    """A user with that e-mail address already exists."""


def normalize_email(email: str) -> str:
    return email.strip().lower()


def get_user_by_email(session: Session, email: str) -> User | None:
    return session.scalars(
        select(User).where(func.lower(User.email) == normalize_email(email))
    ).first()


def create_user(session: Session, *, email: str, name: str, password: str) -> User:
    if not email.strip() or "@" not in email:
        raise ValueError("an e-mail address is required")
    if len(password) < 8:
        raise ValueError("the password must have at least 8 characters")
    if get_user_by_email(session, email) is not None:
        raise UserExists(f"a user with the e-mail {email} already exists")
    user = User(
        email=normalize_email(email),
        name=name.strip() or email,
        password_hash=_hasher.hash(password),
    )
    session.add(user)
    session.flush()
    return user


def set_password(session: Session, user: User, password: str) -> None:
    if len(password) < 8:
        raise ValueError("the password must have at least 8 characters")
    user.password_hash = _hasher.hash(password)
    session.flush()


def authenticate_user(session: Session, email: str, password: str) -> User | None:
    """The user whose e-mail and password these are, or None. Only reads, so the slow hash
    check can run outside a write transaction; see `password_needs_rehash`."""
    user = get_user_by_email(session, email)
    try:
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    return user


def password_needs_rehash(user: User) -> bool:
    """Whether the stored hash uses weaker parameters than the current ones."""
    return _hasher.check_needs_rehash(user.password_hash)
