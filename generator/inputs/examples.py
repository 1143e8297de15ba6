"""Check every example of an OpenAPI 3.0 document against the schema it illustrates.

An example that contradicts its schema is evidence: either the example or the schema is wrong.
`check_examples(spec, file)` returns one `Problem` per contradiction, located at the example's
JSON pointer plus the path inside it, for instance

    specs/x.yaml: /paths/~1orders~1/get/responses/200/content/application~1json/example/results/0/buyer/id:
    expected string, found integer 4231

What is checked (every `$ref` in a schema is followed, within the document):

- a media type's `example` and `examples.*.value` (request bodies, responses, and parameters
  and headers described by `content`) against the media type's `schema`;
- a parameter's or header's `example` and `examples.*.value` against its `schema`;
- a schema's own `example` against that schema: component schemas and every schema inside
  them or inside a media type, parameter or header (`properties`, `items`,
  `additionalProperties`, `allOf`, `anyOf`, `oneOf`, `not`).

An `examples` entry that is a `$ref` to `#/components/examples/...` is checked where it is used
and reported at the component's `value`, with a hint naming the place that uses it. A schema
holding a `$ref` has its other keys ignored (OpenAPI 3.0), its `example` included. Callbacks
and `externalValue` are not checked.

Examples are validated by openapi-schema-validator's OpenAPI 3.0 validators, with the
document registered as the only resource (`$ref`s resolve in it; nothing else is ever read):
`format` by its format checker (date-time, uuid, int32...; unknown formats such as `decimal`
pass), `readOnly` and `writeOnly` by side. Those of a request body or a parameter are something
sent (a required `readOnly` property may be missing, a `readOnly` property present is a
contradiction), those of a response or a response header something received (the reverse for
`writeOnly`), and a component schema's own example either (neither kind of property is
required, both may be present). `nullable: true` admits null whatever else the schema says (an
`enum`, an `anyOf`, no `type`), as the generated models do; beside a `$ref` it is ignored. One
validator is made per schema and side, and reused for every example of that schema.

A message says what the schema expects and what the example has (its JSON type and a short
value): `expected string, found integer 4231`, `expected one of "red", "green", found string
"blue"`, `expected format date-time, found string "yesterday"`, `expected required property
'size', found none`, `expected string or number, found boolean true` (an `anyOf` whose every
branch failed on the type), `expected minimum 0, found integer -1`. Where an `anyOf`/`oneOf`
got further in one branch, that branch's error is reported. An example whose schema the
validator cannot read (LeafLink's `type: objet`) is reported as not checked, with the reason.

Severity, decided here and applied by the callers: warnings, never a reason to stop. The
connector parses answers tolerantly (a field of an unexpected type is kept as sent), so a
schema that an example contradicts breaks no call; the contradiction is evidence for a repair,
reported where someone reviews the spec:

- `validate`, `generate` and `check` print each contradiction of the pinned spec as a
  `warning:` line and go on (the project's own spec has none: `tests/generator` holds it to
  that, so a contradiction written into it fails the suite).
- `diff` and `pin` report the contradictions of the new spec (after the overlays) in a section
  of the report (`diff_report.py`; `examples` in the JSON): a file pinned with some generates
  with warnings until an overlay repairs each one, the schema or the example.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import quote

from ..model import openapi
from ..problems import Problem

# The URI the whole document is registered under, so that `#/components/...` resolves in it.
BASE = "urn:leaflink-generator:spec"
SCHEMA_KEYWORDS_ONE = ("items", "additionalProperties", "not")
SCHEMA_KEYWORDS_MANY = ("allOf", "anyOf", "oneOf")
VALUE_LIMIT = 40

# The side of an exchange an example is on: which of readOnly / writeOnly applies.
SENT, RECEIVED, EITHER = "sent", "received", "either"


def check_examples(spec: Mapping[str, Any], file: str) -> list[Problem]:
    """Every contradiction between an example of `spec` and its schema, in document order.

    `spec` should be valid OpenAPI 3.0 with local `$ref`s only (`spec.check_spec` first).
    """
    checker = _Checker(spec, file)
    checker.run()
    return checker.problems


def pointer(tokens: tuple[Any, ...] | list[Any]) -> str:
    """The RFC 6901 JSON pointer of a path of keys and indexes (`~` and `/` escaped)."""
    return "".join("/" + str(token).replace("~", "~0").replace("/", "~1") for token in tokens)


def describe(value: Any) -> str:
    """The JSON type of a value and a short JSON rendering of it: `integer 4231`, `null`."""
    if value is None:
        return "null"
    kind = _json_type(value)
    try:
        text = json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        text = repr(value)
    if len(text) > VALUE_LIMIT:
        text = text[: VALUE_LIMIT - 3] + "..."
    return f"{kind} {text}"


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, Mapping):
        return "object"
    return type(value).__name__


class _Checker:
    """One walk over the document, collecting problems; validators made once per schema and side."""

    def __init__(self, spec: Mapping[str, Any], file: str) -> None:
        self.spec = spec
        self.file = file
        self.problems: list[Problem] = []
        self._validators: dict[tuple[str, str], Any] = {}
        self._registry: Any = None

    # --- the walk ------------------------------------------------------------------------

    def run(self) -> None:
        paths = self.spec.get("paths")
        for path, item in _items(paths):
            if not isinstance(item, Mapping):
                continue
            here = ("paths", path)
            self._parameters(item.get("parameters"), (*here, "parameters"))
            for method in openapi.HTTP_METHODS:
                operation = item.get(method)
                if isinstance(operation, Mapping):
                    self._operation(operation, (*here, method))
        components = self.spec.get("components")
        components = components if isinstance(components, Mapping) else {}
        for name, schema in _items(components.get("schemas")):
            self._schema(schema, ("components", "schemas", name), EITHER)
        for name, parameter in _items(components.get("parameters")):
            self._parameter(parameter, ("components", "parameters", name), SENT)
        for name, body in _items(components.get("requestBodies")):
            self._body(body, ("components", "requestBodies", name), SENT)
        for name, response in _items(components.get("responses")):
            self._body(response, ("components", "responses", name), RECEIVED)
        for name, header in _items(components.get("headers")):
            self._parameter(header, ("components", "headers", name), RECEIVED)

    def _operation(self, operation: Mapping[str, Any], here: tuple[Any, ...]) -> None:
        self._parameters(operation.get("parameters"), (*here, "parameters"))
        self._body(operation.get("requestBody"), (*here, "requestBody"), SENT)
        for status, response in _items(operation.get("responses")):
            self._body(response, (*here, "responses", status), RECEIVED)

    def _parameters(self, parameters: Any, here: tuple[Any, ...]) -> None:
        if isinstance(parameters, list):
            for index, parameter in enumerate(parameters):
                self._parameter(parameter, (*here, index), SENT)

    def _parameter(self, parameter: Any, here: tuple[Any, ...], side: str) -> None:
        """A parameter or a header: `schema` with `example(s)`, or `content`."""
        if not isinstance(parameter, Mapping) or "$ref" in parameter:
            return  # a reference is checked where it is defined, in components
        schema = parameter.get("schema")
        if schema is not None:
            self._examples_of(parameter, schema, here, side)
            self._schema(schema, (*here, "schema"), side)
        self._content(parameter.get("content"), (*here, "content"), side)

    def _body(self, body: Any, here: tuple[Any, ...], side: str) -> None:
        """A request body or a response: its `content`, and a response's `headers`."""
        if not isinstance(body, Mapping) or "$ref" in body:
            return
        self._content(body.get("content"), (*here, "content"), side)
        for name, header in _items(body.get("headers")):
            self._parameter(header, (*here, "headers", name), side)

    def _content(self, content: Any, here: tuple[Any, ...], side: str) -> None:
        for media_type, media in _items(content):
            if isinstance(media, Mapping) and media.get("schema") is not None:
                where = (*here, media_type)
                self._examples_of(media, media["schema"], where, side)
                self._schema(media["schema"], (*where, "schema"), side)

    def _examples_of(
        self,
        holder: Mapping[str, Any],
        schema: Any,
        here: tuple[Any, ...],
        side: str,
    ) -> None:
        """`example` and `examples.*.value` of a media type, parameter or header."""
        schema_at = (*here, "schema")
        if "example" in holder:
            self._check(holder["example"], schema_at, side, (*here, "example"))
        for name, example in _items(holder.get("examples")):
            used_at = (*here, "examples", name)
            hint = ""
            if isinstance(example, Mapping) and "$ref" in example:
                try:
                    target = _reference_target(self.spec, example)
                except openapi.PointerError:
                    continue  # reported by spec.check_references
                hint = f"the example used at {pointer(used_at)}"
                used_at = _tokens(target)
                example = openapi.pointer_get(self.spec, target)
            if isinstance(example, Mapping) and "value" in example:
                self._check(example["value"], schema_at, side, (*used_at, "value"), hint)

    def _schema(self, schema: Any, here: tuple[Any, ...], side: str) -> None:
        """A schema's own `example`, then every schema inside it (never through `$ref`)."""
        if not isinstance(schema, Mapping) or "$ref" in schema:
            return
        if "example" in schema:
            self._check(schema["example"], here, side, (*here, "example"))
        for name, inner in _items(schema.get("properties")):
            self._schema(inner, (*here, "properties", name), side)
        for keyword in SCHEMA_KEYWORDS_ONE:
            if isinstance(schema.get(keyword), Mapping):
                self._schema(schema[keyword], (*here, keyword), side)
        for keyword in SCHEMA_KEYWORDS_MANY:
            if isinstance(schema.get(keyword), list):
                for index, inner in enumerate(schema[keyword]):
                    self._schema(inner, (*here, keyword, index), side)

    # --- validation ----------------------------------------------------------------------

    def _check(
        self,
        example: Any,
        schema_at: tuple[Any, ...],
        side: str,
        example_at: tuple[Any, ...],
        hint: str = "",
    ) -> None:
        validator = self._validator(pointer(schema_at), side)
        seen: set[tuple[str, str]] = set()
        try:
            errors = list(validator.iter_errors(example))
        except RecursionError:
            message = "could not be checked: its schema refers to itself without end"
            self.problems.append(Problem(self.file, pointer(example_at), message, hint))
            return
        except Exception as error:  # a schema the validator cannot read
            reason = getattr(error, "type", None)  # jsonschema's UnknownType
            text = f"unknown type {reason!r}" if reason else " ".join(str(error).split())
            text = f"{type(error).__name__}: {text}"
            text = text if len(text) <= 120 else text[:117] + "..."
            message = f"could not be checked against its schema ({text})"
            self.problems.append(Problem(self.file, pointer(example_at), message, hint))
            return
        for found in sorted(map(_leaf, errors), key=_path_order):
            where = pointer((*example_at, *found.absolute_path))
            message = _message(found)
            if (where, message) not in seen:
                seen.add((where, message))
                self.problems.append(Problem(self.file, where, message, hint))

    def _validator(self, schema_pointer: str, side: str) -> Any:
        key = (schema_pointer, side)
        if key not in self._validators:
            cls = _validator_classes()[side]
            reference = {"$ref": f"{BASE}#{quote(schema_pointer, safe='/~')}"}
            self._validators[key] = cls(
                reference,
                registry=self._spec_registry(),
                format_checker=cls.FORMAT_CHECKER,
            )
        return self._validators[key]

    def _spec_registry(self) -> Any:
        """A referencing registry holding only the document itself: nothing else is ever read."""
        if self._registry is None:
            from referencing import Registry
            from referencing.jsonschema import DRAFT4

            resource = DRAFT4.create_resource(self.spec)
            self._registry = Registry().with_resource(BASE, resource)
        return self._registry


