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
    Sequence,
)
from enum import Enum
from typing import Any, Generic, TypedDict, TypeVar

import httpx
import pydantic
import typing_extensions

from ._response import parse_response

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
    """The parsed envelope of one page."""

    def __init__(
        self, count: int, next: str | None, previous: str | None, results: list[T]
    ) -> None:
        self.count = count
        self.next = next
        self.previous = previous
        self.results = results


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
    response: httpx.Response, item_type: type[T], operation: str
) -> PageData[T]:
    """Parse a list answer; items become ``item_type`` (plain dicts for ``dict``/``object``).

    The envelope and its items are validated in one pass; a bad item is named by its
    index (``results.3.id``).
    """
    envelope: _Envelope[T] = parse_response(response, _envelope(item_type), operation)
    results = envelope["results"]
    count = envelope.get("count")
    return PageData(
        len(results) if count is None else count,
        envelope.get("next"),
        envelope.get("previous"),
        results,
    )


class SyncPage(Generic[T]):
    """One page of a list; iterating it yields every item of this and all later pages."""

    def __init__(self, data: PageData[T], fetch: Callable[[str], SyncPage[T]]) -> None:
        self.count: int = data.count
        self.next: str | None = data.next
        self.previous: str | None = data.previous
        self.results: list[T] = data.results
        self._fetch = fetch

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
