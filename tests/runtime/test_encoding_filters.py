"""`encode_query` and `encode_scalar`: LeafLink's list filters, dates and booleans as query values.

LeafLink's filters follow Django-filter: a list is one comma-separated value (`brand__in=1,2`,
OpenAPI's `style: form, explode: false`), booleans are `true`/`false`, dates ISO 8601.
"""

from __future__ import annotations

import datetime as dt
import enum

import httpx
import pytest

from _leaflink_runtime._encoding import encode_query, encode_scalar

EAST = dt.timezone(dt.timedelta(hours=5, minutes=30))
WEST = dt.timezone(dt.timedelta(hours=-7))


class Status(enum.Enum):
    ACCEPTED = "Accepted"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc), "2026-01-02T03:04:05+00:00"),
        (
            dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=EAST),
            "2026-01-02T03:04:05+05:30",
        ),  # offset kept,
        (
            dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=WEST),
            "2026-01-02T03:04:05-07:00",
        ),  # not converted
        (
            dt.datetime(2026, 1, 2, 3, 4, 5, 600, tzinfo=dt.timezone.utc),
            "2026-01-02T03:04:05.000600+00:00",
        ),
        (dt.datetime(2026, 1, 2, 3, 4, 5), "2026-01-02T03:04:05+00:00"),  # naive: taken as UTC
        (dt.datetime(2026, 1, 2), "2026-01-02T00:00:00+00:00"),
        (dt.date(2026, 1, 2), "2026-01-02"),
        ("2026-01-02T03:04:05", "2026-01-02T03:04:05"),  # a string goes as it is
        (True, "true"),
        (False, "false"),
        (0, "0"),
        (12, "12"),
        (1.5, "1.5"),
        (Status.ACCEPTED, "Accepted"),
    ],
)
def test_encode_scalar(value: object, text: str) -> None:
    assert encode_scalar(value) == text


def test_lists_are_one_comma_separated_value() -> None:
    assert encode_query(
        {
            "brand__in": [1, 2],
            "ids": (3,),
            "status": ["Accepted", Status.ACCEPTED, "shipped"],
            "flags": [True, False],
            "dates": [dt.date(2026, 1, 2), dt.datetime(2026, 1, 2, 3, 4, 5)],
            "one": 7,
        }
    ) == {
        "brand__in": "1,2",
        "ids": "3",
        "status": "Accepted,Accepted,shipped",
        "flags": "true,false",
        "dates": "2026-01-02,2026-01-02T03:04:05+00:00",
        "one": "7",
    }


def test_a_set_is_a_list_too() -> None:
    assert sorted(encode_query({"ids": {2, 1}})["ids"].split(",")) == ["1", "2"]


def test_none_is_left_out_and_false_is_not() -> None:
    assert encode_query({"a": None, "paid": False, "limit": 0}) == {"paid": "false", "limit": "0"}


@pytest.mark.parametrize("empty", [[], (), set()])
def test_an_empty_list_is_refused(empty: object) -> None:
    """`brand__in=` would make LeafLink skip the filter and answer with every order."""
    with pytest.raises(ValueError, match="'brand__in' is an empty list"):
        encode_query({"brand__in": empty})


def test_what_httpx_puts_on_the_wire() -> None:
    """The values go to httpx as `params`; it percent-encodes each value's reserved characters
    (the list's commas, a datetime's `:` and `+`), which LeafLink decodes before splitting."""
    params = encode_query(
        {
            "brand__in": [1, 2],
            "modified__gte": dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc),
            "paid": True,
        }
    )
    url = httpx.Request(
        "GET", "https://app.leaflink.com/api/v2/orders-received/", params=params
    ).url
    assert url.query == b"brand__in=1%2C2&modified__gte=2026-01-01T00%3A00%3A00%2B00%3A00&paid=true"
    assert dict(url.params) == {
        "brand__in": "1,2",
        "modified__gte": "2026-01-01T00:00:00+00:00",
        "paid": "true",
    }
