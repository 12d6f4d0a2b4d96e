"""Dinero's error body, and the handlers that render every failure on an API path with it.

The body is `{"code", "message", "validationErrors", "languageSpecificMessages"}` with lower-camel
keys (reference §5.2); the codes are Dinero's (§5.3). Failures inside an API route become this
body through `DineroRoute`; unknown paths and wrong methods under `/v1...` through the handler
that `install_error_handlers` chains in front of whatever the app had before.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Coroutine, Mapping
from enum import IntEnum
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exception_handlers import (
    http_exception_handler,
    request_validation_exception_handler,
)
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

logger = logging.getLogger("bilag.api")

API_PATH = re.compile(r"^/v\d+(?:\.\d+)?(?:/|$)", re.IGNORECASE)


class ErrorCode(IntEnum):
    NOT_FOUND = 40
    UNAUTHORIZED = 41
    VALIDATION = 42
    LIMIT_EXCEEDED = 43
    INVALID_FORMAT = 44
    INVALID_REQUEST = 45
    INVALID_FILTER = 46
    ACCOUNTING_YEAR_NOT_FOUND = 47
    TIMESTAMP_OUT_OF_DATE = 58
    SERVER_ERROR = 50
    ITEM_IS_DELETED = 65
    NO_PRO = 90


_DANISH = {
    ErrorCode.NOT_FOUND: "Ikke fundet",
    ErrorCode.UNAUTHORIZED: "Ingen adgang",
    ErrorCode.VALIDATION: "Valideringsfejl",
    ErrorCode.LIMIT_EXCEEDED: "En grænse er overskredet",
    ErrorCode.INVALID_FORMAT: "Ugyldigt format",
    ErrorCode.INVALID_REQUEST: "Ugyldig forespørgsel",
    ErrorCode.INVALID_FILTER: "Ugyldigt filterformat",
    ErrorCode.ACCOUNTING_YEAR_NOT_FOUND: "Regnskabsåret blev ikke fundet",
    ErrorCode.TIMESTAMP_OUT_OF_DATE: "Tidsstemplet er forældet",
    ErrorCode.SERVER_ERROR: "Der opstod en fejl",
    ErrorCode.ITEM_IS_DELETED: "Elementet er slettet",
    ErrorCode.NO_PRO: "Organisationen har ikke et aktivt Pro-abonnement",
}


class ApiFailure(Exception):
    """A failure that knows its own response."""

    def response(self) -> Response:
        raise NotImplementedError


class DineroError(ApiFailure):
    """An API failure with Dinero's error code, its message and the HTTP status to send."""

    def __init__(
        self,
        code: ErrorCode,
        message: str,
        status: int = 400,
        validation_errors: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status
        self.validation_errors = dict(validation_errors or {})
        self.headers = dict(headers or {})

    def body(self) -> dict[str, Any]:
        return {
            "code": int(self.code),
            "message": self.message,
            "validationErrors": self.validation_errors or None,
            "languageSpecificMessages": [{"property": "message", "message": _DANISH[self.code]}],
        }

    def response(self) -> Response:
        return Response(
            orjson.dumps(self.body()),
            status_code=self.status,
            headers=self.headers,
            media_type="application/json; charset=utf-8",
        )


def is_api_path(path: str) -> bool:
    return API_PATH.match(path) is not None


def validation_failure(errors: Mapping[str, str]) -> DineroError:
    names = ", ".join(errors)
    return DineroError(ErrorCode.VALIDATION, f"Validation Error: {names}", 400, errors)


def _from_request_validation(error: RequestValidationError) -> DineroError:
    problems: dict[str, str] = {}
    for item in error.errors():
        location = [str(part) for part in item.get("loc", ()) if part not in ("body", "query")]
        problems[".".join(location) or "request"] = str(item.get("msg", "is invalid"))
    return validation_failure(problems)


def _from_http_exception(request: Request, error: StarletteHTTPException) -> DineroError:
    headers = dict(error.headers or {})
    if error.status_code == 404:
        message = f"No HTTP resource was found that matches the request URI '{request.url.path}'."
        return DineroError(ErrorCode.NOT_FOUND, message, 404, headers=headers)
    if error.status_code == 405:
        message = f"The requested resource does not support http method '{request.method}'."
        return DineroError(ErrorCode.NOT_FOUND, message, 405, headers=headers)
    return DineroError(
        ErrorCode.INVALID_REQUEST, str(error.detail), error.status_code, None, headers
    )


def render_failure(request: Request, error: Exception) -> Response:
    """The Dinero response for any exception raised while serving an API request."""
    if isinstance(error, ApiFailure):
        return error.response()
    if isinstance(error, RequestValidationError):
        return _from_request_validation(error).response()
    if isinstance(error, StarletteHTTPException):
        return _from_http_exception(request, error).response()
    logger.exception("unexpected error on %s %s", request.method, request.url.path)
    unexpected = DineroError(ErrorCode.SERVER_ERROR, "An unexpected error occurred.", 500)
    return unexpected.response()


class DineroRoute(APIRoute):
    """An API route whose every failure, expected or not, is answered with Dinero's body."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def dinero_handler(request: Request) -> Response:
            try:
                return await handler(request)
            except Exception as error:  # noqa: BLE001 - every failure gets Dinero's body
                return render_failure(request, error)

        return dinero_handler


def install_error_handlers(app: FastAPI) -> None:
    """Render 404 and 405 under API paths as Dinero errors; leave other paths as they were."""
    previous_http = app.exception_handlers.get(StarletteHTTPException, http_exception_handler)
    previous_validation = app.exception_handlers.get(
        RequestValidationError, request_validation_exception_handler
    )

    async def on_http_exception(request: Request, error: Exception) -> Response:
        if is_api_path(request.url.path):
            return render_failure(request, error)
        return await _call(previous_http, request, error)

    async def on_validation_error(request: Request, error: Exception) -> Response:
        if is_api_path(request.url.path):
            return render_failure(request, error)
        return await _call(previous_validation, request, error)

    async def on_dinero_error(request: Request, error: Exception) -> Response:
        return render_failure(request, error)

    app.add_exception_handler(StarletteHTTPException, on_http_exception)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(DineroError, on_dinero_error)


async def _call(handler: Any, request: Request, error: Exception) -> Response:
    result = handler(request, error)
    if hasattr(result, "__await__"):
        result = await result
    return result  # type: ignore[no-any-return]
