"""Turning LeafLink's HTTP answers into results: JSON validation, and :class:`APIResponse`
for callers who want the raw answer (``raw_request`` and ``client.with_raw_response``).
"""

from __future__ import annotations

import functools
import inspect
import json
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, Generic, TypeVar, cast

import httpx
import pydantic
import pydantic_core

from ._exceptions import (
    APIResponseValidationError,
    mask_secret,
    status_error_for,
    status_message,
)
from ._tolerant import (
    ResponseMismatch,
    parse_tolerant,
    remember,
    report,
    type_adapter,
)

__all__ = [
    "APIResponse",
    "RawResponseProxy",
    "decode_json",
    "mismatch_error",
    "parse_response",
    "raise_for_status",
    "raw_or_parsed",
    "read_body",
    "take_raw_mode",
    "validate_as",
]

T = TypeVar("T")
R = TypeVar("R")

_NONE_TYPE = type(None)
_RAW_RESPONSE: ContextVar[bool] = ContextVar("leaflink_raw_response", default=False)


class APIResponse(Generic[T]):
    """An HTTP answer from LeafLink, kept raw; :meth:`parse` gives the operation's result.

    Returned by ``raw_request`` and by any method called through ``client.with_raw_response``.
    """

    def __init__(
        self, http_response: httpx.Response, parser: Callable[[httpx.Response], T]
    ) -> None:
        self.http_response = http_response
        self._parser = parser

    @property
    def status_code(self) -> int:
        """The HTTP status code."""
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        """The response headers."""
        return self.http_response.headers

    @property
    def content(self) -> bytes:
        """The raw response body."""
        return self.http_response.content

    @property
    def text(self) -> str:
        """The response body decoded as text."""
        return self.http_response.text

    def json(self) -> Any:
        """The response body parsed as JSON (raises ``ValueError`` if it is not JSON)."""
        return self.http_response.json()

    def parse(self) -> T:
        """The result the operation returns when called normally."""
        return self._parser(self.http_response)

    def __repr__(self) -> str:
        request = self.http_response.request
        return f"<APIResponse [{self.status_code}] {request.method} {request.url}>"


class RawResponseProxy:
    """Calls a client's public methods so that they return :class:`APIResponse`."""

    def __init__(self, client: object) -> None:
        self._client = client

    def __getattr__(self, name: str) -> Any:
        method = getattr(self._client, name)
        if name.startswith("_") or not callable(method):
            raise AttributeError(f"{name!r} is not a public method of the client")
        if inspect.iscoroutinefunction(method):

            @functools.wraps(method)
            async def call_async(*args: Any, **kwargs: Any) -> Any:
                token = _RAW_RESPONSE.set(True)
                try:
                    return await method(*args, **kwargs)
                finally:
                    _RAW_RESPONSE.reset(token)

            return call_async

        @functools.wraps(method)
        def call(*args: Any, **kwargs: Any) -> Any:
            token = _RAW_RESPONSE.set(True)
            try:
                return method(*args, **kwargs)
            finally:
                _RAW_RESPONSE.reset(token)

        return call

    def __repr__(self) -> str:
        return f"<with_raw_response of {self._client!r}>"


def take_raw_mode() -> bool:
    """Read and clear the raw-response flag, so only the call's first request is raw."""
    if _RAW_RESPONSE.get():
        _RAW_RESPONSE.set(False)
        return True
    return False


def raw_or_parsed(raw: bool, response: httpx.Response, parser: Callable[[httpx.Response], R]) -> R:
    """The parsed result, or in raw mode the :class:`APIResponse` standing in for it."""
    api_response = APIResponse(response, parser)
    return cast(R, api_response) if raw else api_response.parse()


def read_body(response: httpx.Response) -> object:
    """The body as JSON when it parses as JSON, else as text (None when empty)."""
    if not response.content:
        return None
    try:
        return json.loads(response.content)
    except ValueError:
        return response.text


def raise_for_status(response: httpx.Response, operation: str, secret: str | None = None) -> None:
    """Raise the matching :class:`APIStatusError` unless the answer is a 2xx.

    ``secret`` (the API key) is masked in the message (see :func:`mask_secret`), even where
    a server echoes it back.
    """
    if not response.is_success:
        body = read_body(response)
        message = mask_secret(status_message(response, body, operation), secret)
        raise status_error_for(response, body, message)


def parse_response(
    response: httpx.Response, cast_to: type[T], operation: str, strict: bool = False
) -> T:
    """Parse a 2xx answer into ``cast_to``, tolerantly unless ``strict`` (see `_tolerant`).

    ``type(None)`` ignores the body; ``object`` or ``Any`` return the JSON as is (None when
    empty); a pydantic model (or any type pydantic validates) is validated from the JSON.
    """
    if cast_to is _NONE_TYPE:
        return cast(T, None)
    if not response.content and cast_to in (object, Any):
        return cast(T, None)
    data, not_json = decode_json(response, operation, strict)
    if not_json:
        return cast(T, data)
    return validate_as(data, cast_to, response=response, operation=operation, strict=strict)


def decode_json(
    response: httpx.Response, operation: str, strict: bool
) -> tuple[object, tuple[ResponseMismatch, ...]]:
    """The body as JSON, and no mismatch. A body that is not JSON raises when ``strict``;
    else it is its text (None when empty) and the mismatch, logged: nothing to validate.
    """
    try:
        return pydantic_core.from_json(response.content), ()
    except ValueError:
        if strict:
            raise _invalid(response, operation, "the body is not valid JSON", None) from None
    text = response.text or None
    mismatch = ResponseMismatch(operation, "", "a JSON body", "text" if text else "missing")
    report([mismatch])
    return text, (mismatch,)


def validate_as(
    data: object,
    type_: type[T],
    *,
    response: httpx.Response,
    operation: str,
    strict: bool = False,
    path: tuple[str | int, ...] = (),
) -> T:
    """Validate decoded JSON as ``type_``; the result remembers ``data`` (`received_json`).

    Strict: a failure raises, naming the operation and the first bad field. Tolerant: the
    fields that do not fit keep what was sent, and are logged (`response_mismatches`).
    """
    if type_ in (object, Any):
        return cast(T, data)
    try:
        result = type_adapter(cast(Any, type_)).validate_python(data)
    except pydantic.ValidationError as exc:
        if strict:
            raise mismatch_error(exc, response, operation, path) from None
        result, mismatches = parse_tolerant(type_, data, operation, path, exc)
        report(mismatches)
        remember(result, data, mismatches)
        return cast(T, result)
    remember(result, data)
    return cast(T, result)


def mismatch_error(
    error: pydantic.ValidationError,
    response: httpx.Response,
    operation: str,
    path: tuple[str | int, ...] = (),
) -> APIResponseValidationError:
    """Strict mode's error for an answer that failed validation: its first bad field."""
    first = error.errors()[0]
    field = ".".join(str(part) for part in (*path, *first["loc"]))
    detail = f"field {field!r}: {first['msg']}" if field else first["msg"]
    return _invalid(response, operation, detail, field or None)


def _invalid(
    response: httpx.Response, operation: str, detail: str, field: str | None
) -> APIResponseValidationError:
    request = response.request
    message = (
        f"{operation}: the {response.status_code} answer to {request.method} {request.url} "
        f"is not what the operation promises: {detail}"
    )
    return APIResponseValidationError(
        message,
        request=request,
        operation=operation,
        status_code=response.status_code,
        body=read_body(response),
        field=field,
    )
