"""The differences between two versions of one operation, each a `Change` (see `diff`).

Parameters are matched by location and name (path-level and operation-level merged); the
request body and the success response (the lowest 2xx) by content type; schemas through `$ref`s
and `allOf`, by type, format, nullable, enum, required and properties, down into `items`.
Whether a change breaks a client of the connector depends on its direction: the client sends
parameters and requests (inbound) and reads responses.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..model import openapi
from ..problems import Problem

MAX_DEPTH = 32
INBOUND = ("parameter", "request")
Schema = Mapping[str, Any]

TEMPLATES = {
    "parameter-added": "parameter added ({new})",
    "parameter-removed": "parameter removed (was {old})",
    "parameter-required": "now required",
    "parameter-optional": "no longer required",
    "request-body-added": "body added ({new})",
    "request-body-removed": "body removed (was {old})",
    "request-body-required": "body now required",
    "request-body-optional": "body no longer required",
    "response-status-changed": "success status {old} -> {new}",
    "content-type-added": "content type {new} added",
    "content-type-removed": "content type {old} removed",
    "type-changed": "type {old} -> {new}",
    "enum-value-added": "enum value {new} added",
    "enum-value-removed": "enum value {old} removed",
    "enum-added": "values restricted to {new}",
    "enum-removed": "values no longer restricted (were {old})",
    "property-added": "property added ({new})",
    "property-removed": "property removed (was {old})",
    "property-required": "now required",
    "property-optional": "no longer required",
}


@dataclass(frozen=True)
class Change:
    """One difference in an operation. `old`/`new` are what the location held (a type, a value)."""

    kind: str
    location: str
    message: str
    breaking: bool
    old: Any = None
    new: Any = None


Operation = tuple[Mapping[str, Any], Mapping[str, Any]]  # (operation, path item)


class OperationComparer:
    """Compares versions of operations of two specs; `$ref`s leading nowhere go to `problems`."""

    def __init__(self, old: Schema, new: Schema, labels: tuple[str, str]) -> None:
        self.docs = {"old": old, "new": new}
        self.labels = dict(zip(("old", "new"), labels, strict=True))
        self.problems: list[Problem] = []
        self.changes: list[Change] = []
        self._active: set[tuple[int, int]] = set()

    def compare(self, old: Operation, new: Operation) -> tuple[Change, ...]:
        """Every change from `old` to `new`: parameters, then the request, then the response."""
        self.changes = []
        self.parameters(self._parameters("old", *old), self._parameters("new", *new))
        body = "requestBody"
        self.request(self.resolve("old", old[0].get(body)), self.resolve("new", new[0].get(body)))
        self.response(openapi.success_response(old[0]), openapi.success_response(new[0]))
        return tuple(self.changes)

    def add(self, kind: str, where: str, breaking: Any, old: Any = None, new: Any = None) -> None:
        template = TEMPLATES.get(kind) or TEMPLATES[kind.split("-", 1)[1]]
        show = _json_text if "enum" in kind else _text
        message = template.format(old=show(old), new=show(new))
        self.changes.append(Change(kind, where, message, bool(breaking), old, new))

    def resolve(self, side: str, node: Any) -> Any:
        try:
            return openapi.resolve(self.docs[side], node)
        except openapi.PointerError as error:
            self.problems.append(Problem(self.labels[side], "", str(error)))
            return None

    def _parameters(
        self, side: str, operation: Schema, item: Schema
    ) -> dict[tuple[str, str], Schema]:
        return openapi.merged_parameters(operation, item, lambda node: self.resolve(side, node))

    def parameters(
        self, old: dict[tuple[str, str], Schema], new: dict[tuple[str, str], Schema]
    ) -> None:
        for key in sorted(set(old) | set(new)):
            where = f"{key[0]} parameter {key[1]}"
            if key not in old:
                required = bool(new[key].get("required"))
                self.add("parameter-added", where, required, new=self._label("new", new[key]))
            elif key not in new:
                self.add("parameter-removed", where, True, old=self._label("old", old[key]))
            else:
                was, now = bool(old[key].get("required")), bool(new[key].get("required"))
                if was != now:
                    self.add(
                        f"parameter-{'required' if now else 'optional'}",
                        where,
                        now,
                        was,
                        now,
                    )
                self.schema(
                    old[key].get("schema"),
                    new[key].get("schema"),
                    where,
                    "",
                    "parameter",
                )

    def _label(self, side: str, holder: Schema) -> str:
        """A parameter's type, `, required` when it is."""
        label = _label(self.resolve(side, holder.get("schema")))
        return label + (", required" if holder.get("required") else "")

    def request(self, old: Any, new: Any) -> None:
        if not isinstance(old, Mapping) or not isinstance(new, Mapping):
            if isinstance(new, Mapping):
                self.add(
                    "request-body-added",
                    "request",
                    new.get("required"),
                    new=_body_label(new),
                )
            elif isinstance(old, Mapping):
                self.add("request-body-removed", "request", True, old=_body_label(old))
            return
        was, now = bool(old.get("required")), bool(new.get("required"))
        if was != now:
            self.add(
                f"request-body-{'required' if now else 'optional'}",
                "request",
                now,
                was,
                now,
            )
        self.content(old.get("content") or {}, new.get("content") or {}, "request", "request")

    def response(self, old: tuple[str, Any] | None, new: tuple[str, Any] | None) -> None:
        old_code, new_code = old[0] if old else None, new[0] if new else None
        if old_code != new_code:
            self.add("response-status-changed", "response", False, old_code, new_code)
        where = f"response {new_code or old_code}"
        self.content(self._content("old", old), self._content("new", new), where, "response")

    def _content(self, side: str, response: tuple[str, Any] | None) -> Schema:
        body = self.resolve(side, response[1]) if response else None
        return (body.get("content") or {}) if isinstance(body, Mapping) else {}

    def content(self, old: Schema, new: Schema, where: str, prefix: str) -> None:
        for media in sorted(set(old) - set(new)):
            self.add(f"{prefix}-content-type-removed", where, True, old=media)
        for media in sorted(set(new) - set(old)):
            self.add(f"{prefix}-content-type-added", where, False, new=media)
        for media in sorted(set(old) & set(new)):
            old_schema, new_schema = (old[media] or {}).get("schema"), (new[media] or {}).get(
                "schema"
            )
            self.schema(old_schema, new_schema, f"{where} {media} ", "$", prefix)

    def schema(self, old: Any, new: Any, base: str, path: str, prefix: str, depth: int = 0) -> None:
        """Compare two schemas at `base + path` (e.g. `request application/json ` + `$.items[]`)."""
        old, new = self.resolve("old", old), self.resolve("new", new)
        old = old if isinstance(old, Mapping) else {}
        new = new if isinstance(new, Mapping) else {}
        pair = (id(old), id(new))
        if depth > MAX_DEPTH or pair in self._active:  # a recursive schema: compared once
            return
        self._active.add(pair)
        try:
            self._compare(old, new, base, path, prefix, depth)
        finally:
            self._active.discard(pair)

    def _compare(
        self, old: Schema, new: Schema, base: str, path: str, prefix: str, depth: int
    ) -> None:
        where, inbound = (base + path).strip(), prefix in INBOUND
        was, now = _type(old), _type(new)
        if was != now:
            widened = was[:2] == now[:2] and (now[2] if inbound else was[2])
            self.add(f"{prefix}-type-changed", where, not widened, _label(old), _label(new))
        self.enum(old.get("enum"), new.get("enum"), where, prefix)
        old_properties = openapi.schema_properties(self.docs["old"], old)
        new_properties = openapi.schema_properties(self.docs["new"], new)
        old_required, new_required = self.required("old", old), self.required("new", new)
        for name in sorted(set(old_properties) | set(new_properties)):
            child = f"{path}.{name}"
            at = (base + child).strip()
            if name not in old_properties:
                required = name in new_required
                label = _label(self.resolve("new", new_properties[name]))
                label += ", required" if required else ""
                self.add(f"{prefix}-property-added", at, inbound and required, new=label)
            elif name not in new_properties:
                label = _label(self.resolve("old", old_properties[name]))
                self.add(f"{prefix}-property-removed", at, True, old=label)
            else:
                was_required, now_required = name in old_required, name in new_required
                if was_required != now_required:
                    kind = f"{prefix}-property-{'required' if now_required else 'optional'}"
                    self.add(kind, at, now_required == inbound, was_required, now_required)
                self.schema(
                    old_properties[name],
                    new_properties[name],
                    base,
                    child,
                    prefix,
                    depth + 1,
                )
        if "items" in old or "items" in new:
            self.schema(old.get("items"), new.get("items"), base, f"{path}[]", prefix, depth + 1)

    def enum(self, old: Any, new: Any, where: str, prefix: str) -> None:
        inbound = prefix in INBOUND
        if not isinstance(old, list) or not isinstance(new, list):
            if isinstance(new, list):
                self.add(f"{prefix}-enum-added", where, inbound, new=new)
            elif isinstance(old, list):
                self.add(f"{prefix}-enum-removed", where, not inbound, old=old)
            return
        old_keys, new_keys = [_json_text(v) for v in old], [_json_text(v) for v in new]
        for value, key in zip(old, old_keys, strict=True):
            if key not in new_keys:
                self.add(f"{prefix}-enum-value-removed", where, inbound, old=value)
        for value, key in zip(new, new_keys, strict=True):
            if key not in old_keys:
                self.add(f"{prefix}-enum-value-added", where, not inbound, new=value)

    def required(self, side: str, schema: Schema) -> set[str]:
        """The required property names of an object schema, `allOf` parts included."""
        names = (
            set(map(str, schema.get("required") or []))
            if isinstance(schema.get("required"), list)
            else set()
        )
        for part in schema.get("allOf") or []:
            resolved = self.resolve(side, part)
            if isinstance(resolved, Mapping):
                names |= self.required(side, resolved)
        return names


def _type(schema: Schema) -> tuple[str, str, bool]:
    """(type, format, nullable) of a resolved schema; the type is inferred when not written."""
    kind = schema.get("type")
    nullable = bool(schema.get("nullable"))
    if isinstance(kind, list):  # OpenAPI 3.1
        nullable = "null" in kind
        kind = " | ".join(str(k) for k in kind if k != "null")
    if not kind:
        kind = "object" if schema.get("properties") else "array" if "items" in schema else "any"
    return str(kind), str(schema.get("format") or ""), nullable


def _label(schema: Any) -> str:
    """`string (date-time), nullable`: a schema's type as people read it."""
    kind, form, nullable = _type(schema if isinstance(schema, Mapping) else {})
    return kind + (f" ({form})" if form else "") + (", nullable" if nullable else "")


def _body_label(body: Schema) -> str:
    return ", ".join(sorted(body.get("content") or {})) + (
        ", required" if body.get("required") else ""
    )


def _json_text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_json_text(item) for item in value)
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else _json_text(value)
