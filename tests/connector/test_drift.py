"""Answers that drift from the spec lose nothing, and strict mode still names the field.

LeafLink's live answers are not what its file promises (its own examples send numbers for
strings and nulls where nothing is nullable). Every GET operation of the catalogue is answered
here, over real HTTP, with its documented answer drifted field by field: a null, a number for a
string, a string for a number, an object for a list, an empty object, an enum value the spec
does not know, a field the spec does not know, a required field missing. The expected values
are the drifted JSON as sent on the wire.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from typing import Any

import pytest

import leaflink
from leaflink import (
    OPERATIONS,
    APIResponseValidationError,
    AsyncLeafLink,
    LeafLink,
    ResponseMismatch,
    response_mismatches,
    to_json,
)

from .inputs import SPEC, arguments_for
from .drift import NEW_FIELD, UNKNOWN_ENUM_VALUE, drifted
from .recorder import Recorder, Reply
from .validating_server import _resolve, synthesise_response


def _drifts(key: str) -> bool:
    """An answer with fields to drift: an object of declared properties, or a page of them. A bare
    list (an order's line items, payments, comments) and an open object (delivery information)
    are left out for now: `drifted()` drifts one object's fields."""
    operation = OPERATIONS[key]
    schema = _resolve(
        SPEC,
        SPEC["paths"][operation.path]["get"]["responses"]["200"]["content"]["application/json"][
            "schema"
        ],
    )
    return bool(schema.get("properties") or schema.get("allOf"))


GETS = sorted(
    key
    for key, op in OPERATIONS.items()
    if op.kind == "call" and op.method == "GET" and _drifts(key)
)


def drifted_answer(key: str) -> tuple[Any, dict[str, Any], str | None]:
    """(the whole drifted answer, its drifted item, the dropped field) for a GET operation."""
    operation = OPERATIONS[key]
    spec_op = SPEC["paths"][operation.path]["get"]
    _, payload = synthesise_response(SPEC, spec_op)
    schema = spec_op["responses"]["200"]["content"]["application/json"]["schema"]
    if operation.pagination:
        item_schema = _resolve(SPEC, schema)["properties"]["results"]["items"]
        item, dropped = drifted(SPEC, payload["results"][0], item_schema)
        payload["results"] = [payload["results"][0], item]
        payload["count"] = "two"  # the envelope drifts too
        return payload, item, dropped
    item, dropped = drifted(SPEC, payload, schema)
    return item, item, dropped


def wire(value: Any) -> str:
    """JSON text that tells 1 from 1.0 and from true: how the comparisons see values."""
    return json.dumps(value, sort_keys=True)


def attribute(model: Any, json_key: str) -> Any:
    """A model's value for a JSON key: the declared field it aliases, else the unknown field."""
    for name, info in type(model).model_fields.items():
        if (info.alias or name) == json_key:
            return getattr(model, name)
    return getattr(model, json_key)


@pytest.fixture(scope="module")
def api() -> Any:
    recorder = Recorder()
    yield recorder
    recorder.close()


def call(api: Recorder, key: str, is_async: bool = False, **client_options: Any) -> Any:
    answer, _, _ = drifted_answer(key)
    api.reset()
    api.script(Reply(200, answer))
    if is_async:

        async def run() -> Any:
            async with AsyncLeafLink(
                api_key="k", base_url=api.base_url, max_retries=0, **client_options
            ) as client:
                return await getattr(client, key)(**arguments_for(key))

        return asyncio.run(run())
    with LeafLink(api_key="k", base_url=api.base_url, max_retries=0, **client_options) as client:
        return getattr(client, key)(**arguments_for(key))


@pytest.mark.parametrize("key", GETS)
def test_run_returns_exactly_what_was_sent(api: Recorder, key: str) -> None:
    answer, _, _ = drifted_answer(key)
    api.script(Reply(200, answer))
    with LeafLink(api_key="k", base_url=api.base_url, max_retries=0) as client:
        output = client.run(key, arguments_for(key))
    assert wire(output) == wire(answer)


@pytest.mark.parametrize("is_async", [False, True], ids=["sync", "async"])
@pytest.mark.parametrize("key", GETS)
def test_every_drifted_value_is_reachable_on_the_typed_result(
    api: Recorder, key: str, is_async: bool
) -> None:
    answer, sent, dropped = drifted_answer(key)
    result = call(api, key, is_async)
    item = result.results[1] if OPERATIONS[key].pagination else result
    assert wire(to_json(result)) == wire(answer)
    assert wire(to_json(item)) == wire(sent)
    prefix = "results.1." if OPERATIONS[key].pagination else ""
    mismatched = {
        m.path.removeprefix(prefix).split(".")[0]
        for m in response_mismatches(item)
        if "." not in m.path.removeprefix(prefix)
    }
    for json_key, value in sent.items():
        if json_key in mismatched or json_key == "zz_new_field":
            assert wire(attribute(item, json_key)) == wire(value), json_key
    assert attribute(item, "zz_new_field") == NEW_FIELD
    assert "zz_new_field" in item.model_dump()
    for json_key, value in sent.items():
        if value == UNKNOWN_ENUM_VALUE:
            assert attribute(item, json_key) == UNKNOWN_ENUM_VALUE
    if dropped is not None:
        assert attribute(item, dropped) is None
        assert any(
            m.path.endswith(dropped) and m.received == "missing" for m in response_mismatches(item)
        )


@pytest.mark.parametrize("key", [key for key in GETS if OPERATIONS[key].pagination])
def test_a_drifted_page_keeps_its_good_items_typed(api: Recorder, key: str) -> None:
    answer, _, _ = drifted_answer(key)
    page = call(api, key)
    good, bad = page.results
    assert response_mismatches(good) == ()
    assert type(good) is type(bad) is getattr(leaflink.models, OPERATIONS[key].pagination["item"])
    assert page.count == 2  # "two" is no count: the number of items stands in
    paths = [m.path for m in response_mismatches(page)]
    assert "count" in paths and all(
        path == "count" or path.startswith("results.1.") for path in paths
    )
    assert wire(to_json(good)) == wire(answer["results"][0])


@pytest.mark.parametrize("key", GETS)
def test_strict_mode_raises_naming_a_drifted_field(api: Recorder, key: str) -> None:
    _, sent, dropped = drifted_answer(key)
    with pytest.raises(APIResponseValidationError) as info:
        call(api, key, strict_responses=True)
    assert info.value.field is not None
    field = info.value.field.split(".")
    if OPERATIONS[key].pagination and field[0] != "count":
        assert field[:2] == ["results", "1"]
        field = field[2:]
    if field != ["count"]:
        assert field[0] in sent or field[0] == dropped, info.value.field


@pytest.mark.parametrize("key", ["get_order", "list_orders"])
def test_strict_per_call_overrides_the_client(api: Recorder, key: str) -> None:
    answer, _, _ = drifted_answer(key)
    api.script(Reply(200, answer), Reply(200, answer))
    with LeafLink(
        api_key="k", base_url=api.base_url, max_retries=0, strict_responses=True
    ) as client:
        arguments = arguments_for(key)
        lenient = getattr(client, key)(**arguments, options={"strict_responses": False})
        assert response_mismatches(lenient)
        with pytest.raises(APIResponseValidationError):
            getattr(client, key)(**arguments)


def test_each_mismatch_is_logged_once_without_its_value(
    api: Recorder, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(leaflink._tolerant, "_LOGGED", set())
    caplog.set_level(logging.WARNING, logger="leaflink")
    first = call(api, "list_orders")
    call(api, "list_orders")
    messages = [r.getMessage() for r in caplog.records if r.name == "leaflink"]
    once: dict[str, ResponseMismatch] = {}  # the first of each field, list indices aside
    for mismatch in response_mismatches(first):
        once.setdefault(re.sub(r"\.\d+\.", ".*.", mismatch.path), mismatch)
    assert len(messages) == len(once) > 0  # one per field; the second call logged nothing
    for message, mismatch in zip(sorted(messages), sorted(once.values(), key=str)):
        assert message.startswith(
            f"list_orders: field '{mismatch.path}': expected {mismatch.expected}, received {mismatch.received};"
        )
    assert not any("4231" in m or "units" in m or UNKNOWN_ENUM_VALUE in m for m in messages)


def test_a_body_that_is_not_json_comes_back_as_text(api: Recorder) -> None:
    api.reset()
    api.script(Reply(200, None, {"Content-Type": "text/html"}))
    with LeafLink(api_key="k", base_url=api.base_url, max_retries=0) as client:
        assert client.get_order(number="0b7c2b4e-8d8e-4f6a-9c55-3f1f6f1d2a10") is None
