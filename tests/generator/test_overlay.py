"""Overlays (generator/inputs/overlay.py): each action, the warnings, bad overlays, and the shipped repairs.

Targets are RFC 9535 JSONPath queries, read strictly: the standard forms select what the RFC says,
and another dialect's forms (jsonpath-ng's `=~`, `` `len` ``) are input problems naming the action.

The shipped `specs/overlays/leaflink-repairs.yaml` must turn LeafLink's published files into valid
OpenAPI that agrees with our hand-written spec on every bound operation (it makes the repairs our
spec made, no more, no fewer), and change nothing in a document that is already right.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.inputs.load import read_document
from generator.inputs.overlay import Overlay, apply_overlays, load_overlays, parse_overlay
from generator.problems import InputError
from generator.inputs.spec import check_spec

ROOT = Path(__file__).resolve().parents[2]
OVERLAYS = ROOT / "specs" / "overlays"
PINNED = ROOT / "specs" / "leaflink-v2.openapi.yaml"
SHARED = ROOT.parent / "shared" / "leaflink"
OFFICIAL = [
    SHARED / "official-openapi-2025-11.json",
    SHARED / "official-openapi-2026-07.json",
]

DOCUMENT = {
    "info": {"title": "Things", "contact": {"email": "a@b.c"}},
    "tags": [{"name": "one"}],
    "schemas": {
        "Thing": {
            "type": "object",
            "properties": {"done": {"type": "bool"}, "size": {"type": "integer"}},
        },
        "Other": {"type": "object", "properties": {"flag": {"type": "bool"}}},
    },
    "list": ["a", "b", "c", "d"],
}


def _overlay(*actions: dict[str, Any]) -> Overlay:
    document = {
        "overlay": "1.0.0",
        "info": {"title": "test", "version": "1"},
        "actions": list(actions),
    }
    return parse_overlay(document, "test.yaml")


def _apply(*actions: dict[str, Any]) -> tuple[Any, list[str]]:
    return apply_overlays(DOCUMENT, [_overlay(*actions)], "doc.yaml")


def test_update_merges_into_objects_recursively_and_replaces_other_values() -> None:
    update = {"title": "Renamed", "contact": {"name": "Ann"}, "version": "2"}
    document, warnings = _apply({"target": "$.info", "update": update})
    assert document["info"] == {
        "title": "Renamed",
        "contact": {"email": "a@b.c", "name": "Ann"},
        "version": "2",
    }
    assert warnings == []
    assert DOCUMENT["info"] == {
        "title": "Things",
        "contact": {"email": "a@b.c"},
    }  # the input is untouched


def test_update_appends_to_arrays() -> None:
    document, _ = _apply({"target": "$.tags", "update": {"name": "two"}})
    assert document["tags"] == [{"name": "one"}, {"name": "two"}]


def test_a_filter_selects_only_the_defect() -> None:
    fix = {"target": "$..[?@.type == 'bool']", "update": {"type": "boolean"}}
    document, warnings = _apply(fix)
    assert document["schemas"]["Thing"]["properties"]["done"] == {"type": "boolean"}
    assert document["schemas"]["Other"]["properties"]["flag"] == {"type": "boolean"}
    assert document["schemas"]["Thing"]["properties"]["size"] == {"type": "integer"}
    assert warnings == []
    again, notes = apply_overlays(document, [_overlay(fix)], "fixed.yaml")
    assert again == document
    assert notes == ["note: test.yaml: no action applies to fixed.yaml (nothing to repair)"]


def test_remove_deletes_every_selected_node() -> None:
    document, warnings = _apply(
        {"target": "$.schemas.*.properties[?@.type == 'bool']", "remove": True},
        {"target": "$.list[?@ == 'b' || @ == 'd']", "remove": True},
        {"target": "$.info.contact", "remove": True},
    )
    assert document["schemas"]["Thing"]["properties"] == {"size": {"type": "integer"}}
    assert document["schemas"]["Other"]["properties"] == {}
    assert document["list"] == ["a", "c"]
    assert document["info"] == {"title": "Things"}
    assert warnings == []


def test_an_action_that_selects_nothing_is_a_warning() -> None:
    document, warnings = _apply(
        {"target": "$.info", "update": {"version": "2"}},
        {"target": "$..[?@.type == 'objet']", "update": {"type": "object"}},
    )
    assert document["info"]["version"] == "2"
    assert warnings == [
        "warning: test.yaml: actions[1] selects nothing in doc.yaml; remove the action if LeafLink "
        "fixed that defect (target $..[?@.type == 'objet'])"
    ]


def test_an_update_of_a_scalar_is_a_problem() -> None:
    with pytest.raises(InputError) as caught:
        _apply({"target": "$.info.title", "update": {"x": 1}})
    assert [(p.file, p.where) for p in caught.value.problems] == [("test.yaml", "actions[0]")]
    assert "needs an object target" in caught.value.problems[0].message


def test_every_problem_of_a_bad_overlay_is_reported(tmp_path: Path) -> None:
    overlays = tmp_path / "overlays"
    overlays.mkdir()
    bad = {
        "overlay": "2.0.0",
        "info": {"title": "bad"},
        "actions": [
            {"update": {"a": 1}},
            {"target": "$.info"},
            {"target": "$.paths[?(@.x ==", "remove": True},
        ],
    }
    (overlays / "bad.yaml").write_text(yaml.safe_dump(bad), encoding="utf-8")
    (tmp_path / "spec.yaml").write_text(
        yaml.safe_dump({"openapi": "3.0.3", "paths": {}}), encoding="utf-8"
    )
    command = [
        sys.executable,
        "-m",
        "generator",
        "diff",
        "spec.yaml",
        "spec.yaml",
        "--overlays",
        "overlays",
    ]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors[:3] == [
        "error: overlays/bad.yaml: overlay: expected an Overlay 1.0.x version, found '2.0.0'",
        "error: overlays/bad.yaml: info: an overlay needs an info with a title and a version",
        "error: overlays/bad.yaml: actions[0]: an action needs a `target`: a JSONPath starting with '$'",
    ]
    assert (
        errors[3]
        == "error: overlays/bad.yaml: actions[1]: an action needs `remove: true` or an `update`"
    )
    assert errors[4].startswith(
        "error: overlays/bad.yaml: actions[2]: target '$.paths[?(@.x ==' is not an RFC 9535 "
        "JSONPath query: "
    )
    assert len(errors) == 5


def test_overlays_apply_in_file_name_order(tmp_path: Path) -> None:
    for name, title in (("b.yaml", "second"), ("a.yaml", "first")):
        overlay = {
            "overlay": "1.0.1",
            "info": {"title": name, "version": "1"},
            "actions": [{"target": "$.info", "update": {"title": title}}],
        }
        (tmp_path / name).write_text(yaml.safe_dump(overlay), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not an overlay", encoding="utf-8")
    overlays = load_overlays(tmp_path)
    assert [Path(o.file).name for o in overlays] == ["a.yaml", "b.yaml"]
    assert apply_overlays({"info": {}}, overlays, "x")[0] == {"info": {"title": "second"}}
    assert load_overlays(tmp_path / "absent") == []


# --- RFC 9535 syntax, and nothing else ------------------------------------------------------------

SPEC = {
    "paths": {
        "/brands/": {
            "get": {
                "operationId": "brands_list",
                "parameters": [
                    {"name": "company", "in": "query", "schema": {"type": "string"}},
                    {
                        "name": "limit",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "integer"},
                    },
                    {"name": "offset", "in": "query", "schema": {"type": "integer"}},
                ],
            }
        },
        "/strains/": {
            "get": {
                "operationId": "strains_list",
                "parameters": [{"name": "company", "in": "query", "schema": {"type": "bool"}}],
            }
        },
    },
    "components": {"schemas": {"Flag": {"type": "bool", "enum": []}}},
}


def _apply_to_spec(*actions: dict[str, Any]) -> tuple[Any, list[str]]:
    return apply_overlays(SPEC, [_overlay(*actions)], "spec.yaml")


def test_a_standard_filter_selects_by_a_member() -> None:
    target = "$.paths['/brands/'].get.parameters[?@.name == 'limit']"
    document, warnings = _apply_to_spec({"target": target, "update": {"description": "Page size."}})
    assert document["paths"]["/brands/"]["get"]["parameters"] == [
        {"name": "company", "in": "query", "schema": {"type": "string"}},
        {
            "name": "limit",
            "in": "query",
            "required": False,
            "schema": {"type": "integer"},
            "description": "Page size.",
        },
        {"name": "offset", "in": "query", "schema": {"type": "integer"}},
    ]
    assert warnings == []


def test_a_descendant_filter_selects_at_every_depth() -> None:
    document, warnings = _apply_to_spec(
        {"target": "$..[?@.type == 'bool']", "update": {"type": "boolean"}}
    )
    assert document["paths"]["/strains/"]["get"]["parameters"][0]["schema"] == {"type": "boolean"}
    assert document["components"]["schemas"]["Flag"] == {"type": "boolean", "enum": []}
    assert document["paths"]["/brands/"]["get"]["parameters"][0]["schema"] == {"type": "string"}
    assert warnings == []


def test_an_existence_test_selects_members_that_exist_whatever_their_value() -> None:
    # RFC 9535 `[?@.required]` tests that the member exists: `required: false` and `enum: []` count
    document, warnings = _apply_to_spec(
        {"target": "$.paths.*.get.parameters[?@.required]", "remove": True},
        {"target": "$.components.schemas[?@.enum && !@.format]", "update": {"format": "flag"}},
    )
    assert [p["name"] for p in document["paths"]["/brands/"]["get"]["parameters"]] == [
        "company",
        "offset",
    ]
    assert document["components"]["schemas"]["Flag"] == {
        "type": "bool",
        "enum": [],
        "format": "flag",
    }
    assert warnings == []


def test_the_standard_functions_match_and_length() -> None:
    document, warnings = _apply_to_spec(
        # match() is a whole-string match: `company` matches, a name merely containing it would not
        {"target": "$.paths.*.get.parameters[?match(@.name, 'company|offset')]", "remove": True},
        {"target": "$.paths[?length(@.get.parameters) == 1].get", "update": {"deprecated": True}},
    )
    assert [p["name"] for p in document["paths"]["/brands/"]["get"]["parameters"]] == ["limit"]
    assert document["paths"]["/strains/"]["get"] == {
        "operationId": "strains_list",
        "parameters": [],
    }
    assert document["paths"]["/brands/"]["get"]["deprecated"] is True
    assert warnings == []


def test_removing_several_array_items_keeps_the_others_in_order() -> None:
    document, _ = _apply({"target": "$.list[0,2,3]", "remove": True})
    assert document["list"] == ["b"]
    document, _ = _apply({"target": "$.list[-1]", "remove": True})
    assert document["list"] == ["a", "b", "c"]


def test_removing_the_root_is_a_problem() -> None:
    with pytest.raises(InputError) as caught:
        _apply({"target": "$", "remove": True})
    assert [(p.file, p.where, p.message) for p in caught.value.problems] == [
        ("test.yaml", "actions[0]", "cannot remove $: it has no container")
    ]


@pytest.mark.parametrize(
    "target",
    [
        "$.paths.*.get.parameters[?@.name =~ 'lim']",  # jsonpath-ng's regex operator
        "$.paths['/brands/'][?@.parameters.`len` == 3]",  # jsonpath-ng's `len`
        "$.paths.*.get.parameters[*].name.`parent`",  # jsonpath-ng's `parent`
        "$.paths.*.get[?len(@.parameters) == 3]",  # no function `len` in RFC 9535
        "$.paths.*.get[?@.parameters[*] == 'x']",  # a comparison needs a singular query
        "$.paths.*.get.parameters.length()",  # not a JSONPath at all
    ],
)
def test_a_target_in_another_dialect_is_a_problem_naming_the_action(target: str) -> None:
    document = {
        "overlay": "1.0.0",
        "info": {"title": "test", "version": "1"},
        "actions": [
            {"target": "$.info", "update": {"version": "2"}},
            {"target": target, "remove": True},
        ],
    }
    with pytest.raises(InputError) as caught:
        parse_overlay(document, "dialect.yaml")
    [problem] = caught.value.problems
    assert (problem.file, problem.where) == ("dialect.yaml", "actions[1]")
    prefix = f"target {target!r} is not an RFC 9535 JSONPath query: "
    assert problem.message.startswith(prefix)
    assert ", line 1, column " in problem.message  # the library's own message follows


# --- the shipped repairs of LeafLink's file ------------------------------------------------------

needs_shared = pytest.mark.skipif(
    not SHARED.is_dir(), reason=f"LeafLink's files are not here: {SHARED}"
)


@needs_shared
@pytest.mark.parametrize("official", OFFICIAL, ids=lambda path: path.stem)
def test_the_repairs_make_leaflinks_file_valid_openapi(official: Path) -> None:
    raw = json.loads(official.read_text(encoding="utf-8"))
    assert len(check_spec(raw, official.name)) >= 13
    repaired, warnings = apply_overlays(raw, load_overlays(OVERLAYS), official.name)
    assert warnings == []  # every repair still has its defect to repair
    assert check_spec(repaired, official.name) == []
    again, notes = apply_overlays(repaired, load_overlays(OVERLAYS), "repaired")
    assert again == repaired
    assert notes == [
        f"note: {OVERLAYS / 'leaflink-repairs.yaml'}: no action applies to repaired (nothing to repair)"
    ]


@needs_shared
def test_the_repairs_are_the_ones_our_hand_written_spec_made() -> None:
    from tests.test_conformance import (
        KNOWN_REPAIRS,
        bound_operations,
        compare,
        ours_spec,
        theirs_spec,
    )

    repaired, _ = apply_overlays(copy.deepcopy(theirs_spec()), load_overlays(OVERLAYS), "official")
    assert KNOWN_REPAIRS  # our spec does repair LeafLink's file ...
    assert (
        list(compare(ours_spec(), repaired, bound_operations()).found) == []
    )  # ... exactly as the overlay


def test_the_repairs_change_nothing_in_our_pinned_spec() -> None:
    pinned = read_document(PINNED)
    repaired, notes = apply_overlays(pinned, load_overlays(OVERLAYS), "pinned")
    assert repaired == pinned
    assert len(notes) == 1 and notes[0].startswith("note:")
