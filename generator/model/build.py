"""spec + manifest -> the intermediate model. The only module that reads the raw spec's operations."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..inputs.manifest import DdlSettings, ManifestEntry
from ..inputs.validate import Inputs
from ..problems import InputError, Problem
from . import names, openapi, schemas
from .intermediate import (
    Body,
    Connector,
    DdlOption,
    DdlSource,
    Operation,
    Parameter,
    Resource,
    Response,
    SourceFile,
)

JSON = "application/json"
FORM = ("multipart/form-data", "application/x-www-form-urlencoded")

DDL_OUTPUT = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {"text": {"type": "string"}, "value": {}},
        "required": ["text", "value"],
        "additionalProperties": False,
    },
}
NO_INPUT = {"type": "object", "properties": {}, "additionalProperties": False}
DDL_INPUT = {  # a drop-down that walks a list: how many items a page
    "type": "object",
    "properties": {
        "page_size": {
            "type": "integer",
            "minimum": 1,
            "description": "Items asked for a page while walking the list (default 100).",
        }
    },
    "additionalProperties": False,
}
RAW_INPUT = {
    "type": "object",
    "properties": {
        "method": {
            "enum": ["GET", "POST", "PUT", "PATCH", "DELETE"],
            "description": "HTTP method.",
        },
        "endpoint": {
            "type": "string",
            "description": "Path after the base URL, e.g. /product-categories/.",
        },
        "query": {"type": "object", "description": "Query parameters."},
        "body_type": {
            "enum": ["none", "json", "form", "raw"],
            "description": "How `body` is sent.",
        },
        "body": {"description": "The body: JSON value, form fields, or text for raw."},
    },
    "required": ["method", "endpoint"],
    "additionalProperties": False,
}


def build(inputs: Inputs) -> Connector:
    """Resolve every manifest entry against the spec; raise `InputError` for what cannot be resolved."""
    spec, class_renames = schemas.with_class_names(inputs.spec)
    components = (spec.get("components") or {}).get("schemas") or {}
    builder = _Builder(spec, dict(components), inputs.manifest_file, inputs.spec)
    builder.renames += [
        f"{inputs.spec_file}: schema {old!r} is the model class `{new}`"
        for old, new in class_renames
    ]
    operations = tuple(builder.operation(entry) for entry in inputs.manifest.entries)
    if builder.problems:
        raise InputError(builder.problems)
    model_components = schemas.required_nulls_for_models(
        schemas.name_inline_schemas(
            schemas.decimals_for_models(builder.components)  # one `Decimal` per decimal
        )
    )
    return Connector(
        title=str(spec["info"].get("title", "")),
        api_version=str(spec["info"].get("version", "")),
        version=package_version(
            str(spec["info"].get("version", "")),
            inputs.manifest.release,
        ),
        operations=tuple(sorted(operations, key=lambda op: op.key)),
        resources=resources(operations),
        definitions={
            name: schemas.to_json_schema(schema)
            for name, schema in sorted(builder.components.items())
        },
        model_spec=_model_spec(spec, model_components),
        params_spec=_model_spec(
            spec,
            schemas.request_side(  # decimals stay string-or-number: JSON, as sent
                schemas.required_nulls_for_models(schemas.name_inline_schemas(builder.components)),
                [op.body.model for op in operations if op.body and op.body.model],
            ),
        ),
        sources=(_source(inputs.spec_file), _source(inputs.manifest_file)),
        renames=tuple(builder.renames),
    )


def resources(operations: tuple[Operation, ...]) -> tuple[Resource, ...]:
    """The operations by resource, in manifest order: each resource where its first operation
    is, its operations as the manifest lists them (`raw` has none: it is the runtime's)."""
    grouped: dict[str, list[Operation]] = {}
    for op in operations:
        if op.resource is not None:
            grouped.setdefault(op.resource, []).append(op)
    return tuple(
        Resource(
            name=name,
            module=names.resource_module(name),
            class_name=names.pascal(name) + "Mixin",
            operations=tuple(ops),
        )
        for name, ops in grouped.items()
    )


def package_version(api_version: str, release: int) -> str:
    """The `leaflink` distribution's version: the pinned API's, then the manifest's release.

    LeafLink names its versions by month (`2026-07`): that is `2026.7`, and release 2 of the
    manifest for it makes `2026.7.2` (PEP 440, ordered as the API and the releases are). Any
    other version gives its numbers in order (`v2.1` is `2.1.2`); one without numbers, `0`.
    """
    numbers = [str(int(part)) for part in re.findall(r"\d+", api_version)] or ["0"]
    return ".".join([*numbers, str(release)])


def _model_spec(spec: Mapping[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    """A spec of only `components`, as datamodel-code-generator reads one."""
    return {
        "openapi": spec["openapi"],
        "info": spec["info"],
        "paths": {},
        "components": {"schemas": components},
    }


def _source(file: str) -> SourceFile:
    path = Path(file)
    return SourceFile(path.name, hashlib.sha256(path.read_bytes()).hexdigest())


class _Builder:
    """Builds operations one manifest entry at a time, collecting problems and hoisted schemas."""

    def __init__(
        self,
        spec: Mapping[str, Any],
        components: dict[str, Any],
        manifest_file: str,
        source: Mapping[str, Any],
    ) -> None:
        self.spec = spec
        self.source = source  # the spec as written: the manifest's pointers point into it
        self.components = components
        self.manifest_file = manifest_file
        self.problems: list[Problem] = []
        self.renames: list[str] = []

    def operation(self, entry: ManifestEntry) -> Operation:
        common: dict[str, Any] = {
            "key": entry.key,
            "name": entry.name,
            "description": " ".join(entry.description.split()),
            "resource": names.resource_of(entry),
        }
        kind = entry.kind
        if kind == "call":
            return self._call(entry, common)
        if kind == "ddl":
            assert entry.ddl is not None
            ddl = self._ddl(entry.ddl)
            return Operation(
                kind="ddl",
                ddl=ddl,
                input_schema=DDL_INPUT if ddl.source == "endpoint" else NO_INPUT,
                output_schema=DDL_OUTPUT,
                **common,
            )
        if kind == "local":
            assert entry.local_enum is not None
            values = tuple(value for value in self._enum(entry.local_enum) if value is not None)
            output = {"type": "array", "items": {"enum": list(values)}}
            return Operation(
                kind="local",
                values=values,
                input_schema=NO_INPUT,
                output_schema=output,
                **common,
            )
        return Operation(kind="raw", input_schema=RAW_INPUT, output_schema={}, **common)

    # -- calls ---------------------------------------------------------------------------------

    def _call(self, entry: ManifestEntry, common: dict[str, Any]) -> Operation:
        assert entry.binds is not None
        method, _, path = entry.binds.partition(" ")
        found = openapi.find_operation(self.spec, entry.binds)
        assert found is not None  # the validator checked the binding
        operation, path_item = found
        where = f"{entry.name} ({entry.binds})"
        raw_parameters = self._parameters(operation, path_item)
        body, form_fields = self._body(operation, entry.key, where)
        api_names = [p["name"] for p in raw_parameters] + [name for name, _, _ in form_fields]
        python_names, renames = names.parameter_names(api_names)
        self.renames += [f"{where}: parameter {api!r} is `{new}` in Python" for api, new in renames]
        parameters = tuple(
            self._parameter(raw, python_name)
            for raw, python_name in zip(raw_parameters, python_names)
        )
        form = tuple(
            self._form_field(field, schema, required, python_name)
            for (field, schema, required), python_name in zip(
                form_fields, python_names[len(raw_parameters) :]
            )
        )
        response = self._response(operation, entry.key, where)
        return Operation(
            kind="call",
            method=method,
            path=path,
            summary=str(operation.get("summary") or ""),
            details=" ".join(str(operation.get("description") or "").split()),
            parameters=parameters,
            body=body,
            form=form,
            response=response,
            input_schema=_input_schema(parameters + form, body),
            output_schema=response.schema if response else {"type": "null"},
            **common,
        )

    def _parameters(
        self, operation: Mapping[str, Any], path_item: Mapping[str, Any]
    ) -> list[Mapping[str, Any]]:
        """The path and query parameters: path first, each in the spec's order."""
        merged = openapi.merged_parameters(
            operation, path_item, lambda node: openapi.resolve(self.spec, node)
        )
        chosen = [p for p in merged.values() if p["in"] in ("path", "query")]
        return sorted(chosen, key=lambda p: p["in"] != "path")

    def _parameter(self, raw: Mapping[str, Any], python_name: str) -> Parameter:
        schema = openapi.resolve(self.spec, raw.get("schema") or {})
        query = raw["in"] == "query"
        return Parameter(
            api_name=raw["name"],
            python_name=python_name,
            location=raw["in"],
            required=bool(raw.get("required")) or raw["in"] == "path",
            annotation=(schemas.query_type(schema) if query else schemas.python_type(schema)),
            description=" ".join(str(raw.get("description") or "").split()),
            schema=(
                schemas.query_json_schema(schema, str(raw.get("description") or ""))
                if query
                else schemas.to_json_schema(
                    {
                        **schema,
                        **({"description": raw["description"]} if raw.get("description") else {}),
                    }
                )
            ),
        )

    def _form_field(
        self, field: str, schema: Mapping[str, Any], required: bool, python_name: str
    ) -> Parameter:
        return Parameter(
            api_name=field,
            python_name=python_name,
            location="file" if schema.get("format") == "binary" else "form",
            required=required,
            annotation=schemas.python_type(schema),
            description=" ".join(str(schema.get("description") or "").split()),
            schema=schemas.to_json_schema(schema),
        )

    def _body(
        self, operation: Mapping[str, Any], key: str, where: str
    ) -> tuple[Body | None, list[tuple[str, Mapping[str, Any], bool]]]:
        if "requestBody" not in operation:
            return None, []
        request = openapi.resolve(self.spec, operation["requestBody"])
        content = request.get("content") or {}
        required = bool(request.get("required"))
        description = " ".join(str(request.get("description") or "").split())
        if JSON in content:
            model = self._model_name(content[JSON].get("schema") or {}, names.pascal(key) + "Body")
            schema = schemas.to_json_schema({"$ref": schemas.COMPONENT_PREFIX + model})
            return Body(JSON, required, model, description, schema), []
        form_type = next((t for t in FORM if t in content), None)
        if form_type is None:
            self.problems.append(
                Problem(
                    self.manifest_file,
                    where,
                    f"unsupported request content types {sorted(content)}",
                )
            )
            return None, []
        schema = openapi.resolve(self.spec, content[form_type].get("schema") or {})
        required_fields = set(schema.get("required") or [])
        fields = [
            (field, openapi.resolve(self.spec, value), field in required_fields)
            for field, value in openapi.schema_properties(self.spec, schema).items()
        ]
        return (
            Body(form_type, required, None, description, schemas.to_json_schema(schema)),
            fields,
        )

    def _response(self, operation: Mapping[str, Any], key: str, where: str) -> Response | None:
        success = openapi.success_response(operation)
        if success is None:
            self.problems.append(
                Problem(self.manifest_file, where, "the operation documents no 2xx response")
            )
            return None
        status, raw = success
        response = openapi.resolve(self.spec, raw)
        content = response.get("content") or {}
        if not content:
            return Response(status, None, False, {"type": "null"})
        if JSON not in content:
            self.problems.append(
                Problem(
                    self.manifest_file,
                    where,
                    f"unsupported response content types {sorted(content)}",
                )
            )
            return None
        schema_node = content[JSON].get("schema") or {}
        item = openapi.page_item_schema(self.spec, operation)
        if item is not None:
            page = openapi.resolve(self.spec, schema_node)
            results = openapi.resolve(self.spec, page["properties"]["results"])
            model = self._model_name(results["items"], names.pascal(key) + "Item")
            return Response(status, model, True, schemas.to_json_schema(page))
        model = self._model_name(schema_node, names.pascal(key) + "Response")
        return Response(
            status,
            model,
            False,
            schemas.to_json_schema({"$ref": schemas.COMPONENT_PREFIX + model}),
        )

    def _model_name(self, node: Mapping[str, Any], fallback: str) -> str:
        """The component a schema refers to; an inline schema becomes a component named `fallback`."""
        name = schemas.ref_name(node)
        if name is not None:
            return name
        while fallback in self.components:
            fallback += "Model"
        self.components[fallback] = dict(node)
        return fallback

    # -- drop-downs and local values --------------------------------------------------------------

    def _ddl(self, ddl: DdlSettings) -> DdlSource:
        if ddl.source == "endpoint":
            assert ddl.binds is not None and ddl.value is not None
            method, _, path = ddl.binds.partition(" ")
            return DdlSource("endpoint", method, path, ddl.text, ddl.value, ddl.distinct)
        if ddl.source == "enum":
            assert ddl.pointer is not None
            labels = dict(ddl.labels)
            values = [value for value in self._enum(ddl.pointer) if value is not None]
            return DdlSource(
                "enum",
                options=tuple(DdlOption(labels.get(str(v), str(v)), v) for v in values),
            )
        return DdlSource(
            "static",
            options=tuple(DdlOption(text, value) for text, value in ddl.options),
        )

    def _enum(self, pointer: str) -> list[Any]:
        return list(openapi.resolve(self.source, openapi.pointer_get(self.source, pointer))["enum"])


def _input_schema(parameters: tuple[Parameter, ...], body: Body | None) -> dict[str, Any]:
    properties = {p.python_name: p.schema for p in parameters}
    required = [p.python_name for p in parameters if p.required]
    if body is not None and body.model is not None:
        properties["body"] = body.schema
        if body.required:
            required.append("body")
    schema: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    if required:
        schema["required"] = required
    return schema
