"""Exceptions raised by the LeafLink client.

Every exception the client raises derives from :class:`LeafLinkError`::

    LeafLinkError
    ├── APIError                        a request was made (or refused) and failed
    │   ├── APIConnectionError          no HTTP answer: network failure
    │   │   └── APITimeoutError         no HTTP answer in time
    │   ├── APIResponseValidationError  a 2xx answer that is not what the operation promises
    │   └── APIStatusError              a non-2xx answer (an unfollowed 3xx raises this class)
    │       ├── BadRequestError           400
    │       ├── AuthenticationError       401
    │       ├── PermissionDeniedError     403
    │       ├── NotFoundError             404
    │       ├── ConflictError             409
    │       ├── UnprocessableEntityError  422
    │       ├── RateLimitError            429
    │       ├── ClientError               any other 4xx
    │       └── ServerError               5xx
    └── InputValidationError            arguments refused before any request was made

Messages name the operation, method, URL and status and summarise LeafLink's error body;
they never contain the API key or the ``Authorization`` header.
"""

from __future__ import annotations

from collections.abc import Mapping

import httpx

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ClientError",
    "ConflictError",
    "InputValidationError",
    "LeafLinkError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "ServerError",
    "UnprocessableEntityError",
    "status_error_for",
    "status_message",
    "summarize_error_body",
]

_SUMMARY_LIMIT = 300
_UNKEYED_FIELDS = frozenset({"detail", "message", "error", "non_field_errors"})


class LeafLinkError(Exception):
    """Base class of every exception raised by the LeafLink client."""


class APIError(LeafLinkError):
    """A request to LeafLink failed; ``request`` is the request sent, if one was built."""

    retryable: bool = False

    def __init__(self, message: str, request: httpx.Request | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.request = request
        self.method: str | None = request.method if request is not None else None
        self.url: str | None = str(request.url) if request is not None else None


class APIConnectionError(APIError):
    """The request got no HTTP answer (connection refused, reset or dropped)."""

    retryable = True


class APITimeoutError(APIConnectionError):
    """The request got no HTTP answer within the timeout."""


class APIResponseValidationError(APIError):
    """A successful answer that is not the JSON the operation promises.

    ``field`` is the first failing field (dotted path), or None when the body is not JSON.
    """

    def __init__(
        self,
        message: str,
        *,
        request: httpx.Request | None,
        operation: str,
        status_code: int,
        body: object,
        field: str | None = None,
    ) -> None:
        super().__init__(message, request)
        self.operation = operation
        self.status_code = status_code
        self.body = body
        self.field = field


class APIStatusError(APIError):
    """LeafLink answered with a non-2xx status.

    ``body`` is the parsed JSON body when it is JSON, else its text.
    """

    def __init__(self, message: str, *, response: httpx.Response, body: object) -> None:
        super().__init__(message, response.request)
        self.response = response
        self.status_code = response.status_code
        self.body = body
        self.retryable = self.status_code in (408, 429) or self.status_code >= 500


class BadRequestError(APIStatusError):
    """400 Bad Request."""


class AuthenticationError(APIStatusError):
    """401 Unauthorized: the API key is missing, wrong or revoked."""


class PermissionDeniedError(APIStatusError):
    """403 Forbidden."""


class NotFoundError(APIStatusError):
    """404 Not Found."""


class ConflictError(APIStatusError):
    """409 Conflict."""


class UnprocessableEntityError(APIStatusError):
    """422 Unprocessable Entity."""


class RateLimitError(APIStatusError):
    """429 Too Many Requests."""


class ClientError(APIStatusError):
    """Any other 4xx status."""


class ServerError(APIStatusError):
    """5xx: LeafLink failed to answer the request."""


class InputValidationError(LeafLinkError):
    """An operation's input was refused before any request was made."""

    def __init__(
        self, message: str, *, operation: str, field: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.operation = operation
        self.field = field


_STATUS_CLASSES: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error_for(
    response: httpx.Response, body: object, message: str
) -> APIStatusError:
    """Build the :class:`APIStatusError` subclass matching ``response.status_code``."""
    status = response.status_code
    cls = _STATUS_CLASSES.get(status)
    if cls is None:
        if 400 <= status < 500:
            cls = ClientError
        elif status >= 500:
            cls = ServerError
        else:
            cls = APIStatusError
    return cls(message, response=response, body=body)


def status_message(
    response: httpx.Response, body: object, operation: str | None = None
) -> str:
    """Describe a failed answer: operation, method, URL, status and LeafLink's message."""
    request = response.request
    prefix = f"{operation}: " if operation else ""
    message = (
        f"{prefix}{request.method} {request.url} returned "
        f"{response.status_code} {response.reason_phrase}".rstrip()
    )
    summary = summarize_error_body(body)
    return f"{message}: {summary}" if summary else message


def summarize_error_body(body: object) -> str:
    """Summarise a LeafLink error body on one line.

    ``{"detail": "Not found."}`` gives ``Not found.``; ``{"name": ["Required."]}`` gives
    ``name: Required.``; any other body is flattened and truncated.
    """
    if isinstance(body, Mapping):
        parts = [
            _flatten(value) if key in _UNKEYED_FIELDS else f"{key}: {_flatten(value)}"
            for key, value in body.items()
        ]
        summary = "; ".join(parts)
    elif body is None:
        summary = ""
    else:
        summary = _flatten(body)
    summary = " ".join(summary.split())
    if len(summary) > _SUMMARY_LIMIT:
        summary = summary[: _SUMMARY_LIMIT - 3] + "..."
    return summary


def _flatten(value: object) -> str:
    if isinstance(value, Mapping):
        return "; ".join(f"{key}: {_flatten(item)}" for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return " ".join(_flatten(item) for item in value)
    return str(value)
