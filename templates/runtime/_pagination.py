"""LeafLink list pages, iterated lazily page after page, and drop-down (DDL) options.

A LeafLink list answer is ``{"count", "next", "previous", "results"}``, where ``next`` and
``previous`` are absolute URLs (limit/offset) or null. Iterating a page yields every item of
every page, fetching the next page only when the current one is used up.

The ``next`` link says *that* there is a next page and *where* it starts, never *which host*
serves it: links name other hosts (mocks, documentation examples) or ``http://`` behind
TLS-terminating proxies. So the next page is always requested from the client's own base
URL and the operation's own path, with the first request's query (filters, ``extra_query``)
kept and only ``limit``/``offset`` changed (see :func:`next_position`):

* ``offset`` and ``limit`` come from the link when it has them; else the offset is this
  page's offset plus its number of items, and the limit stays as it was;
* the walk ends when ``next`` is null, when a page is empty, or when the next offset
  reaches ``count``;
* a next offset that is not past this page's own (the page itself, or one before it) raises
  :class:`PaginationLoopError` instead of walking in circles; so does a next page holding
  exactly the items of the page before it (a server, or a mock, that ignores ``offset``
  while claiming millions of items would otherwise be walked for hours).
"""

from __future__ import annotations

from collections.abc import (
    AsyncIterable,
    AsyncIterator,
    Awaitable,
    Callable,
    Hashable,
    Iterable,
    Iterator,
    Mapping,
    Sequence,
)
from enum import Enum
from typing import Any, Generic, NamedTuple, TypedDict, TypeVar, cast
from urllib.parse import parse_qs, urlsplit

import httpx
import pydantic
import typing_extensions

from ._exceptions import PaginationLoopError
from ._response import decode_json, mismatch_error, validate_as
from ._tolerant import ResponseMismatch, json_type, remember, report, type_adapter

__all__ = [
    "DDL_PAGE_SIZE",
    "AsyncPage",
    "DdlOption",
    "PageData",
    "PagePosition",
    "SyncPage",
    "async_ddl_options",
    "ddl_options",
    "next_position",
    "parse_page",
]

T = TypeVar("T")

DDL_PAGE_SIZE = 100
"""Items per page a drop-down asks for while it walks every page (its ``page_size``)."""


class PageData(Generic[T]):
    """The parsed envelope of one page, the JSON it came from and what did not fit."""

    def __init__(
        self,
        count: int,
        next: str | None,
        previous: str | None,
        results: list[T],
        received: object = None,
        mismatches: tuple[ResponseMismatch, ...] = (),
        count_reported: bool = True,
    ) -> None:
        self.count = count
        self.next = next
        self.previous = previous
        self.results = results
        self.received = received
        self.mismatches = mismatches
        self.count_reported = count_reported
        """False when the answer had no usable ``count`` (``count`` is then the page's length)."""


class _Envelope(typing_extensions.TypedDict, Generic[T]):
    """A list answer as validated: a TypedDict (pydantic's choice below Python 3.12), whose
    definition, unlike a model's, builds nothing at import time."""

    count: typing_extensions.NotRequired[int | None]
    next: typing_extensions.NotRequired[str | None]
    previous: typing_extensions.NotRequired[str | None]
    results: list[T]


def _envelope(item_type: Any) -> Any:
    """The envelope whose ``results`` are ``item_type`` (plain JSON for ``dict``/``object``).

    typing caches the parametrised alias, and `validate_as` the validator built for it.
    """
    return _Envelope[Any] if item_type in (dict, object, Any) else _Envelope[item_type]


