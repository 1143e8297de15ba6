"""The intermediate model (`generator.model.intermediate`), built from the golden input.

The model is what every template and the catalogue read, so it is tested on its own, layer
by layer, before any rendering: for each kind of manifest entry, the fields it must carry.
Every expected value below is written by hand from tests/golden/spec.yaml and
tests/golden/operations.yaml (read them side by side), never computed by the code under test.
"""

from __future__ import annotations

import ast
import hashlib
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from generator.model.intermediate import Connector, Operation
from generator.pipeline import generate_files

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "tests" / "golden" / "spec.yaml"
MANIFEST = ROOT / "tests" / "golden" / "operations.yaml"

HARVEST_STATUS = "Literal['drying', 'curing', 'packaged', 'archived']"

# key -> (kind, method, path, resource): from the manifest's entries and their bindings.
OPERATIONS: dict[str, tuple[str, str | None, str | None, str | None]] = {
    "list_harvests": ("call", "GET", "/harvests/", "harvests"),
    "get_harvest": ("call", "GET", "/harvests/{id}/", "harvests"),
    "create_harvest": ("call", "POST", "/harvests/", "harvests"),
    "update_harvest": ("call", "PATCH", "/harvests/{id}/", "harvests"),
    "delete_harvest": ("call", "DELETE", "/harvests/{id}/", "harvests"),
    "transition_harvest": ("call", "POST", "/harvests/{id}/transition/{action}/", "harvests"),
    "list_harvests_ddl": ("ddl", None, None, "harvests"),
    "list_harvest_statuses_ddl": ("ddl", None, None, "harvests"),
    "list_weight_units": ("local", None, None, "harvests"),
    "list_rooms_ddl": ("ddl", None, None, "other"),  # no `resource:`, no binding
    "upload_harvest_photo": ("call", "POST", "/harvest-photos/", "harvest_photos"),  # from binds
    "raw_request": ("raw", None, None, None),
}

# key -> [(api name, python name, location, required, annotation, description)], in order:
# path parameters first, then query parameters, each in the spec's order.
PARAMETERS: dict[str, list[tuple[str, str, str, bool, str, str]]] = {
    "list_harvests": [
        ("status", "status", "query", False, HARVEST_STATUS, "Only harvests in this status."),
        (
            "room__in",
            "room__in",
            "query",
            False,
            "list[int] | int",
            "Only harvests from these rooms (ids, comma-separated).",
        ),
        (
            "harvested__gte",
            "harvested__gte",
            "query",
            False,
            "date | str",
            "Only harvests cut on or after this date.",
        ),
        (
            "modified__gte",
            "modified__gte",
            "query",
            False,
            "datetime | str",
            "Only harvests changed at or after this datetime.",
        ),
        (
            "class",
            "class_",
            "query",
            False,
            "str",
            "Only harvests of strains of this class (sativa, indica, hybrid).",
        ),
        (
            "archived",
            "archived",
            "query",
            False,
            "bool",
            "Whether archived harvests are listed (`true`) or only the others (`false`).",
        ),
        ("limit", "limit", "query", False, "int", "How many results one page holds."),
        ("offset", "offset", "query", False, "int", "Index of the first result of the page."),
    ],
    "get_harvest": [("id", "id", "path", True, "int", "The harvest's id (path level).")],
    "create_harvest": [],
    # the operation's own `id` replaces the path item's
    "update_harvest": [
        ("id", "id", "path", True, "int", "Id of the harvest to change (operation level).")
    ],
    "delete_harvest": [("id", "id", "path", True, "int", "The harvest's id (path level).")],
    "transition_harvest": [
        ("id", "id", "path", True, "int", "Id of the harvest."),
        (
            "action",
            "action",
            "path",
            True,
            "Literal['cure', 'package', 'archive']",
            "What to do with the harvest.",
        ),
    ],
    "upload_harvest_photo": [],
}

# key -> (content type, required, model) of the request body, or None.
BODIES: dict[str, tuple[str, bool, str | None] | None] = {
    "list_harvests": None,
    "get_harvest": None,
    "create_harvest": ("application/json", True, "HarvestCreate"),
    "update_harvest": ("application/json", True, "HarvestUpdate"),
    "delete_harvest": None,
    "transition_harvest": None,
    "upload_harvest_photo": ("multipart/form-data", True, None),  # a form has no model
}