@functools.cache
def _validator_classes() -> dict[str, Any]:
    """openapi-schema-validator's OpenAPI 3.0 validators by side, where `nullable: true` admits
    null whatever else the schema says (an `enum`, an `anyOf`, no `type`), as the generated
    models do (`schemas.to_json_schema`); beside a `$ref` it is ignored, as there."""
    from jsonschema.validators import extend
    from openapi_schema_validator import (
        OAS30ReadValidator,
        OAS30Validator,
        OAS30WriteValidator,
    )

    def admitting_null(keyword: Any) -> Any:
        def check(validator: Any, value: Any, instance: Any, schema: Any) -> Any:
            if instance is None and schema.get("nullable") is True:
                return
            yield from keyword(validator, value, instance, schema)

        return check

    def nullable(cls: Any) -> Any:
        keywords = {
            name: admitting_null(keyword)
            for name, keyword in cls.VALIDATORS.items()
            if name != "$ref"
        }
        return extend(  # type: ignore[no-untyped-call]
            cls, keywords, format_checker=cls.FORMAT_CHECKER
        )

    return {
        SENT: nullable(OAS30WriteValidator),
        RECEIVED: nullable(OAS30ReadValidator),
        EITHER: nullable(OAS30Validator),
    }


def _items(node: Any) -> Iterator[tuple[Any, Any]]:
    return iter(node.items()) if isinstance(node, Mapping) else iter(())


