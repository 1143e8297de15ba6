"""Encoding a request for LeafLink: path parameters, query strings, bodies and raw endpoints."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from enum import Enum
from typing import IO, Any, TypeAlias
from urllib.parse import quote, unquote

import httpx
import pydantic
import pydantic_core

__all__ = [
    "FileContent",
    "encode_files",
    "encode_form",
    "encode_query",
    "encode_raw_body",
    "encode_scalar",
    "expand_path",
    "jsonable",
    "normalize_endpoint",
    "same_origin",
]

FileContent: TypeAlias = (
    bytes | IO[bytes] | tuple[str, bytes | IO[bytes]] | tuple[str, bytes | IO[bytes], str]
)
"""A file to upload: bytes or a binary file, or ``(filename, content[, content_type])``."""

_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def expand_path(template: str, params: Mapping[str, object], operation: str) -> str:
    """Fill ``{name}`` placeholders, each value percent-encoded as exactly one path segment.

    ``"../admin"`` becomes ``..%2Fadmin`` and a bare ``..`` becomes ``%2E%2E``, so a value can
    never climb out of the operation's path. The result starts and ends with ``/``.
    """

    def segment(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in params or params[name] is None:
            raise ValueError(f"{operation}: missing path parameter {name!r}")
        value = quote(encode_scalar(params[name]), safe="")
        if value == "":
            raise ValueError(f"{operation}: path parameter {name!r} is empty")
        return value.replace(".", "%2E") if value.strip(".") == "" else value

    path = _PLACEHOLDER.sub(segment, template)
    return _with_slashes(path)


def encode_scalar(value: object) -> str:
    """Render one value as LeafLink expects it in a URL or form field.

    An enum member is its value; a boolean ``true`` or ``false``; a ``date`` ``YYYY-MM-DD``;
    a ``datetime`` ISO 8601 with its UTC offset (``2026-01-02T03:04:05+02:00``). A naive
    ``datetime`` (no ``tzinfo``) is taken to be UTC and sent with ``+00:00``: LeafLink would
    otherwise read it in a server time zone it does not document. Anything else is ``str()``,
    so a string (an ISO 8601 date a caller wrote) goes as it is.
    """
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime) and value.utcoffset() is None:
        value = value.replace(tzinfo=datetime.timezone.utc)
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)


def encode_query(query: Mapping[str, object]) -> dict[str, str]:
    """Query parameters as LeafLink's (Django-filter) list filters read them.

    None values are dropped; a list, tuple or set is one comma-separated value
    (``{"brand__in": [1, 2]}`` -> ``brand__in=1,2``: OpenAPI's ``style: form, explode:
    false``), each item written by :func:`encode_scalar`, as a single value is (booleans
    ``true``/``false``, dates ISO 8601). An empty list raises ``ValueError``: LeafLink would
    read ``brand__in=`` as no filter at all and answer with everything. LeafLink splits a
    list on every comma, so an item cannot itself hold one.
    """
    params: dict[str, str] = {}
    for key, value in query.items():
        if isinstance(value, (list, tuple, set, frozenset)):
            if not value:
                raise ValueError(
                    f"query parameter {key!r} is an empty list: LeafLink would not filter "
                    "by it at all; leave it out instead"
                )
            params[key] = ",".join(encode_scalar(item) for item in value)
        elif value is not None:
            params[key] = encode_scalar(value)
    return params


def encode_form(data: Mapping[str, object]) -> dict[str, str | list[str]]:
    """Form fields: None values dropped, lists sent as repeated fields."""
    fields: dict[str, str | list[str]] = {}
    for key, value in data.items():
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            fields[key] = [encode_scalar(item) for item in value]
        else:
            fields[key] = encode_scalar(value)
    return fields


def encode_files(files: Mapping[str, object]) -> dict[str, Any]:
    """Multipart file fields (see :data:`FileContent`), None values dropped."""
    return {key: value for key, value in files.items() if value is not None}


def jsonable(value: object) -> object:
    """A JSON-ready copy of ``value``; pydantic models keep only the fields that were set."""
    if isinstance(value, pydantic.BaseModel):
        return value.model_dump(mode="json", exclude_unset=True, by_alias=True)
    if isinstance(value, Mapping):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(item) for item in value]
    return pydantic_core.to_jsonable_python(value)


def encode_raw_body(body_type: str, body: object) -> dict[str, Any]:
    """httpx body arguments for ``raw_request``: body_type none, json, form or raw."""
    if body_type == "none":
        if body is not None:
            raise ValueError("a body was given with body_type 'none'")
        return {}
    if body_type == "json":
        return {"json": jsonable(body)}
    if body_type == "form":
        if not isinstance(body, Mapping):
            raise ValueError("body_type 'form' needs a mapping of fields")
        return {"data": encode_form(body)}
    if body_type == "raw":
        if isinstance(body, str):
            return {"content": body.encode()}
        if isinstance(body, bytes):
            return {"content": body}
        raise ValueError("body_type 'raw' needs bytes or str")
    raise ValueError(f"unknown body_type {body_type!r}; expected none, json, form or raw")


def normalize_endpoint(endpoint: str) -> str:
    """Check a raw endpoint suffix and give it a leading and a trailing slash.

    Refuses (``ValueError``) absolute URLs, ``//host``, ``..`` (even percent-encoded),
    backslashes, fragments, whitespace and control characters. The trailing slash LeafLink
    requires is added before any query string: ``products?limit=5`` -> ``/products/?limit=5``.
    """
    if not endpoint:
        raise ValueError("endpoint is empty")
    if _SCHEME.match(endpoint) or endpoint.startswith("//"):
        raise ValueError(f"endpoint must be a path under the base URL, not {endpoint!r}")
    if any(char in endpoint for char in "\\#") or any(
        ord(c) <= 0x20 or ord(c) == 0x7F for c in endpoint
    ):
        raise ValueError(f"endpoint contains a forbidden character: {endpoint!r}")
    path, question, query = endpoint.partition("?")
    if ".." in unquote(unquote(path)):
        raise ValueError(f"endpoint must not contain '..': {endpoint!r}")
    return _with_slashes(path) + question + query


def same_origin(url: httpx.URL, other: httpx.URL) -> bool:
    """Whether two URLs share scheme, host and (effective) port."""
    return _origin(url) == _origin(other)


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    default_port = {"http": 80, "https": 443}.get(url.scheme)
    return url.scheme, url.host, url.port or default_port


def _with_slashes(path: str) -> str:
    path = path if path.startswith("/") else "/" + path
    return path if path.endswith("/") else path + "/"
