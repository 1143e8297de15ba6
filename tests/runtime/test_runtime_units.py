"""The pure parts of the runtime: retry policy, encoding, error summaries, the hierarchy."""

from __future__ import annotations

from email.utils import formatdate

import httpx
import pytest

from _leaflink_runtime import _exceptions as exc
from _leaflink_runtime._encoding import encode_query, expand_path, normalize_endpoint
from _leaflink_runtime._retry import backoff_delay, plan_retry, retry_after_seconds

NOW = 1_800_000_000.0


def test_backoff_formula():
    assert [backoff_delay(n, lambda: 1.0) for n in range(7)] == [0.5, 1, 2, 4, 8, 8, 8]
    assert backoff_delay(3, lambda: 0.0) == 0.0
    assert backoff_delay(1, lambda: 0.25) == 0.25


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("3", 3.0),
        ("0.5", 0.5),
        ("-4", 0.0),
        (formatdate(NOW + 30, usegmt=True), 30.0),
        (formatdate(NOW - 30, usegmt=True), 0.0),
        ("soon", None),
        ("nan", None),
        ("", None),
    ],
)
def test_retry_after_seconds(value, seconds):
    assert retry_after_seconds(httpx.Headers({"Retry-After": value}), NOW) == seconds


def response(status, **headers):
    return httpx.Response(status, headers=headers)


@pytest.mark.parametrize(
    ("method", "outcome", "retried"),
    [
        ("GET", response(503), True),
        ("PUT", response(500), True),
        ("DELETE", response(502), True),
        ("POST", response(503), False),
        ("PATCH", response(500), False),
        ("POST", response(429), True),
        ("PATCH", response(408), True),
        ("GET", response(404), False),
        ("GET", response(409), False),
        ("GET", httpx.ReadTimeout("t"), True),
        ("POST", httpx.ReadTimeout("t"), False),
        ("POST", httpx.WriteTimeout("t"), False),
        ("POST", httpx.RemoteProtocolError("dropped"), False),
        ("POST", httpx.ReadError("reset"), False),
        ("POST", httpx.ConnectError("refused"), True),
        ("POST", httpx.ConnectTimeout("t"), True),
        ("POST", httpx.PoolTimeout("t"), True),
        ("GET", httpx.UnsupportedProtocol("ftp"), False),
    ],
)
def test_retry_policy(method, outcome, retried):
    kind = "response" if isinstance(outcome, httpx.Response) else "error"
    decision = plan_retry(method, 0, 2, now=NOW, **{kind: outcome})
    assert (decision is not None) is retried


def test_retry_budget_and_retry_after_cap():
    assert plan_retry("GET", 2, 2, response=response(503), now=NOW) is None
    honoured = plan_retry("GET", 0, 2, response=response(429, **{"Retry-After": "60"}), now=NOW)
    assert honoured is not None and honoured.delay == 60.0
    capped = plan_retry(
        "GET",
        0,
        2,
        response=response(429, **{"Retry-After": "61"}),
        now=NOW,
        rand=lambda: 1.0,
    )
    assert capped is not None and capped.delay == 0.5 and capped.reason == "status 429"


def test_expand_path():
    template = "/orders-received/{number}/transition/{action}/"
    assert expand_path(template, {"number": "a/b", "action": "ship"}, "op") == (
        "/orders-received/a%2Fb/transition/ship/"
    )
    assert expand_path("things", {}, "op") == "/things/"


def test_encode_query():
    assert encode_query({"a": None, "b": (1, 2), "c": True, "d": 1.5}) == {
        "b": "1,2",
        "c": "true",
        "d": "1.5",
    }


def test_normalize_endpoint():
    assert normalize_endpoint("products?limit=5&offset=0") == "/products/?limit=5&offset=0"
    assert normalize_endpoint("/a/b/") == "/a/b/"
    with pytest.raises(ValueError):
        normalize_endpoint("/a/%2E%2E/b")