# key -> (status, model, paginated) of the success response.
RESPONSES: dict[str, tuple[str, str | None, bool]] = {
    "list_harvests": ("200", "Harvest", True),  # a page: the item's model
    "get_harvest": ("200", "Harvest", False),
    "create_harvest": ("201", "Harvest", False),
    "update_harvest": ("200", "Harvest", False),
    "delete_harvest": ("204", None, False),  # no content
    "transition_harvest": ("200", "Harvest", False),
    # an inline schema becomes a component named after the key
    "upload_harvest_photo": ("201", "UploadHarvestPhotoResponse", False),
}

# key -> (summary, details) from the spec's operation.
SPEC_TEXTS: dict[str, tuple[str, str]] = {
    "list_harvests": (
        "List harvests",
        "Returns one page of the harvests of the facilities the caller can see.",
    ),
    "update_harvest": (
        "Change a harvest",
        "Changes the given fields of a harvest; fields left out keep their value.",
    ),
    "upload_harvest_photo": (
        "Upload a harvest photo",
        "Attaches a photo to a harvest. The body is multipart form data with the file in "
        "the `photo` part.",
    ),
}

# (api name, python name, location, required, annotation, description) of the multipart parts.
UPLOAD_FORM = [
    ("photo", "photo", "file", True, "FileContent", "The image file."),
    ("harvest", "harvest", "form", True, "int", "Id of the harvest the photo shows."),
    ("caption", "caption", "form", False, "str", "A line about the photo."),
]

# key -> (property names, required) of the operation's input JSON Schema.
INPUTS: dict[str, tuple[set[str], list[str] | None]] = {
    "list_harvests": (
        {
            "status",
            "room__in",
            "harvested__gte",
            "modified__gte",
            "class_",
            "archived",
            "limit",
            "offset",
        },
        None,
    ),
    "get_harvest": ({"id"}, ["id"]),
    "create_harvest": ({"body"}, ["body"]),
    "update_harvest": ({"id", "body"}, ["id", "body"]),
    "delete_harvest": ({"id"}, ["id"]),
    "transition_harvest": ({"id", "action"}, ["id", "action"]),
    "upload_harvest_photo": ({"photo", "harvest", "caption"}, ["photo", "harvest"]),
    "list_harvests_ddl": ({"page_size"}, None),  # walks the list: its page size
    "list_harvest_statuses_ddl": (set(), None),
    "list_rooms_ddl": (set(), None),
    "list_weight_units": (set(), None),
    "raw_request": ({"method", "endpoint", "query", "body_type", "body"}, ["method", "endpoint"]),
}

# (resource, module, class name, operation keys in manifest order), resources in manifest order.
RESOURCES = [
    (
        "harvests",
        "harvests",
        "HarvestsMixin",
        [
            "list_harvests",
            "get_harvest",
            "create_harvest",
            "update_harvest",
            "delete_harvest",
            "transition_harvest",
            "list_harvests_ddl",
            "list_harvest_statuses_ddl",
            "list_weight_units",
        ],
    ),
    ("other", "other", "OtherMixin", ["list_rooms_ddl"]),
    ("harvest_photos", "harvest_photos", "HarvestPhotosMixin", ["upload_harvest_photo"]),
]


@pytest.fixture(scope="module")
def connector() -> Connector:
    return generate_files(SPEC, MANIFEST).connector


def op(connector: Connector, key: str) -> Operation:
    (found,) = [o for o in connector.operations if o.key == key]
    return found


def _typed(rows: list[tuple[str, str, str, bool, str, str]]) -> list[tuple[Any, ...]]:
    """Rows with their annotation as Python's parse of it: the type, not its spelling
    (`Literal['a']` and `Literal["a"]` are one type)."""
    return [(*row[:4], ast.dump(ast.parse(row[4], mode="eval")), *row[5:]) for row in rows]


def test_the_connector_carries_the_api_and_its_sources(connector: Connector) -> None:
    assert connector.title == "Harvest Ledger API"
    assert connector.api_version == "2031-04"
    assert connector.version == "2031.4.3"  # API 2031-04, manifest release 3
    assert [(s.name, s.sha256) for s in connector.sources] == [
        (path.name, hashlib.sha256(path.read_bytes()).hexdigest()) for path in (SPEC, MANIFEST)
    ]
    assert connector.renames == ()  # `class` -> `class_` is a keyword, not a collision