def parse_page(
    response: httpx.Response, item_type: type[T], operation: str, strict: bool = False
) -> PageData[T]:
    """Parse a list answer; items become ``item_type`` (plain dicts for ``dict``/``object``).

    The envelope and its items are validated in one pass; strict, a bad item is named by
    its index (``results.3.id``). Tolerant, a page that does not fit is parsed again part
    by part: each item on its own, a bad ``count`` replaced by the number of items, a bad
    link by None; every item still remembers the JSON it came from.
    """
    data, not_json = decode_json(response, operation, strict)
    if not_json:  # an empty page holding the text
        return PageData(0, None, None, [], data, not_json, count_reported=False)
    envelope_type = _envelope(item_type)
    try:
        envelope: _Envelope[T] = type_adapter(envelope_type).validate_python(data)
    except pydantic.ValidationError as error:
        if strict:
            raise mismatch_error(error, response, operation) from None
        return _tolerant_page(data, item_type, response, operation)
    results = envelope["results"]
    if item_type not in (dict, object, Any):
        for item, item_data in zip(results, cast(dict[str, Any], data)["results"]):
            remember(item, item_data)
    count = envelope.get("count")
    return PageData(
        len(results) if count is None else count,
        envelope.get("next"),
        envelope.get("previous"),
        results,
        data,
        count_reported=count is not None,
    )


def _tolerant_page(
    data: object, item_type: type[T], response: httpx.Response, operation: str
) -> PageData[T]:
    found: list[ResponseMismatch] = []

    def part(key: str, type_: Any, value: object, default: object) -> Any:
        try:
            return type_adapter(type_).validate_python(value)
        except pydantic.ValidationError:
            found.append(ResponseMismatch(operation, key, _NAMES[key], json_type(value)))
            return default

    envelope = data if isinstance(data, Mapping) else {}
    if not isinstance(data, Mapping):
        found.append(ResponseMismatch(operation, "", "a page object", json_type(data)))
    items = envelope.get("results", [])
    if not isinstance(items, list):
        found.append(ResponseMismatch(operation, "results", "list", json_type(items)))
        items = []
    results = [
        validate_as(
            item,
            item_type,
            response=response,
            operation=operation,
            path=("results", index),
        )
        for index, item in enumerate(items)
    ]
    count = part("count", int | None, envelope.get("count"), None)
    next_link = part("next", str | None, envelope.get("next"), None)
    previous_link = part("previous", str | None, envelope.get("previous"), None)
    report(found)
    return PageData(
        len(results) if count is None else count,
        next_link,
        previous_link,
        results,
        data,
        tuple(found),
        count_reported=count is not None,
    )


_NAMES = {"count": "int | None", "next": "str | None", "previous": "str | None"}


class PagePosition(NamedTuple):
    """Where a page starts: its ``offset``, and the ``limit`` to ask for (None: unchanged)."""

    offset: int
    limit: int | None


def next_position(
    link: str | None, offset: int, length: int, count: int | None
) -> PagePosition | None:
    """Where the page after one at ``offset`` holding ``length`` items starts; None at the end.

    The end: no ``link``, an empty page, or a next offset at or past ``count`` (None: the
    answer had no count). ``offset`` and ``limit`` are the link's when it has them as
    integers; else the offset is ``offset + length`` and the limit None (unchanged). The
    link's scheme, host and path are not used.
    """
    if not link or length <= 0:
        return None
    params = _query_of(link)
    following = _natural(params.get("offset"), minimum=0)
    if following is None:
        following = offset + length
    if count is not None and following >= count:
        return None
    return PagePosition(following, _natural(params.get("limit"), minimum=1))


def page_offset(url: httpx.URL | None) -> int:
    """The offset a page was requested at (0 when its request named none)."""
    if url is None:
        return 0
    found = _natural(url.params.get("offset"), minimum=0)
    return 0 if found is None else found


def _query_of(link: str) -> dict[str, list[str]]:
    try:
        return parse_qs(urlsplit(link).query)
    except ValueError:  # a malformed link (say, an unclosed IPv6 bracket): no parameters
        return {}


def _natural(value: str | list[str] | None, *, minimum: int) -> int | None:
    """The integer a query parameter holds (its last value), if it is one >= ``minimum``."""
    if isinstance(value, list):
        value = value[-1] if value else None
    if value is None or not value.isascii() or not value.strip().isdigit():
        return None
    number = int(value)
    return number if number >= minimum else None


