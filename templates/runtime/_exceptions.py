"""Exceptions raised by the LeafLink client.

Every exception the client raises derives from :class:`LeafLinkError`::

    LeafLinkError
    ├── APIError                        a request was made (or refused) and failed
    │   ├── APIConnectionError          no HTTP answer: network failure
    │   │   └── APITimeoutError         no HTTP answer in time
    │   ├── APIResponseValidationError  a 2xx answer that is not what the operation promises
    │   ├── APIStatusError              a non-2xx answer (an unfollowed 3xx raises this class)
    │   │   ├── BadRequestError           400
    │   │   ├── AuthenticationError       401
    │   │   ├── PermissionDeniedError     403
    │   │   ├── NotFoundError             404
    │   │   ├── ConflictError             409
    │   │   ├── UnprocessableEntityError  422
    │   │   ├── RateLimitError            429
    │   │   ├── ClientError               any other 4xx
    │   │   └── ServerError               5xx
    │   └── PaginationLoopError         a list's next page leads back to a page already fetched
    ├── EventLoopError                  an async client used on another event loop than its own
    └── InputValidationError            arguments refused before any request was made

Messages name the operation, method, URL and status and give LeafLink's error body (or a
gateway's) on one line, in full up to :data:`ERROR_DETAIL_LIMIT` characters; the parsed
body is ``error.body``. They never contain the ``Authorization`` header, and the API key is
masked by :func:`mask_secret` even where a server echoes it back.

``retryable`` is True exactly when the client itself would have sent the request again (see
``_retry``): a 503 to a GET is, a 503 to a POST is not (it may have been carried out).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import quote as _quote

import httpx

from ._retry import retryable as _retryable

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
    "ERROR_DETAIL_LIMIT",
    "EventLoopError",
    "InputValidationError",
    "LeafLinkError",
    "MASK",
    "NotFoundError",
    "PaginationLoopError",
    "PermissionDeniedError",
    "RateLimitError",
    "ServerError",
    "UnprocessableEntityError",
    "mask_secret",
    "status_error_for",
    "status_message",
    "summarize_error_body",
]

ERROR_DETAIL_LIMIT = 2000
"""The most characters of an error body a message carries (the parsed body is kept whole)."""
MASK = "***"
_MASK_ANYWHERE_LENGTH = 8
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
    """The request got no HTTP answer (connection refused, reset or dropped).

    ``retryable``: whether the client would re-send it (a POST whose connection dropped
    after sending may have been carried out, so it is not).
    """

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
        self.retryable = _retryable(response.request.method, status=self.status_code)


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


class PaginationLoopError(APIError):
    """A list's next page leads back to a page already fetched: the walk stops, not loops.

    ``request`` is the request of the page whose ``next`` link was refused; ``offset`` is
    that page's offset, ``next_offset`` the offset its link leads to, ``next`` the link.
    """

    def __init__(
        self,
        message: str,
        *,
        request: httpx.Request | None,
        operation: str,
        offset: int,
        next_offset: int,
        next: str | None,
    ) -> None:
        super().__init__(message, request)
        self.operation = operation
        self.offset = offset
        self.next_offset = next_offset
        self.next = next


class EventLoopError(LeafLinkError):
    """An async client was used on another event loop than the one it first ran on.

    Its connections belong to that loop (closed at its end, or unusable once it is closed):
    create the client inside the loop that uses it, e.g. ``async with AsyncLeafLink() as
    client:`` in the coroutine ``asyncio.run`` runs.
    """


class InputValidationError(LeafLinkError):
    """An operation's input was refused before any request was made."""

    def __init__(self, message: str, *, operation: str, field: str | None = None) -> None:
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


def status_error_for(response: httpx.Response, body: object, message: str) -> APIStatusError:
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


def status_message(response: httpx.Response, body: object, operation: str | None = None) -> str:
    """Describe a failed answer: operation, method, URL, status and LeafLink's message."""
    request = response.request
    prefix = f"{operation}: " if operation else ""
    message = (
        f"{prefix}{request.method} {request.url} returned "
        f"{response.status_code} {response.reason_phrase}".rstrip()
    )
    summary = summarize_error_body(body)
    return f"{message}: {summary}" if summary else message


def mask_secret(text: str, secret: str | None) -> str:
    """``text`` with every occurrence of ``secret`` (the API key) replaced by ``***``.

    The rule keeps the key out of messages without mangling them: a key of 8 characters or
    more (any real key) is masked wherever it occurs, inside a longer word or URL-encoded
    too; such a string is in a message only because something echoed the key. A shorter
    key could be part of ordinary words (a key ``e`` in "Expecting value"), so it is
    masked only where it stands alone, not touching a letter, digit or underscore.
    """
    if not secret or not text:
        return text
    if len(secret) >= _MASK_ANYWHERE_LENGTH:
        for form in {secret, _quote(secret, safe="")}:
            text = text.replace(form, MASK)
        return text
    if secret not in text:
        return text
    alone = rf"(?<!\w){re.escape(secret)}(?!\w)"
    return re.sub(alone, MASK, text)


def summarize_error_body(body: object) -> str:
    """A LeafLink (or gateway) error body on one line, at most ERROR_DETAIL_LIMIT characters.

    ``{"detail": "Not found."}`` gives ``Not found.``; ``{"name": ["Required."]}`` gives
    ``name: Required.``; other bodies are flattened (``key: value`` pairs and the items of a
    list joined by ``; ``, a list of plain values by spaces). A longer summary ends with how
    much was left out; ``error.body`` holds it all.
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
    if len(summary) > ERROR_DETAIL_LIMIT:
        cut = ERROR_DETAIL_LIMIT - 60
        left = len(summary) - cut
        summary = f"{summary[:cut]}... ({left} more characters in error.body)"
    return summary


def _flatten(value: object) -> str:
    if isinstance(value, Mapping):
        return "; ".join(f"{key}: {_flatten(item)}" for key, item in value.items())
    if isinstance(value, (list, tuple)):
        nested = any(isinstance(item, (Mapping, list, tuple)) for item in value)
        return ("; " if nested else " ").join(_flatten(item) for item in value)
    return str(value)