def _tokens(text: str) -> tuple[str, ...]:
    """The reference tokens of a `#/a/b` pointer, unescaped."""
    return tuple(part.replace("~1", "/").replace("~0", "~") for part in text[1:].split("/")[1:])


def _reference_target(spec: Any, node: Mapping[str, Any], limit: int = 50) -> str:
    """The `#/...` pointer a chain of `$ref`s from `node` ends at (PointerError if it does not)."""
    target = ""
    for _ in range(limit):
        if not (isinstance(node, Mapping) and "$ref" in node):
            return target
        target = node["$ref"]
        if not isinstance(target, str):
            raise openapi.PointerError("$ref must be a string")
        node = openapi.pointer_get(spec, target)
    raise openapi.PointerError(f"{target!r} is part of a $ref cycle")


def _path_order(error: Any) -> list[tuple[int, Any]]:
    """Errors by where they are in the example (indexes as numbers)."""
    return [(0, p) if isinstance(p, int) else (1, str(p)) for p in error.absolute_path]


def _leaf(error: Any) -> Any:
    """For an `anyOf`/`oneOf` no branch matched: the error of the branch that came closest.

    When every branch failed on the type of the value itself (`anyOf: [string, number]` given
    `true`), the `anyOf` error stays: its message lists the types of all the branches.
    """
    from jsonschema.exceptions import best_match

    while error.validator in ("anyOf", "oneOf") and error.context:
        if _branch_types(error):
            return error
        error = best_match(error.context) or error
    return error


