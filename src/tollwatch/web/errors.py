"""One JSON error shape for every failure the web app answers, with stable codes.

    {"error": {"code": "not_found", "message": "no document 'abc'"}}

Validation errors add ``"fields"``: where in the request each problem is and what it is. The codes are a
contract (clients branch on them; a test pins them): change a message freely, never a code.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import ConfigError, StoreError, TollwatchError

log = logging.getLogger("tollwatch.web")

CODES: dict[int, str] = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    500: "internal_error",
    503: "unavailable",
}


class ErrorDetail(BaseModel):
    code: str
    message: str
    fields: list[dict[str, Any]] | None = None


class ErrorBody(BaseModel):
    error: ErrorDetail


class ApiError(Exception):
    """An answer other than success, raised anywhere in a request; ``code`` defaults from the status."""

    def __init__(self, status: int, message: str, code: str | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code or CODES.get(status, "error")


class NotFound(ApiError):
    def __init__(self, message: str):
        super().__init__(404, message)


def error_response(status: int, code: str, message: str, fields: list[dict[str, Any]] | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    detail: dict[str, Any] = {"code": code, "message": message}
    if fields is not None:
        detail["fields"] = fields
    return JSONResponse({"error": detail}, status_code=status, headers=headers)


# The error answers every operation may give, for the OpenAPI schema.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": CODES[status].replace("_", " ")}
    for status in (400, 404, 413, 422, 500)
}
AUTH_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": CODES[status]} for status in (401, 403)
}


def _location(loc: tuple[Any, ...] | list[Any]) -> str:
    return ".".join(str(p) for p in loc)


def install(app: FastAPI) -> None:
    """Route every failure through ``error_response``."""

    @app.exception_handler(ApiError)
    async def _api(_request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else CODES.get(exc.status_code, "error")
        return error_response(exc.status_code, CODES.get(exc.status_code, "error"), message,
                              headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
        fields = [{"location": _location(e.get("loc", ())), "problem": e.get("msg", "")} for e in exc.errors()]
        first = fields[0] if fields else {"location": "request", "problem": "invalid"}
        return error_response(422, "validation_error", f"{first['location']}: {first['problem']}", fields)

    @app.exception_handler(ConfigError)
    async def _config(_request: Request, exc: ConfigError) -> JSONResponse:
        return error_response(400, "bad_request", str(exc))

    @app.exception_handler(StoreError)
    async def _store(_request: Request, exc: StoreError) -> JSONResponse:
        log.error("store failure: %s", exc)
        return error_response(503, "unavailable", "the database cannot be used right now")

    @app.exception_handler(TollwatchError)
    async def _tollwatch(_request: Request, exc: TollwatchError) -> JSONResponse:
        return error_response(400, "bad_request", str(exc))

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> JSONResponse:
        # The traceback goes to the server log, never to the client.
        log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        return error_response(500, "internal_error", "internal error; the server log has the details")
