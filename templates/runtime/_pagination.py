"""LeafLink list pages, iterated lazily across ``next`` links, and drop-down (DDL) options.

A LeafLink list answer is ``{"count", "next", "previous", "results"}``, where ``next`` and
``previous`` are absolute URLs (limit/offset) or null. Iterating a page yields every item of
every page, fetching the next page only when the current one is used up.
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
from typing import Any, Generic, TypedDict, TypeVar, cast

import httpx
import pydantic
import typing_extensions

from ._response import decode_json, validate_as
from ._tolerant import ResponseMismatch, json_type, remember, report, type_adapter

__all__ = [
    "AsyncPage",
    "DdlOption",
    "PageData",
    "SyncPage",
    "async_ddl_options",
    "ddl_options",
    "parse_page",
]

T = TypeVar("T")


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
    ) -> None:
        self.count = count
        self.next = next
        self.previous = previous
        self.results = results
        self.received = received
        self.mismatches = mismatches


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
    data = decode_json(response, operation, strict)
    envelope_type = _envelope(item_type)
    try:
        envelope: _Envelope[T] = type_adapter(envelope_type).validate_python(data)
    except pydantic.ValidationError:
        if strict:  # raises, naming the first bad field
            validate_as(
                data, envelope_type, response=response, operation=operation, strict=True
            )
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
    )


_NAMES = {"count": "int | None", "next": "str | None", "previous": "str | None"}


class SyncPage(Generic[T]):
    """One page of a list; iterating it yields every item of this and all later pages."""

    def __init__(self, data: PageData[T], fetch: Callable[[str], SyncPage[T]]) -> None:
        self.count: int = data.count
        self.next: str | None = data.next
        self.previous: str | None = data.previous
        self.results: list[T] = data.results
        self._fetch = fetch
        remember(self, data.received, data.mismatches)

    def has_next_page(self) -> bool:
        """Whether LeafLink announced a next page."""
        return bool(self.next)

    def get_next_page(self) -> SyncPage[T]:
        """Fetch the next page (same client, retries and per-call options)."""
        if not self.next:
            raise RuntimeError("this is the last page; check has_next_page() first")
        return self._fetch(self.next)

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
        return f"<SyncPage count={self.count} results={len(self.results)} next={self.next!r}>"


class AsyncPage(Generic[T]):
    """One page of a list; ``async for`` yields every item of this and all later pages."""

    def __init__(
        self, data: PageData[T], fetch: Callable[[str], Awaitable[AsyncPage[T]]]
    ) -> None:
        self.count: int = data.count
        self.next: str | None = data.next
        self.previous: str | None = data.previous
        self.results: list[T] = data.results
        self._fetch = fetch
        remember(self, data.received, data.mismatches)

    def has_next_page(self) -> bool:
        """Whether LeafLink announced a next page."""
        return bool(self.next)

    async def get_next_page(self) -> AsyncPage[T]:
        """Fetch the next page (same client, retries and per-call options)."""
        if not self.next:
            raise RuntimeError("this is the last page; check has_next_page() first")
        return await self._fetch(self.next)

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
        return f"<AsyncPage count={self.count} results={len(self.results)} next={self.next!r}>"


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
        label = " ".join(
            str(part) for part in labels if part is not None and part != ""
        )
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