def test_every_manifest_entry_is_one_operation_sorted_by_key(connector: Connector) -> None:
    assert [o.key for o in connector.operations] == sorted(OPERATIONS)


@pytest.mark.parametrize("key", sorted(OPERATIONS))
def test_kind_binding_and_resource(connector: Connector, key: str) -> None:
    operation = op(connector, key)
    assert (operation.kind, operation.method, operation.path, operation.resource) == OPERATIONS[key]


def test_names_and_descriptions_come_from_the_manifest(connector: Connector) -> None:
    update = op(connector, "update_harvest")
    assert update.name == "Update harvest"
    assert update.description == "Change some fields of a harvest."
    ddl = op(connector, "list_harvests_ddl")
    assert ddl.name == "List harvests DDL"
    assert ddl.description == (
        "Options for a harvest picker, labelled by batch code and strain, valued by harvest ID."
    )
    raw = op(connector, "raw_request")
    assert raw.name == "Raw HTTP request (advanced)"


@pytest.mark.parametrize("key", sorted(SPEC_TEXTS))
def test_summary_and_details_come_from_the_spec(connector: Connector, key: str) -> None:
    operation = op(connector, key)
    assert (operation.summary, operation.details) == SPEC_TEXTS[key]


@pytest.mark.parametrize("key", sorted(PARAMETERS))
def test_parameters(connector: Connector, key: str) -> None:
    got = [
        (p.api_name, p.python_name, p.location, p.required, p.annotation, p.description)
        for p in op(connector, key).parameters
    ]
    assert _typed(got) == _typed(PARAMETERS[key])


@pytest.mark.parametrize("key", sorted(BODIES))
def test_body(connector: Connector, key: str) -> None:
    body = op(connector, key).body
    got = None if body is None else (body.content_type, body.required, body.model)
    assert got == BODIES[key]


@pytest.mark.parametrize("key", sorted(RESPONSES))
def test_response(connector: Connector, key: str) -> None:
    response = op(connector, key).response
    assert response is not None
    assert (response.status, response.model, response.paginated) == RESPONSES[key]


def test_a_page_response_is_the_page_schema(connector: Connector) -> None:
    schema = op(connector, "list_harvests").response.schema  # type: ignore[union-attr]
    assert set(schema["properties"]) == {"count", "next", "previous", "results"}
    assert schema["properties"]["results"]["items"] == {"$ref": "#/$defs/Harvest"}


def test_a_multipart_form_has_form_and_file_fields(connector: Connector) -> None:
    upload = op(connector, "upload_harvest_photo")
    got = [
        (p.api_name, p.python_name, p.location, p.required, p.annotation, p.description)
        for p in upload.form
    ]
    assert _typed(got) == _typed(UPLOAD_FORM)
    assert upload.parameters == ()
    for key in set(OPERATIONS) - {"upload_harvest_photo"}:
        assert op(connector, key).form == ()


@pytest.mark.parametrize("key", sorted(INPUTS))
def test_input_schema(connector: Connector, key: str) -> None:
    schema = op(connector, key).input_schema
    names, required = INPUTS[key]
    assert schema["type"] == "object" and schema["additionalProperties"] is False
    assert set(schema["properties"]) == names
    assert schema.get("required") == required


def test_a_ddl_from_an_endpoint(connector: Connector) -> None:
    ddl = op(connector, "list_harvests_ddl").ddl
    assert ddl is not None
    assert (ddl.source, ddl.method, ddl.path) == ("endpoint", "GET", "/harvests/")
    assert ddl.text == ("batch_code", "strain_name")  # several fields, joined by spaces
    assert ddl.value == "id"
    assert ddl.distinct is False
    assert ddl.options == ()  # read at run time from the list


def test_a_ddl_from_an_enum_of_the_spec(connector: Connector) -> None:
    ddl = op(connector, "list_harvest_statuses_ddl").ddl
    assert ddl is not None
    assert (ddl.source, ddl.method, ddl.path, ddl.text, ddl.value) == ("enum", None, None, (), None)
    # the enum's values in its order; a value with no label is its own label
    assert [(o.text, o.value) for o in ddl.options] == [
        ("Drying", "drying"),
        ("curing", "curing"),
        ("Packaged and sealed", "packaged"),
        ("archived", "archived"),
    ]