def _branch_types(error: Any) -> list[str]:
    """The types of the branches of an `anyOf`/`oneOf` when each failed only on its type."""
    context = error.context or []
    if not context or any(
        e.validator != "type" or list(e.absolute_path) != list(error.absolute_path) for e in context
    ):
        return []
    types: list[str] = []
    for e in context:
        for kind in (
            e.validator_value if isinstance(e.validator_value, list) else [e.validator_value]
        ):
            if str(kind) not in types:
                types.append(str(kind))
    return types


def _message(error: Any) -> str:
    """`expected <what the schema says>, found <what the example has>`, short."""
    keyword, value, instance = error.validator, error.validator_value, error.instance
    found = describe(instance)
    if keyword == "type":
        expected = " or ".join(value) if isinstance(value, list) else str(value)
        return f"expected {expected}, found {found}"
    if keyword == "enum":
        return f"expected one of {_short_list(value)}, found {found}"
    if keyword == "format":
        return f"expected format {value}, found {found}"
    if keyword == "required":
        prefix = error.message.removesuffix(" is a required property")
        return f"expected required property {prefix}, found none"
    if keyword == "additionalProperties":
        extra = sorted(str(k) for k in instance if k not in (error.schema.get("properties") or {}))
        return f"expected no other properties, found {_short_list(extra)}"
    if keyword == "readOnly":
        return f"expected no read-only property in a request, found {found}"
    if keyword == "writeOnly":
        return f"expected no write-only property in a response, found {found}"
    if keyword in ("anyOf", "oneOf") and _branch_types(error):
        return f"expected {' or '.join(_branch_types(error))}, found {found}"
    if keyword in ("anyOf", "oneOf"):
        many = "exactly one" if keyword == "oneOf" else "at least one"
        return f"expected {many} of the {keyword} schemas to match, found {found}"
    if keyword == "not":
        return f"expected not to match the `not` schema, found {found}"
    shown = json.dumps(value, ensure_ascii=False, default=str)
    if len(shown) > VALUE_LIMIT:
        shown = shown[: VALUE_LIMIT - 3] + "..."
    return f"expected {keyword} {shown}, found {found}"


def _short_list(values: Any, limit: int = 8) -> str:
    shown = [json.dumps(v, ensure_ascii=False, default=str) for v in list(values)[:limit]]
    more = len(values) - limit
    return ", ".join(shown) + (f" (+{more} more)" if more > 0 else "")
