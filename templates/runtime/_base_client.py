"""The HTTP core under every generated operation: auth, URLs, retries, errors and logging.

:class:`SyncAPIClient` and :class:`AsyncAPIClient` have the same surface; generated clients
subclass them and describe each operation as a :class:`Request`, sent by ``_request`` (one
result), ``_request_page`` (a list, paginated) or ``_request_ddl`` (drop-down options from
every page of a list).
"""

from __future__ import annotations

import functools
import logging
import math
import re
import sys
import threading
import time
import weakref
from collections.abc import AsyncGenerator, Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import (
    TYPE_CHECKING,
    Any,
    Generic,
    Literal,
    Self,
    TypedDict,
    TypeVar,
    Unpack,
)

import httpx
import typing_extensions

from ._encoding import (
    encode_files,
    encode_form,
    encode_query,
    encode_raw_body,
    expand_path,
    jsonable,
    normalize_endpoint,
)
from ._exceptions import (
    APIConnectionError,
    APITimeoutError,
    EventLoopError,
    InputValidationError,
)
from ._inputs import checked
from ._pagination import (
    DDL_PAGE_SIZE,
    AsyncPage,
    DdlOption,
    SyncPage,
    async_ddl_options,
    ddl_options,
    parse_page,
)
from ._response import (
    APIResponse,
    RawResponseProxy,
    parse_response,
    raise_for_status,
    raw_or_parsed,
    take_raw_mode,
)
from ._retry import plan_retry, retryable
from ._settings import ENVIRONMENTS, Environment, resolve_settings

if TYPE_CHECKING:
    import asyncio

    from .webhooks import EventKind, ReceiverOptions, WebhookEvent, WebhookReceiver

__all__ = [
    "DDL_PAGE_SIZE",
    "DEFAULT_LIMITS",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "ENVIRONMENTS",
    "AsyncAPIClient",
    "AuthScheme",
    "Environment",
    "Request",
    "RequestOptions",
    "SyncAPIClient",
]

T = TypeVar("T")
HttpT = TypeVar("HttpT", httpx.Client, httpx.AsyncClient)

AuthScheme = Literal["App", "Token"]
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=5.0)
DEFAULT_MAX_RETRIES = 2
DEFAULT_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=100)
"""The pool a client makes: up to 100 connections, all of them kept alive when idle. With
httpx's default of 20 kept alive, a burst of concurrent calls past 20 closed each connection
it had just used and opened a new one for the next call: one connection per call."""
USER_AGENT = (
    f"leaflink-python (httpx/{httpx.__version__}; "
    f"python/{'.'.join(map(str, sys.version_info[:3]))})"
)

logger = logging.getLogger("leaflink")

_SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie"})
_POOL_LOCK = threading.Lock()


class RequestOptions(typing_extensions.TypedDict, total=False):
    """Per-call options, accepted by every operation (``strict_responses`` as on the client)."""

    timeout: float | httpx.Timeout
    extra_headers: Mapping[str, str]
    extra_query: Mapping[str, object]
    max_retries: int
    strict_responses: bool
    deadline: float
    """Seconds the whole call may take, retries and their waits included (none by default);
    see :meth:`SyncAPIClient._send`."""


@dataclass(frozen=True)
class Request:
    """One operation's HTTP request, as generated code describes it.

    ``path`` is a template such as ``/orders-received/{number}/`` filled from ``path_params``.
    ``query``: None values dropped, booleans as true/false, lists joined by commas.
    ``json`` may hold pydantic models (dumped by alias, only fields that were set); ``data``
    is form fields, ``files`` multipart files, ``content`` a raw body of ``content_type``.
    """

    operation: str
    method: str
    path: str
    path_params: Mapping[str, object] = field(default_factory=dict)
    query: Mapping[str, object] = field(default_factory=dict)
    json: object | None = None
    data: Mapping[str, object] | None = None
    files: Mapping[str, object] | None = None
    content: bytes | None = None
    content_type: str | None = None


