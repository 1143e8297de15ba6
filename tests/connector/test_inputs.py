"""One input check: typed methods refuse what `run()` refuses, before anything is sent.

Over real HTTP to a recording server: a refused call must leave it without a request. The bad
inputs and the parameter each error must name are a table kept by hand.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from leaflink import AsyncLeafLink, InputValidationError, LeafLink, models

from .recorder import Recorder, Reply

CONTACT = {"owner": 12, "first_name": "Ada", "last_name": "Lovelace"}

REFUSED = [
    ("transition_order", {"number": "0b7c", "action": "explode"}, "action"),
    ("list_payments", {"limit": "ten"}, "limit"),
    ("list_payments", {"limit": "10"}, "limit"),  # a str is no int, whatever it holds
    ("list_payments", {"limt": 10}, "limt"),
    ("get_payment", {}, "id"),
    ("create_contact", {"body": {**CONTACT, "emial": "ada@example.com"}}, "body.emial"),
    ("create_contact", {"body": {**CONTACT, "owner": "twelve"}}, "body.owner"),
    ("create_contact", {"body": {"owner": 12}}, "body.first_name"),
    ("create_contact", {"body": {**CONTACT, "phone": 5551234}}, "body.phone"),
]


@pytest.fixture(scope="module")
def api() -> Any:
    recorder = Recorder()
    yield recorder
    recorder.close()


def call(api: Recorder, key: str, arguments: dict[str, Any], is_async: bool) -> Any:
    if is_async:

        async def run() -> Any:
            async with AsyncLeafLink(api_key="k", base_url=api.base_url, max_retries=0) as client:
                return await getattr(client, key)(**arguments)

        return asyncio.run(run())
    with LeafLink(api_key="k", base_url=api.base_url, max_retries=0) as client:
        return getattr(client, key)(**arguments)


@pytest.mark.parametrize("is_async", [False, True], ids=["sync", "async"])
@pytest.mark.parametrize(
    ("key", "arguments", "field"), REFUSED, ids=lambda v: v if isinstance(v, str) else ""
)
def test_a_method_refuses_a_bad_input_naming_it_before_sending(
    api: Recorder, key: str, arguments: dict[str, Any], field: str, is_async: bool
) -> None:
    api.reset()
    with pytest.raises(InputValidationError) as info:
        call(api, key, arguments, is_async)
    assert (info.value.operation, info.value.field) == (key, field)
    assert str(info.value).startswith(f"invalid input for {key!r} at {field!r}: ")
    assert api.requests == []


@pytest.mark.parametrize(
    ("key", "arguments", "field"), REFUSED, ids=lambda v: v if isinstance(v, str) else ""
)
def test_run_refuses_the_same_inputs(
    api: Recorder, key: str, arguments: dict[str, Any], field: str
) -> None:
    api.reset()
    with LeafLink(api_key="k", base_url=api.base_url, max_retries=0) as client:
        with pytest.raises(InputValidationError) as info:
            client.run(key, arguments)
    assert info.value.field == field
    assert api.requests == []


def test_a_body_is_sent_as_given_from_a_dict_or_a_model(api: Recorder) -> None:
    api.reset()
    answer = {**CONTACT, "id": 1}
    api.script(Reply(201, answer), Reply(201, answer))
    with LeafLink(api_key="k", base_url=api.base_url, max_retries=0) as client:
        client.create_contact(body={**CONTACT, "email": None})
        client.create_contact(body=models.Contact(owner=12, first_name="Ada", last_name="Lovelace"))
    sent = [json.loads(request.body) for request in api.requests]
    assert sent == [{**CONTACT, "email": None}, CONTACT]
