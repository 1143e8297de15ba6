"""Errors over real HTTP: status classes and fields, LeafLink error bodies, bad 2xx bodies."""

from __future__ import annotations

import pytest
from runtime_support import THING, Reply, Thing

from _leaflink_runtime._base_client import Request
from _leaflink_runtime._exceptions import (
    ERROR_DETAIL_LIMIT,
    APIResponseValidationError,
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    ClientError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
    UnprocessableEntityError,
)

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (409, ConflictError),
        (422, UnprocessableEntityError),
        (429, RateLimitError),
        (418, ClientError),
        (500, ServerError),
        (504, ServerError),
    ],
)
async def test_status_maps_to_error_class(h, server, status, cls):
    server.fallback = lambda request: Reply.json({"detail": "Nope."}, status)
    with pytest.raises(APIStatusError) as info:
        await h.run(h.client(max_retries=0).get_thing(7))
    error = info.value
    assert type(error) is cls
    assert error.status_code == status
    assert error.body == {"detail": "Nope."}
    assert error.method == "GET"
    assert error.url == f"{server.url}/api/v2/things/7/"
    assert error.response.status_code == status
    assert error.request is error.response.request
    assert error.retryable is (status in (408, 429) or status >= 500)
    assert str(error) == (
        f"get_thing: GET {error.url} returned {status} {error.response.reason_phrase}: Nope."
    )


async def test_field_errors_are_summarised(h, server):
    body = {
        "name": ["This field is required."],
        "price": ["A valid number is required."],
    }
    server.script(Reply.json(body, 400))
    with pytest.raises(BadRequestError) as info:
        await h.run(h.client().create_thing({}))
    assert info.value.body == body
    assert str(info.value).endswith(
        ": name: This field is required.; price: A valid number is required."
    )


async def test_non_field_errors_and_lists(h, server):
    server.script(Reply.json({"non_field_errors": ["Order is locked."]}, 409))
    with pytest.raises(ConflictError) as info:
        await h.run(h.client().create_thing({}))
    assert str(info.value).endswith(": Order is locked.")


async def test_text_error_body(h, server):
    page = b"<html><body>\n  Bad   gateway\n</body></html>"
    server.fallback = lambda request: Reply(502, page, {"Content-Type": "text/html"})
    with pytest.raises(ServerError) as info:
        await h.run(h.client(max_retries=0).get_thing(7))
    assert info.value.body == page.decode()
    assert str(info.value).endswith(": <html><body> Bad gateway </body></html>")


async def test_long_error_body_is_cut_at_the_cap_saying_so(h, server):
    server.script(Reply.json({"detail": "x" * 5000}, 400))
    with pytest.raises(BadRequestError) as info:
        await h.run(h.client().get_thing(7))
    summary = str(info.value).split("400 Bad Request: ", 1)[1]
    assert len(summary) <= ERROR_DETAIL_LIMIT
    assert summary.endswith("x... (3060 more characters in error.body)")
    assert info.value.body == {"detail": "x" * 5000}


GATEWAY_422 = {  # what a validating gateway (here Stoplight Prism) answers a bad request
    "type": "https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY",
    "title": "Invalid request",
    "status": 422,
    "detail": "Your request is not valid and no HTTP validation response was found in "
    "the spec, so Prism is generating this error for you.",
    "validation": [
        {
            "location": ["query", "limit"],
            "severity": "Error",
            "code": "format",
            "message": 'must match format "int32"',
        },
        {
            "location": ["body"],
            "severity": "Error",
            "code": "required",
            "message": "must have required property 'owner'",
        },
    ],
}


async def test_a_422_message_keeps_the_whole_detail(h, server):
    server.script(Reply.json(GATEWAY_422, 422))
    with pytest.raises(UnprocessableEntityError) as info:
        await h.run(h.client().create_thing({"name": "x"}))
    message = str(info.value)
    assert message.endswith(
        "validation: location: query limit; severity: Error; code: format; "
        'message: must match format "int32"; location: body; severity: Error; '
        "code: required; message: must have required property 'owner'"
    )
    assert "Prism is generating this error for you." in message
    assert info.value.body == GATEWAY_422


async def test_unfollowed_redirect_raises_status_error(h, server):
    server.script(Reply(302, headers={"Location": "/elsewhere/"}))
    with pytest.raises(APIStatusError) as info:
        await h.run(h.client().get_thing(7))
    assert type(info.value) is APIStatusError and info.value.status_code == 302
    assert len(server.requests) == 1


async def test_invalid_json_raises_validation_error(h, server):
    server.script(Reply(200, b"{not json", {"Content-Type": "application/json"}))
    with pytest.raises(APIResponseValidationError) as info:
        await h.run(h.client(strict_responses=True).get_thing(7))
    error = info.value
    assert error.operation == "get_thing"
    assert error.status_code == 200
    assert error.body == "{not json"
    assert error.field is None
    assert error.method == "GET" and error.url == f"{server.url}/api/v2/things/7/"
    assert str(error).startswith("get_thing: ") and "not valid JSON" in str(error)
    assert len(server.requests) == 1


async def test_json_not_matching_the_model_names_the_field(h, server):
    server.script(Reply.json({"id": "seven", "name": "Blue Dream"}))
    with pytest.raises(APIResponseValidationError) as info:
        await h.run(h.client(strict_responses=True).get_thing(7))
    error = info.value
    assert error.field == "id"
    assert error.body == {"id": "seven", "name": "Blue Dream"}
    assert str(error).startswith("get_thing: ") and "field 'id'" in str(error)
    assert "Traceback" not in str(error) and "pydantic" not in str(error)


async def test_missing_field_is_named(h, server):
    server.script(Reply.json({"id": 7}))
    with pytest.raises(APIResponseValidationError) as info:
        await h.run(h.client(strict_responses=True).get_thing(7))
    assert info.value.field == "name"


async def test_204_with_none_type(h, server):
    server.script(Reply(204))
    request = Request("delete_thing", "DELETE", "/things/{id}/", path_params={"id": 7})
    assert await h.run(h.client()._request(request, cast_to=type(None))) is None
    assert server.requests[0].method == "DELETE"


async def test_empty_body_for_a_model_is_a_validation_error(h, server):
    server.script(Reply(204))
    with pytest.raises(APIResponseValidationError):
        await h.run(h.client(strict_responses=True).get_thing(7))


async def test_object_returns_json_as_is(h, server):
    server.script(Reply.json({"anything": [1, 2]}), Reply(204))
    request = Request("get_any", "GET", "/any/")
    assert await h.run(h.client()._request(request, cast_to=object)) == {"anything": [1, 2]}
    assert await h.run(h.client()._request(request, cast_to=object)) is None


async def test_model_result(h, server):
    server.script(Reply.json(THING))
    assert await h.run(h.client().get_thing(7)) == Thing(id=7, name="Blue Dream")


async def test_generic_types_validate(h, server):
    server.script(Reply.json([THING, THING]))
    request = Request("list_plain", "GET", "/plain/")
    result = await h.run(h.client()._request(request, cast_to=list[Thing]))
    assert result == [Thing(**THING)] * 2