@dataclass(frozen=True)
class _Call:
    """A built request, ready to be sent with its retry budget."""

    operation: str
    request: httpx.Request
    max_retries: int
    strict: bool
    """Whether an answer that does not fit its model raises (else it is kept as sent)."""
    deadline: float | None = None
    """When the call must be over, in ``time.monotonic()`` seconds (None: no deadline)."""
    deadline_seconds: float | None = None


class _BaseClient(Generic[HttpT]):
    """Configuration and request building shared by the sync and async clients."""

    _http_client: HttpT | None

    def __init__(
        self,
        api_key: str | None,
        *,
        environment: Environment | None,
        base_url: str | None,
        auth_scheme: AuthScheme,
        webhook_key: str | None,
        timeout: float | httpx.Timeout,
        max_retries: int,
        strict_responses: bool,
        http_client: HttpT | None,
        clock: Callable[[], float],
    ) -> None:
        settings = resolve_settings(api_key, environment, base_url)
        if auth_scheme not in ("App", "Token"):
            raise ValueError(f"unknown auth_scheme {auth_scheme!r}; expected 'App' or 'Token'")
        if max_retries < 0:
            raise ValueError("max_retries must be >= 0")
        self.api_key = settings.api_key
        self.webhook_key = webhook_key
        self.environment: Environment = settings.environment
        self.auth_scheme: AuthScheme = auth_scheme
        self.base_url = _normalize_base_url(settings.base_url or ENVIRONMENTS[settings.environment])
        self.timeout = timeout
        self.max_retries = max_retries
        self.strict_responses = strict_responses
        self._base_url_override = settings.base_url
        self._clock = clock
        self._owns_http = http_client is None
        self._http_client = http_client

    @property
    def _http(self) -> HttpT:
        """The connection pool, created on first use: its TLS context takes tens of
        milliseconds, which a client created but not (yet) used need not pay."""
        if self._http_client is None:
            with _POOL_LOCK:
                if self._http_client is None:
                    self._http_client = self._new_http(self.timeout)
        return self._http_client

    def _new_http(self, timeout: float | httpx.Timeout) -> HttpT:
        raise NotImplementedError

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(environment={self.environment!r}, "
            f"base_url={self.base_url!r}, auth_scheme={self.auth_scheme!r})"
        )

    @property
    def with_raw_response(self) -> RawResponseProxy:
        """This client, but each public method returns an :class:`APIResponse`."""
        return RawResponseProxy(self)

    # -- webhooks: imported on use, as they need the generated models ---------------------

    def parse_webhook(
        self,
        body: bytes,
        headers: Mapping[str, str],
        *,
        kind: EventKind | None = None,
    ) -> WebhookEvent:
        """Verify and parse one webhook delivery with ``webhook_key``.

        See :func:`leaflink.webhooks.parse_event`.
        """
        from .webhooks import parse_event

        return parse_event(body, headers, self._require_webhook_key(), kind=kind)

    def webhook_receiver(self, **options: Unpack[ReceiverOptions]) -> WebhookReceiver:
        """An ASGI app receiving webhooks verified with ``webhook_key``.

        See :class:`leaflink.webhooks.WebhookReceiver` for ``on_order``, ``on_product``
        and ``max_body_bytes``.
        """
        from .webhooks import WebhookReceiver

        return WebhookReceiver(self._require_webhook_key(), **options)

    def _require_webhook_key(self) -> str:
        if not self.webhook_key:
            raise ValueError(
                "this client has no webhook_key: create it with webhook_key=... "
                "(the company's webhook key, from LeafLink's Settings > Developer Options)"
            )
        return self.webhook_key

    def _copy_options(self, changes: Mapping[str, Any], sleep: object) -> dict[str, Any]:
        options: dict[str, Any] = {
            "api_key": self.api_key,
            "environment": self.environment,
            "base_url": self._base_url_override,
            "auth_scheme": self.auth_scheme,
            "webhook_key": self.webhook_key,
            "timeout": self.timeout,
            "max_retries": self.max_retries,
            "strict_responses": self.strict_responses,
            "http_client": self._http,
            "sleep": sleep,
            "clock": self._clock,
        }
        if "environment" in changes and "base_url" not in changes:
            options["base_url"] = None
        options.update(changes)
        return options

    # -- building requests -------------------------------------------------------------

    def _headers(self, options: RequestOptions, *extra: Mapping[str, str] | None) -> dict[str, str]:
        headers = {
            "Authorization": f"{self.auth_scheme} {self.api_key}",
            "User-Agent": USER_AGENT,
            "Accept": "application/json",
        }
        for more in (*extra, options.get("extra_headers")):
            headers.update(more or {})
        return headers

    def _prepare(self, request: Request, options: RequestOptions | None) -> _Call:
        opts = options or {}
        path = expand_path(request.path, request.path_params, request.operation)
        content_type = {"Content-Type": request.content_type} if request.content_type else None
        http_request = self._http.build_request(
            request.method.upper(),
            _parsed_url(self.base_url + path),
            params=encode_query({**request.query, **opts.get("extra_query", {})}),
            headers=self._headers(opts, content_type),
            json=jsonable(request.json) if request.json is not None else None,
            data=encode_form(request.data) if request.data is not None else None,
            files=encode_files(request.files) if request.files is not None else None,
            content=request.content,
            timeout=_as_timeout(opts.get("timeout", self.timeout)),
        )
        return self._call(request.operation, http_request, opts)

    def _prepare_raw(
        self,
        method: str,
        endpoint: str,
        query: Mapping[str, object] | None,
        body_type: str,
        body: object,
        headers: Mapping[str, str] | None,
        options: RequestOptions | None,
    ) -> _Call:
        if not re.fullmatch(r"[A-Za-z]+", method):
            raise ValueError(f"invalid HTTP method {method!r}")
        opts = options or {}
        url = httpx.URL(self.base_url + normalize_endpoint(endpoint))
        params = encode_query({**(query or {}), **opts.get("extra_query", {})})
        http_request = self._http.build_request(
            method.upper(),
            url.copy_merge_params(params) if params else url,
            headers=self._headers(opts, headers),
            timeout=_as_timeout(opts.get("timeout", self.timeout)),
            **encode_raw_body(body_type, body),
        )
        return self._call("raw_request", http_request, opts)

    def _next_page_call(
        self, call: _Call, offset: int, limit: int | None, options: RequestOptions | None
    ) -> _Call:
        """The request of the page at ``offset`` after ``call``'s page: the same URL (this
        client's base URL, the operation's path, the first request's query) with only
        ``offset`` (and ``limit``, when given) changed. The page's ``next`` link decides
        where the next page starts, never where it is requested: the key stays here."""
        opts = options or {}
        position = {"offset": str(offset)}
        if limit is not None:
            position = {"limit": str(limit), **position}  # in LeafLink's order
        http_request = self._http.build_request(
            call.request.method,
            call.request.url.copy_merge_params(position),
            headers=self._headers(opts),
            timeout=_as_timeout(opts.get("timeout", self.timeout)),
        )
        return self._call(call.operation, http_request, opts)

    @staticmethod
    def _ddl_request(request: Request, page_size: int) -> Request:
        if isinstance(page_size, bool) or not isinstance(page_size, int) or page_size < 1:
            raise InputValidationError(
                f"{request.operation}: page_size must be an integer >= 1, not {page_size!r}",
                operation=request.operation,
                field="page_size",
            )
        return replace(request, query={**request.query, "limit": page_size})

    def _call(self, operation: str, request: httpx.Request, options: RequestOptions) -> _Call:
        if not str(request.url).startswith(self.base_url + "/"):
            raise ValueError(f"{operation}: refusing {request.url}: not under {self.base_url}")
        return self._new_call(operation, request, options)

    def _new_call(self, operation: str, request: httpx.Request, options: RequestOptions) -> _Call:
        seconds = options.get("deadline")
        if seconds is None:
            return _Call(
                operation,
                request,
                options.get("max_retries", self.max_retries),
                options.get("strict_responses", self.strict_responses),
            )
        if (
            isinstance(seconds, bool)
            or not isinstance(seconds, (int, float))
            or not math.isfinite(seconds)
            or seconds <= 0
        ):
            raise ValueError(f"deadline must be a number of seconds > 0, not {seconds!r}")
        return _Call(
            operation,
            request,
            options.get("max_retries", self.max_retries),
            options.get("strict_responses", self.strict_responses),
            time.monotonic() + seconds,
            seconds,
        )

    # -- sending: shared steps of the retry loop -----------------------------------------

    def _retry_delay(
        self,
        call: _Call,
        attempt: int,
        *,
        response: httpx.Response | None = None,
        error: Exception | None = None,
    ) -> float | None:
        request = call.request
        decision = plan_retry(
            request.method,
            attempt,
            call.max_retries,
            response=response,
            error=error,
            now=self._clock(),
        )
        if (
            decision is not None
            and call.deadline is not None
            and time.monotonic() + decision.delay >= call.deadline
        ):
            logger.info(
                "%s: not retrying %s %s (%s): the deadline of %gs would pass first",
                call.operation,
                request.method,
                request.url,
                decision.reason,
                call.deadline_seconds,
            )
            return None
        if decision is not None:
            logger.info(
                "%s: retrying %s %s in %.2fs (retry %d of %d): %s",
                call.operation,
                request.method,
                request.url,
                decision.delay,
                attempt + 1,
                call.max_retries,
                decision.reason,
            )
            return decision.delay
        return None

    def _log_request(self, call: _Call, attempt: int) -> None:
        if logger.isEnabledFor(logging.DEBUG):
            request = call.request
            logger.debug(
                "%s: request %s %s (attempt %d) headers=%s",
                call.operation,
                request.method,
                request.url,
                attempt + 1,
                _masked(request.headers),
            )

    def _log_response(self, call: _Call, response: httpx.Response) -> None:
        if not logger.isEnabledFor(logging.DEBUG):
            return
        logger.debug(
            "%s: response %d %s for %s %s in %.3fs",
            call.operation,
            response.status_code,
            response.reason_phrase,
            call.request.method,
            call.request.url,
            response.elapsed.total_seconds(),
        )

    def _transport_error(self, call: _Call, error: httpx.RequestError) -> APIConnectionError:
        request = call.request
        timed_out = isinstance(error, httpx.TimeoutException)
        what = "timed out" if timed_out else "failed to get an answer"
        detail = f"{type(error).__name__}: {error}".rstrip(": ")
        if call.deadline is not None and time.monotonic() >= call.deadline - 0.001:
            detail += f"; the call's deadline of {call.deadline_seconds:g}s has passed"
        message = f"{call.operation}: {request.method} {request.url} {what} ({detail})"
        cls = APITimeoutError if timed_out else APIConnectionError
        exception = cls(message, request)
        exception.retryable = retryable(request.method, error=error)
        return exception


