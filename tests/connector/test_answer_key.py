"""The generated catalogue against the hand-written answer key (tests/connector/answer_key.py).

The every-operation tests check that each method does what `OPERATIONS` says; these check that
`OPERATIONS` says what LeafLink's operations are. A drop-down is also run against the validating
server answering with distinct values in every field and two pages, and its options must be
exactly the `text` and `value` fields the key names, of every item served.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from leaflink import OPERATIONS, LeafLink

from .answer_key import DROP_DOWNS, ENDPOINTS, LOCAL, RAW, Enumerated, Listed
from .validating_server import SPEC_PATH, ValidatingServer, _pointer

SPEC = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
OFFICIAL = Path(SPEC_PATH).parents[2] / "shared" / "leaflink" / "official-openapi-2026-07.json"
LISTED = sorted(name for name, answer in DROP_DOWNS.items() if isinstance(answer, Listed))
ENUMERATED = sorted(name for name, answer in DROP_DOWNS.items() if isinstance(answer, Enumerated))


def _catalogue_answer(name: str) -> Any:
    """What the generated catalogue says operation `name` is, in the answer key's terms."""
    operation = OPERATIONS.find(name)
    if operation.kind == "call":
        return f"{operation.method} {operation.path}"
    if operation.kind == "ddl" and operation.ddl["source"] == "endpoint":
        ddl = operation.ddl
        text = ddl["text"][0] if len(ddl["text"]) == 1 else tuple(ddl["text"])
        return Listed(
            f"{ddl['method']} {ddl['path']}", text, ddl["value"], bool(ddl.get("distinct"))
        )
    return operation.kind


def _expected(name: str) -> Any:
    if name in ENDPOINTS:
        return ENDPOINTS[name]
    answer = DROP_DOWNS.get(name)
    if isinstance(answer, Listed):
        return answer
    return {**{n: "ddl" for n in ENUMERATED}, **{n: "local" for n in LOCAL}, RAW: "raw"}[name]


def test_the_key_names_every_operation_of_the_catalogue_once() -> None:
    names = [*ENDPOINTS, *DROP_DOWNS, *LOCAL, RAW]
    assert len(names) == len(set(names))
    assert sorted(names) == sorted(operation.name for operation in OPERATIONS.values())


@pytest.mark.parametrize("name", sorted({*ENDPOINTS, *DROP_DOWNS, *LOCAL, RAW}))
def test_the_catalogue_binds_what_the_key_says(name: str) -> None:
    assert _catalogue_answer(name) == _expected(name)


def test_every_answer_is_an_endpoint_of_our_spec_and_of_leaflinks_file() -> None:
    answers = {
        *ENDPOINTS.values(),
        *(a.endpoint for a in DROP_DOWNS.values() if isinstance(a, Listed)),
    }
    documents = [SPEC]
    if OFFICIAL.is_file():
        documents.append(json.loads(OFFICIAL.read_text(encoding="utf-8")))
    for document in documents:
        missing = [
            a
            for a in sorted(answers)
            if a.split(" ")[0].lower() not in document["paths"].get(a.split(" ")[1], {})
        ]
        assert missing == []


@pytest.mark.parametrize("name", ENUMERATED)
def test_each_enum_drop_down_offers_the_spec_enum(name: str) -> None:
    answer = DROP_DOWNS[name]
    assert isinstance(answer, Enumerated)
    labels = dict(answer.labels)
    enum = [value for value in _pointer(SPEC, answer.pointer)["enum"] if value is not None]
    with LeafLink(api_key="test-key", base_url="http://127.0.0.1:9/api/v2") as client:
        options = client.run(name)
    assert options == [{"text": labels.get(value, value), "value": value} for value in enum]


@pytest.mark.parametrize("name", sorted(LOCAL))
def test_each_local_operation_lists_the_spec_enum(name: str) -> None:
    enum = [value for value in _pointer(SPEC, LOCAL[name])["enum"] if value is not None]
    with LeafLink(api_key="test-key", base_url="http://127.0.0.1:9/api/v2") as client:
        assert client.run(name) == enum


def _field(item: Any, name: str) -> Any:
    for part in name.split("."):
        item = item.get(part) if isinstance(item, dict) else None
    return item


@pytest.mark.parametrize("name", LISTED)
def test_each_endpoint_drop_down_offers_the_served_values(
    server: ValidatingServer, name: str
) -> None:
    answer = DROP_DOWNS[name]
    assert isinstance(answer, Listed)
    server.style, server.pages = "distinct", 2
    with LeafLink(
        api_key="test-key", base_url=server.base_url, strict_responses=True, max_retries=0
    ) as client:
        options = client.run(name)
    assert server.rejected == [] and server.invalid_responses == []
    method, path = answer.endpoint.split(" ")
    assert [(r.method, r.operation) for r in server.received] == [(method, f"{method} {path}")] * 2
    items = [item for page in server.served for item in page["results"]]
    assert len(items) == 2
    fields = (answer.text,) if isinstance(answer.text, str) else answer.text
    expected: list[dict[str, Any]] = []
    for item in items:
        value = _field(item, answer.value)
        if value is None or (answer.distinct and any(o["value"] == value for o in expected)):
            continue
        expected.append({"text": " ".join(str(_field(item, f)) for f in fields), "value": value})
    assert expected, "the served items hold no value"
    assert options == expected
    # distinct values: an option valued or labelled by another field of the item would differ
    assert (
        len({json.dumps(v) for item in items for v in item.values() if isinstance(v, (int, str))})
        > 2
    )