@pytest.mark.parametrize(
    ("body", "summary"),
    [
        ({"detail": "Not found."}, "Not found."),
        ({"name": ["Required.", "Too long."]}, "name: Required. Too long."),
        (
            {"line_items": [{"quantity": ["Must be > 0."]}]},
            "line_items: quantity: Must be > 0.",
        ),
        (["One.", "Two."], "One. Two."),
        (
            {"errors": [{"field": "a", "message": "bad"}, {"field": "b"}]},
            "errors: field: a; message: bad; field: b",
        ),
        ("plain\n text", "plain text"),
        (None, ""),
    ],
)
def test_summarize_error_body(body, summary):
    assert exc.summarize_error_body(body) == summary


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (302, exc.APIStatusError),
        (405, exc.ClientError),
        (422, exc.UnprocessableEntityError),
    ],
)
def test_status_error_for(status, cls):
    request = httpx.Request("GET", "https://app.leaflink.com/api/v2/x/")
    error = exc.status_error_for(httpx.Response(status, request=request), None, "m")
    assert type(error) is cls and error.status_code == status and error.url == str(request.url)


def test_hierarchy_matches_the_docstring_tree():
    assert issubclass(exc.APIError, exc.LeafLinkError)
    assert issubclass(exc.InputValidationError, exc.LeafLinkError)
    assert not issubclass(exc.InputValidationError, exc.APIError)
    assert issubclass(exc.APITimeoutError, exc.APIConnectionError)
    for cls in (
        exc.APIConnectionError,
        exc.APIResponseValidationError,
        exc.APIStatusError,
        exc.PaginationLoopError,
    ):
        assert issubclass(cls, exc.APIError)
        assert cls.__name__ in (exc.__doc__ or "")
    assert issubclass(exc.EventLoopError, exc.LeafLinkError)
    assert not issubclass(exc.EventLoopError, exc.APIError)
    status_classes = [
        exc.BadRequestError,
        exc.AuthenticationError,
        exc.PermissionDeniedError,
        exc.NotFoundError,
        exc.ConflictError,
        exc.UnprocessableEntityError,
        exc.RateLimitError,
        exc.ClientError,
        exc.ServerError,
    ]
    for cls in status_classes:
        assert issubclass(cls, exc.APIStatusError)
        assert cls.__name__ in (exc.__doc__ or "")
    error = exc.InputValidationError("bad", operation="create_order", field="buyer")
    assert (error.operation, error.field, str(error)) == (
        "create_order",
        "buyer",
        "bad",
    )


def test_exceptions_all_is_complete_and_sorted():
    public = {
        name
        for name, value in vars(exc).items()
        if not name.startswith("_") and (callable(value) or name.isupper())
    }
    public -= {"annotations", "Mapping", "httpx"}
    assert sorted(exc.__all__) == exc.__all__
    assert set(exc.__all__) == public


LONG_KEY = "ll_5f3a9c0d1e2b4a6f"


@pytest.mark.parametrize(
    ("text", "secret", "masked"),
    [
        # a short key stands alone or is left: ordinary words stay readable
        ("Expecting value: line 1 column 1", "e", "Expecting value: line 1 column 1"),
        ("Invalid token e.", "e", "Invalid token ***."),
        ("App e", "e", "App ***"),
        ("key=abc&x=1 abcdef xabc", "abc", "key=***&x=1 abcdef xabc"),
        ("", "abc", ""),
        ("no secret here", None, "no secret here"),
        ("no secret here", "", "no secret here"),
        # a real key is masked wherever it is, even inside a word or URL-encoded
        (f"Invalid token {LONG_KEY}.", LONG_KEY, "Invalid token ***."),
        (f"token{LONG_KEY}xyz", LONG_KEY, "token***xyz"),
        (f"Authorization=App%20{LONG_KEY}", LONG_KEY, "Authorization=App%20***"),
        (
            "sent ab%2Fcd%2B%3D1234 twice: ab/cd+=1234",
            "ab/cd+=1234",
            "sent *** twice: ***",
        ),
        ("Expecting value", "Expecting", "*** value"),  # 9 characters: masked anywhere
    ],
)
def test_mask_secret(text, secret, masked):
    assert exc.mask_secret(text, secret) == masked