def test_a_ddl_from_a_static_list(connector: Connector) -> None:
    ddl = op(connector, "list_rooms_ddl").ddl
    assert ddl is not None
    assert (ddl.source, ddl.method, ddl.path) == ("static", None, None)
    assert [(o.text, o.value) for o in ddl.options] == [
        ("Flower room A", 1),
        ("Flower room B", 2),
        ("Drying room", "dry"),
    ]


def test_ddls_output_options(connector: Connector) -> None:
    options = [{"text": "Drying", "value": "drying"}, {"text": "Flower room A", "value": 1}]
    for key in ("list_harvests_ddl", "list_harvest_statuses_ddl", "list_rooms_ddl"):
        jsonschema.validate(options, op(connector, key).output_schema)
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate([{"text": "no value"}], op(connector, key).output_schema)


def test_a_local_operation_serves_an_enum(connector: Connector) -> None:
    local = op(connector, "list_weight_units")
    assert local.values == ("g", "lb")
    assert local.ddl is None and local.parameters == () and local.body is None
    assert local.response is None
    jsonschema.validate(["lb", "g"], local.output_schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(["kg"], local.output_schema)


def test_the_raw_operation_belongs_to_no_resource(connector: Connector) -> None:
    raw = op(connector, "raw_request")
    assert raw.resource is None and raw.response is None and raw.parameters == ()
    assert all(raw not in resource.operations for resource in connector.resources)


def test_resources_group_operations_in_manifest_order(connector: Connector) -> None:
    got = [
        (r.name, r.module, r.class_name, [o.key for o in r.operations]) for r in connector.resources
    ]
    assert got == RESOURCES


def test_path_level_parameters_merge_with_operation_level_ones(connector: Connector) -> None:
    """`/harvests/{id}/` declares `id` on its path item; PATCH declares it again: PATCH's own
    wins, and either way an operation has its `id` exactly once."""
    for key in ("get_harvest", "update_harvest", "delete_harvest"):
        ids = [p for p in op(connector, key).parameters if p.api_name == "id"]
        assert len(ids) == 1, key
    assert op(connector, "update_harvest").parameters[0].description == (
        "Id of the harvest to change (operation level)."
    )
    assert op(connector, "get_harvest").parameters[0].description == (
        "The harvest's id (path level)."
    )


def _valid(definitions: dict[str, Any], name: str, instance: Any) -> bool:
    schema = {"$defs": definitions, "$ref": f"#/$defs/{name}"}
    return jsonschema.Draft202012Validator(schema).is_valid(instance)


def test_component_schemas_enum_and_nullable(connector: Connector) -> None:
    definitions = connector.definitions
    # the spec's components, and the inline response schema named after its operation
    assert sorted(definitions) == [
        "Harvest",
        "HarvestCreate",
        "HarvestStatus",
        "HarvestUpdate",
        "UploadHarvestPhotoResponse",
    ]
    assert definitions["HarvestStatus"]["enum"] == ["drying", "curing", "packaged", "archived"]
    harvest = {
        "id": 1,
        "batch_code": "B-1",
        "room": 2,
        "status": "curing",
        "harvested": "2031-04-02",
    }
    assert _valid(definitions, "Harvest", harvest)
    assert _valid(definitions, "Harvest", {**harvest, "notes": None})  # nullable
    assert not _valid(definitions, "Harvest", {**harvest, "strain_name": None})  # not nullable
    assert not _valid(definitions, "Harvest", {**harvest, "status": "rotten"})  # the enum
    assert _valid(
        definitions,
        "HarvestCreate",
        {"batch_code": "B", "room": 1, "harvested": "x", "notes": None},
    )
    assert not _valid(definitions, "HarvestCreate", {"batch_code": "B", "room": 1})  # required


def test_building_is_deterministic(connector: Connector) -> None:
    again = generate_files(SPEC, MANIFEST).connector
    assert again == connector
    assert repr(again) == repr(connector)  # dicts in the same order too