class SyncAPIClient(_BaseClient[httpx.Client]):
    """Synchronous LeafLink client core; use as a context manager or call :meth:`close`.

    ``api_key``, ``environment`` and ``base_url`` default to ``LEAFLINK_API_KEY``,
    ``LEAFLINK_ENVIRONMENT`` (else production) and ``LEAFLINK_BASE_URL``; arguments win
    (see ``_settings``). ``base_url`` overrides ``environment``. ``strict_responses`` makes
    an answer that does not match its model raise :class:`APIResponseValidationError`
    instead of being kept as sent (see ``leaflink.response_mismatches``). ``sleep`` and
    ``clock`` are injectable for tests. An ``http_client`` you pass is used as is (its
    redirect policy and limits too) and never closed here.
    """

    def __init__(
        self,
        api_key: str | None = None,
        *,
        environment: Environment | None = None,
        base_url: str | None = None,
        auth_scheme: AuthScheme = "App",
        webhook_key: str | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        strict_responses: bool = False,
        http_client: httpx.Client | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(
            api_key,
            environment=environment,
            base_url=base_url,
            auth_scheme=auth_scheme,
            webhook_key=webhook_key,
            timeout=timeout,
            max_retries=max_retries,
            strict_responses=strict_responses,
            http_client=http_client,
            clock=clock,
        )
        self._sleep = sleep

    def _new_http(self, timeout: float | httpx.Timeout) -> httpx.Client:
        return httpx.Client(
            timeout=_as_timeout(timeout), follow_redirects=False, limits=DEFAULT_LIMITS
        )

    def copy(self, **changes: Unpack[_SyncClientOptions]) -> Self:
        """A new client with ``changes`` applied; it shares the connection pool, not the options.

        Changing ``environment`` without ``base_url`` drops a ``base_url`` override.
        Closing the copy leaves the shared pool open; it closes with the original.
        """
        return type(self)(**self._copy_options(changes, self._sleep))

    with_options = copy

    def close(self) -> None:
        """Close the connection pool, unless it was passed in as ``http_client``."""
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _request(
        self,
        request: Request,
        *,
        cast_to: type[T],
        options: RequestOptions | None = None,
    ) -> T:
        """Send ``request`` and parse the answer as ``cast_to``."""
        raw = take_raw_mode()
        call = self._prepare(request, options)
        response = self._send(call)
        return raw_or_parsed(
            raw, response, lambda r: parse_response(r, cast_to, call.operation, call.strict)
        )

    def _request_page(
        self,
        request: Request,
        *,
        item_type: type[T],
        options: RequestOptions | None = None,
    ) -> SyncPage[T]:
        """Send a list ``request``; the page follows ``next`` links with the same options."""
        raw = take_raw_mode()
        call = self._prepare(request, options)
        response = self._send(call)
        return raw_or_parsed(raw, response, lambda r: self._page(r, call, item_type, options))

    def _request_ddl(
        self,
        request: Request,
        *,
        text: str | Sequence[str],
        value: str,
        distinct: bool = False,
        page_size: int = DDL_PAGE_SIZE,
        options: RequestOptions | None = None,
    ) -> list[DdlOption]:
        """Drop-down options from every page of the list ``request`` names, asking for
        ``page_size`` items a page (``limit``); see :func:`ddl_options`."""
        take_raw_mode()  # options are built from every page: there is no one raw answer
        page = self._request_page(
            self._ddl_request(request, page_size), item_type=dict, options=options
        )
        return ddl_options(page, text, value, distinct=distinct)

    @checked
    def raw_request(
        self,
        method: str,
        endpoint: str,
        *,
        query: Mapping[str, object] | None = None,
        body_type: Literal["none", "json", "form", "raw"] = "none",
        body: object = None,
        headers: Mapping[str, str] | None = None,
        options: RequestOptions | None = None,
    ) -> APIResponse[Any]:
        """Raw HTTP request (advanced): ``endpoint`` is a path under the base URL.

        Absolute URLs and escapes (``..``, backslashes) raise ``ValueError`` before any I/O;
        the trailing slash LeafLink requires is added. HTTP errors still raise.
        """
        take_raw_mode()
        call = self._prepare_raw(method, endpoint, query, body_type, body, headers, options)
        return APIResponse(self._send(call), lambda r: parse_response(r, object, call.operation))

    def _page(
        self,
        response: httpx.Response,
        call: _Call,
        item_type: type[T],
        options: RequestOptions | None,
    ) -> SyncPage[T]:
        def fetch(offset: int, limit: int | None) -> SyncPage[T]:
            next_call = self._next_page_call(call, offset, limit, options)
            return self._page(self._send(next_call), next_call, item_type, options)

        page = parse_page(response, item_type, call.operation, call.strict)
        return SyncPage(page, fetch, call.request.url, call.operation)

    def _send(self, call: _Call) -> httpx.Response:
        """Send with retries; return the 2xx answer or raise the matching error.

        With a deadline, no retry starts that its wait would push past it, and each
        attempt's connect, write, pool and read timeouts are cut to the time left.
        """
        attempt = 0
        while True:
            self._log_request(call, attempt)
            if call.deadline is not None:
                _cap_timeouts(call.request, call.deadline)
            try:
                response = self._http.send(call.request)
            except httpx.RequestError as error:
                delay = self._retry_delay(call, attempt, error=error)
                if delay is None:
                    raise self._transport_error(call, error) from error
            else:
                self._log_response(call, response)
                delay = self._retry_delay(call, attempt, response=response)
                if delay is None:
                    raise_for_status(response, call.operation, self.api_key)
                    return response
            self._sleep(delay)
            attempt += 1


class AsyncAPIClient(_BaseClient[httpx.AsyncClient]):
    """Asynchronous twin of :class:`SyncAPIClient`; use ``async with`` or :meth:`aclose`.

    Its connections belong to the event loop it first sends on: used from another loop (a
    second ``asyncio.run``), it raises :class:`EventLoopError`. A pool it made itself is
    closed when that loop shuts down (``asyncio.run`` ends), so no socket outlives the loop.
    """

    _loop: object = None
    _loop_guard: AsyncGenerator[None, None] | None = None

    def __init__(
        self,
        api_key: str | None = None,
        *,
        environment: Environment | None = None,
        base_url: str | None = None,
        auth_scheme: AuthScheme = "App",
        webhook_key: str | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        strict_responses: bool = False,
        http_client: httpx.AsyncClient | None = None,
        sleep: Callable[[float], Awaitable[None]] | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(
            api_key,
            environment=environment,
            base_url=base_url,
            auth_scheme=auth_scheme,
            webhook_key=webhook_key,
            timeout=timeout,
            max_retries=max_retries,
            strict_responses=strict_responses,
            http_client=http_client,
            clock=clock,
        )
        if sleep is None:
            import asyncio  # only async users pay for importing asyncio

            sleep = asyncio.sleep
        self._sleep: Callable[[float], Awaitable[None]] = sleep

    def _new_http(self, timeout: float | httpx.Timeout) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            timeout=_as_timeout(timeout), follow_redirects=False, limits=DEFAULT_LIMITS
        )

    def copy(self, **changes: Unpack[_AsyncClientOptions]) -> Self:
        """A new client with ``changes`` applied; see :meth:`SyncAPIClient.copy`."""
        return type(self)(**self._copy_options(changes, self._sleep))

    with_options = copy

    async def aclose(self) -> None:
        """Close the connection pool, unless it was passed in as ``http_client``.

        From another event loop than the pool's, nothing is awaited: the pool was closed
        with its loop, or cannot be closed from here.
        """
        if not self._owns_http or self._http_client is None:
            return
        loop = _running_loop()
        bound = _POOL_LOOPS.get(self._http_client)
        if bound is not None and loop is not None and bound() is not loop:
            return
        guard, self._loop_guard = self._loop_guard, None
        if guard is not None:
            await guard.aclose()
        await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def _request(
        self,
        request: Request,
        *,
        cast_to: type[T],
        options: RequestOptions | None = None,
    ) -> T:
        """Send ``request`` and parse the answer as ``cast_to``."""
        raw = take_raw_mode()
        call = self._prepare(request, options)
        response = await self._send(call)
        return raw_or_parsed(
            raw, response, lambda r: parse_response(r, cast_to, call.operation, call.strict)
        )

    async def _request_page(
        self,
        request: Request,
        *,
        item_type: type[T],
        options: RequestOptions | None = None,
    ) -> AsyncPage[T]:
        """Send a list ``request``; the page follows ``next`` links with the same options."""
        raw = take_raw_mode()
        call = self._prepare(request, options)
        response = await self._send(call)
        return raw_or_parsed(raw, response, lambda r: self._page(r, call, item_type, options))

    async def _request_ddl(
        self,
        request: Request,
        *,
        text: str | Sequence[str],
        value: str,
        distinct: bool = False,
        page_size: int = DDL_PAGE_SIZE,
        options: RequestOptions | None = None,
    ) -> list[DdlOption]:
        """Drop-down options from every page; see :meth:`SyncAPIClient._request_ddl`."""
        take_raw_mode()
        page = await self._request_page(
            self._ddl_request(request, page_size), item_type=dict, options=options
        )
        return await async_ddl_options(page, text, value, distinct=distinct)

    @checked
    async def raw_request(
        self,
        method: str,
        endpoint: str,
        *,
        query: Mapping[str, object] | None = None,
        body_type: Literal["none", "json", "form", "raw"] = "none",
        body: object = None,
        headers: Mapping[str, str] | None = None,
        options: RequestOptions | None = None,
    ) -> APIResponse[Any]:
        """Raw HTTP request (advanced); see :meth:`SyncAPIClient.raw_request`."""
        take_raw_mode()
        call = self._prepare_raw(method, endpoint, query, body_type, body, headers, options)
        response = await self._send(call)
        return APIResponse(response, lambda r: parse_response(r, object, call.operation))

    def _page(
        self,
        response: httpx.Response,
        call: _Call,
        item_type: type[T],
        options: RequestOptions | None,
    ) -> AsyncPage[T]:
        async def fetch(offset: int, limit: int | None) -> AsyncPage[T]:
            next_call = self._next_page_call(call, offset, limit, options)
            return self._page(await self._send(next_call), next_call, item_type, options)

        page = parse_page(response, item_type, call.operation, call.strict)
        return AsyncPage(page, fetch, call.request.url, call.operation)

    async def _send(self, call: _Call) -> httpx.Response:
        """Send with retries; return the 2xx answer or raise the matching error.

        With a deadline, as :meth:`SyncAPIClient._send`, and each attempt is also cancelled
        when the deadline passes, whatever the server trickles.
        """
        if _running_loop() is not self._loop:
            await self._bind_loop()
        attempt = 0
        while True:
            self._log_request(call, attempt)
            try:
                if call.deadline is None:
                    response = await self._http.send(call.request)
                else:
                    response = await self._send_before_deadline(call, call.deadline)
            except httpx.RequestError as error:
                delay = self._retry_delay(call, attempt, error=error)
                if delay is None:
                    raise self._transport_error(call, error) from error
            else:
                self._log_response(call, response)
                delay = self._retry_delay(call, attempt, response=response)
                if delay is None:
                    raise_for_status(response, call.operation, self.api_key)
                    return response
            await self._sleep(delay)
            attempt += 1

    async def _send_before_deadline(self, call: _Call, deadline: float) -> httpx.Response:
        import anyio  # httpx's own dependency; only calls with a deadline load it

        request = _cap_timeouts(call.request, deadline)
        try:
            with anyio.fail_after(max(deadline - time.monotonic(), 0.0)):
                return await self._http.send(request)
        except TimeoutError:
            raise httpx.ReadTimeout("cancelled at the deadline", request=request) from None

    async def _bind_loop(self) -> None:
        """Tie this client's pool to the running event loop, or refuse another loop's pool.

        The first send of a pool binds it to its loop; a pool this client made is then
        closed when that loop shuts down (an async generator the loop finalises, as
        ``asyncio.run`` does at its end), so that its sockets do not outlive the loop.
        """
        loop = _running_loop()
        http = self._http
        bound = _POOL_LOOPS.get(http)
        if bound is None:
            _POOL_LOOPS[http] = _weak(loop)
            if self._owns_http and loop is not None:
                self._loop_guard = _close_with_loop(http)
                await anext(self._loop_guard)
        elif bound() is not loop:
            raise EventLoopError(
                f"{type(self).__name__}: this client's connections belong to the event loop "
                "it was first used on, not to the one running now (each asyncio.run() "
                "starts a new loop); create the client inside the loop that uses it: "
                "`async with AsyncLeafLink() as client:` in your main coroutine"
            )
        self._loop = loop


_POOL_LOOPS: weakref.WeakKeyDictionary[httpx.AsyncClient, Callable[[], object]] = (
    weakref.WeakKeyDictionary()
)
"""The event loop each async pool was first used on (weakly: a finished loop may go)."""


def _running_loop() -> asyncio.AbstractEventLoop | None:
    """The running asyncio loop; None under another async library (trio), or no loop."""
    module = sys.modules.get("asyncio")  # not imported: no asyncio loop can be running
    if module is None:
        return None
    try:
        return module.get_running_loop()  # type: ignore[no-any-return]
    except RuntimeError:
        return None


def _weak(loop: object) -> Callable[[], object]:
    try:
        return weakref.ref(loop)
    except TypeError:  # a loop type without weak references
        return lambda: loop


async def _close_with_loop(http: httpx.AsyncClient) -> AsyncGenerator[None, None]:
    """Suspended once started; closing it (the client's ``aclose``, or the loop finalising
    its async generators at shutdown) closes ``http`` on its own loop."""
    try:
        yield
    finally:
        await http.aclose()


def _cap_timeouts(request: httpx.Request, deadline: float) -> httpx.Request:
    """Cut each of ``request``'s timeouts (connect, read, write, pool) to the time left."""
    left = max(deadline - time.monotonic(), 0.001)
    timeouts: dict[str, float | None] = request.extensions.get("timeout", {})
    request.extensions["timeout"] = {
        name: left if seconds is None else min(seconds, left) for name, seconds in timeouts.items()
    }
    return request


class _ClientOptions(TypedDict, total=False):
    api_key: str
    environment: Environment
    base_url: str | None
    auth_scheme: AuthScheme
    webhook_key: str | None
    timeout: float | httpx.Timeout
    max_retries: int
    strict_responses: bool
    clock: Callable[[], float]


class _SyncClientOptions(_ClientOptions, total=False):
    http_client: httpx.Client | None
    sleep: Callable[[float], None]


class _AsyncClientOptions(_ClientOptions, total=False):
    http_client: httpx.AsyncClient | None
    sleep: Callable[[float], Awaitable[None]]


@functools.lru_cache(maxsize=1024)
def _parsed_url(url: str) -> httpx.URL:
    """``httpx.URL(url)``, parsed once per distinct URL (URLs are immutable)."""
    return httpx.URL(url)


def _as_timeout(timeout: float | httpx.Timeout) -> httpx.Timeout:
    return timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)


def _masked(headers: httpx.Headers) -> dict[str, str]:
    """Headers for logs: ``Authorization: App ***``, cookies as ``***``."""
    masked = dict(headers.items())
    for name, value in masked.items():
        if name.lower() in _SECRET_HEADERS:
            scheme = value.split(" ", 1)[0] if name.lower().endswith("authorization") else ""
            masked[name] = f"{scheme} ***".lstrip() if " " in value else "***"
    return masked


def _normalize_base_url(url: str) -> str:
    parsed = httpx.URL(url)
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise ValueError(f"base_url must be an absolute http(s) URL, not {url!r}")
    if parsed.query or parsed.fragment:
        raise ValueError("base_url must not have a query string or fragment")
    return str(parsed).rstrip("/")