class _PageBase(Generic[T]):
    """What sync and async pages share: the envelope, and where the next page starts."""

    def __init__(self, data: PageData[T], url: httpx.URL | None, operation: str) -> None:
        self.count: int = data.count
        self.next: str | None = data.next
        self.previous: str | None = data.previous
        self.results: list[T] = data.results
        self._count_reported = data.count_reported
        self._received = data.received
        self._url = url
        self._operation = operation
        remember(self, data.received, data.mismatches)

    def has_next_page(self) -> bool:
        """Whether there is a next page: LeafLink announced one (``next``), this page is not
        empty, and the next offset is below ``count``."""
        return self._following() is not None

    def _following(self) -> PagePosition | None:
        return next_position(
            self.next,
            page_offset(self._url),
            len(self.results),
            self.count if self._count_reported else None,
        )

    def _next_or_raise(self) -> PagePosition:
        position = self._following()
        if position is None:
            raise RuntimeError("this is the last page; check has_next_page() first")
        offset = page_offset(self._url)
        if position.offset <= offset:
            seen = "this very page" if position.offset == offset else "a page before it"
            raise PaginationLoopError(
                f"{self._operation}: the page at offset {offset} gives as its next page "
                f"offset {position.offset} ({seen}, already fetched) in its link "
                f"{self.next!r}: stopping the walk rather than fetching it again",
                request=_request_at(self._url),
                operation=self._operation,
                offset=offset,
                next_offset=position.offset,
                next=self.next,
            )
        return position

    def _check_moved_on(self, following: _PageBase[T]) -> None:
        """Refuse a next page that holds exactly this page's items: offset was ignored."""
        mine = _results_of(self._received)
        if not mine or mine != _results_of(following._received):
            return
        offset, next_offset = page_offset(self._url), page_offset(following._url)
        raise PaginationLoopError(
            f"{self._operation}: the page at offset {next_offset} holds the same "
            f"{len(mine)} items as the page at offset {offset} before it (is offset "
            "ignored?): stopping the walk rather than repeating them",
            request=_request_at(following._url),
            operation=self._operation,
            offset=offset,
            next_offset=next_offset,
            next=self.next,
        )

    def _describe(self) -> str:
        return f"count={self.count} results={len(self.results)} next={self.next!r}"


def _results_of(received: object) -> list[object] | None:
    """The ``results`` JSON array of a page as received (None when it is not an array)."""
    if isinstance(received, Mapping):
        results = received.get("results")
        if isinstance(results, list):
            return results
    return None


def _request_at(url: httpx.URL | None) -> httpx.Request | None:
    return None if url is None else httpx.Request("GET", url)


class SyncPage(_PageBase[T]):
    """One page of a list; iterating it yields every item of this and all later pages.

    ``fetch(offset, limit)`` fetches the page at ``offset`` (``limit`` None: as before) on
    the client's base URL and this list's path; ``url`` is where this page was fetched.
    """

    def __init__(
        self,
        data: PageData[T],
        fetch: Callable[[int, int | None], SyncPage[T]],
        url: httpx.URL | None = None,
        operation: str = "list",
    ) -> None:
        super().__init__(data, url, operation)
        self._fetch = fetch

    def get_next_page(self) -> SyncPage[T]:
        """Fetch the next page (same client, path, query, retries and per-call options).

        Raises :class:`PaginationLoopError` when the next page would be one already fetched,
        or holds the same items as this one.
        """
        position = self._next_or_raise()
        page = self._fetch(position.offset, position.limit)
        self._check_moved_on(page)
        return page

    def iter_pages(self) -> Iterator[SyncPage[T]]:
        """Yield this page, then each following page as it is fetched."""
        page = self
        yield page
        while page.has_next_page():
            page = page.get_next_page()
            yield page

    def __iter__(self) -> Iterator[T]:
        for page in self.iter_pages():
            yield from page.results

    def items(self, max_items: int | None = None) -> Iterator[T]:
        """Yield items across pages, at most ``max_items``; no page is fetched past the cap."""
        if max_items is None:
            yield from self
            return
        remaining = max_items
        if remaining <= 0:
            return
        for page in self.iter_pages():
            for item in page.results:
                yield item
                remaining -= 1
                if remaining == 0:
                    return

    def __repr__(self) -> str:
        return f"<SyncPage {self._describe()}>"


