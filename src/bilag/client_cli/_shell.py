"""What every command shares: errors as one message on stderr, the common options, and values."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

import click
import httpx

from bilag.client import DineroClientError, NoAccessError, NotAuthorizedError

F = TypeVar("F", bound=Callable[..., Any])
LOGIN_HINT = "Run `bilag-client login` first."
ORGS_HINT = "`bilag-client orgs` lists the organizations you can reach."


class ClientGroup(click.Group):
    """Turns every failure into `Error: <message>` on stderr and exit status 1, never a
    traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except NotAuthorizedError as error:
            raise click.ClickException(f"{error}. {LOGIN_HINT}") from None
        except NoAccessError as error:
            raise click.ClickException(f"{error} {ORGS_HINT}") from None
        except DineroClientError as error:
            raise click.ClickException(str(error)) from None
        except httpx.TransportError as error:
            where = error.request.url if _has_request(error) else "the server"
            raise click.ClickException(
                f"cannot reach {where}: {error or type(error).__name__}"
            ) from None
        except (OSError, ValueError) as error:
            raise click.ClickException(str(error)) from None
        except Exception as error:  # noqa: BLE001 - the promise is: never a traceback
            raise click.ClickException(f"unexpected {type(error).__name__}: {error}") from None


def _has_request(error: httpx.TransportError) -> bool:
    try:
        error.request  # noqa: B018 - httpx raises when the error carries no request
    except RuntimeError:
        return False
    return True


def parse_amount(text: str, *, decimal_comma: bool) -> Decimal:
    """`-1.234,50` with a decimal comma, `-1234.50` without; ValueError if it is not a number."""
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "")
    if decimal_comma:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"{text!r} is not an amount") from None
    if not amount.is_finite() or not cleaned:
        raise ValueError(f"{text!r} is not an amount")
    return amount


class AmountType(click.ParamType):  # type: ignore[type-arg]
    name = "amount"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, Decimal):
            return value
        text = str(value)
        try:
            return parse_amount(text, decimal_comma="," in text and "." not in text)
        except ValueError as error:
            self.fail(f"{error} (write 125.50 or 125,50)", param, ctx)


class DateType(click.ParamType):  # type: ignore[type-arg]
    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, datetime.date):
            return value
        try:
            return datetime.date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"{value!r} is not a date (YYYY-MM-DD)", param, ctx)


AMOUNT = AmountType()
DATE = DateType()


def json_option(command: F) -> F:
    option = click.option(
        "--json", "as_json", is_flag=True, help="Print JSON on stdout (and nothing else there)."
    )
    return option(command)


def org_option(command: F) -> F:
    option = click.option(
        "--org",
        "organization",
        type=int,
        envvar="BILAG_CLIENT_ORG",
        help="Organization id [default: the one chosen at login].",
    )
    return option(command)


def books_command(command: F) -> F:
    """A command on one organization's books: `--org` and `--json`."""
    return org_option(json_option(command))