class AsyncPage(_PageBase[T]):
    """One page of a list; ``async for`` yields every item of this and all later pages."""

    def __init__(
        self,
        data: PageData[T],
        fetch: Callable[[int, int | None], Awaitable[AsyncPage[T]]],
        url: httpx.URL | None = None,
        operation: str = "list",
    ) -> None:
        super().__init__(data, url, operation)
        self._fetch = fetch

    async def get_next_page(self) -> AsyncPage[T]:
        """Fetch the next page (same client, path, query, retries and per-call options).

        Raises :class:`PaginationLoopError` when the next page would be one already fetched,
        or holds the same items as this one.
        """
        position = self._next_or_raise()
        page = await self._fetch(position.offset, position.limit)
        self._check_moved_on(page)
        return page

    async def iter_pages(self) -> AsyncIterator[AsyncPage[T]]:
        """Yield this page, then each following page as it is fetched."""
        page = self
        yield page
        while page.has_next_page():
            page = await page.get_next_page()
            yield page

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.iter_pages():
            for item in page.results:
                yield item

    async def items(self, max_items: int | None = None) -> AsyncIterator[T]:
        """Yield items across pages, at most ``max_items``; no page is fetched past the cap."""
        remaining = max_items
        if remaining is not None and remaining <= 0:
            return
        async for page in self.iter_pages():
            for item in page.results:
                yield item
                if remaining is not None:
                    remaining -= 1
                    if remaining == 0:
                        return

    def __repr__(self) -> str:
        return f"<AsyncPage {self._describe()}>"


class DdlOption(TypedDict):
    """One drop-down option: the label shown and the value stored."""

    text: str
    value: object


def ddl_options(
    items: Iterable[object],
    text: str | Sequence[str],
    value: str,
    *,
    distinct: bool = False,
) -> list[DdlOption]:
    """Drop-down options from dicts or models, such as every item of a :class:`SyncPage`.

    ``value`` names the field stored and ``text`` the label field, or several joined by
    spaces (``["first_name", "last_name"]``); names may be dotted (``company.id``). Items
    whose value is None are skipped; a missing label falls back to the value. With
    ``distinct``, each value appears once (its first label wins).
    """
    builder = _DdlBuilder(text, value, distinct)
    for item in items:
        builder.add(item)
    return builder.options


async def async_ddl_options(
    items: AsyncIterable[object],
    text: str | Sequence[str],
    value: str,
    *,
    distinct: bool = False,
) -> list[DdlOption]:
    """:func:`ddl_options` over an async iterable, such as an :class:`AsyncPage`."""
    builder = _DdlBuilder(text, value, distinct)
    async for item in items:
        builder.add(item)
    return builder.options


class _DdlBuilder:
    def __init__(self, text: str | Sequence[str], value: str, distinct: bool) -> None:
        self.text_fields = [text] if isinstance(text, str) else list(text)
        self.value_field = value
        self.distinct = distinct
        self.seen: set[object] = set()
        self.options: list[DdlOption] = []

    def add(self, item: object) -> None:
        stored = _field(item, self.value_field)
        if stored is None:
            return
        if self.distinct:
            key = stored if isinstance(stored, Hashable) else repr(stored)
            if key in self.seen:
                return
            self.seen.add(key)
        labels = [_field(item, name) for name in self.text_fields]
        label = " ".join(str(part) for part in labels if part is not None and part != "")
        self.options.append({"text": label or str(stored), "value": stored})


def _field(item: object, path: str) -> object:
    for name in path.split("."):
        if item is None:
            return None
        if isinstance(item, dict):
            item = item.get(name)
        elif isinstance(item, pydantic.BaseModel):
            item = getattr(item, _attribute_name(type(item), name), None)
        else:
            item = getattr(item, name, None)
    return item.value if isinstance(item, Enum) else item


def _attribute_name(model: type[pydantic.BaseModel], name: str) -> str:
    if name in model.model_fields:
        return name
    for attribute, info in model.model_fields.items():
        if info.alias == name:
            return attribute
    return name
