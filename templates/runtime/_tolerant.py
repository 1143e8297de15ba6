"""Tolerant parsing: a 2xx answer of an unexpected shape never breaks a call or loses data.

LeafLink's published file is not the live API (its own examples send numbers where it says
string, and nulls where it says nothing of null), so a client that trusts it fails on real
answers. Parsing therefore has two modes:

- **tolerant** (the default): the answer is validated by the model's compiled pydantic
  validator, as in strict mode. Only when that fails is it parsed again field by field:
  each field that matches its declared type is typed as usual; one that does not keeps the
  JSON value LeafLink sent; unknown fields are kept (``extra="allow"``), unknown enum values
  stay strings, a missing required field reads as None. Each such field is a
  :class:`ResponseMismatch`, logged once per operation and field at WARNING on the
  ``leaflink`` logger (never the value: it may be personal data), and listed by
  ``leaflink.response_mismatches(result)``.
- **strict** (``strict_responses=True``): the first field that does not match raises
  :class:`APIResponseValidationError` naming it.

Either way, a result remembers the JSON it was parsed from: :func:`received_json` returns it
unchanged, which is what ``run()``, ``to_json()`` and the command line give back.
"""

from __future__ import annotations

import functools
import logging
import re
import types
import typing
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Union

import pydantic

__all__ = [
    "ResponseMismatch",
    "json_type",
    "parse_tolerant",
    "received_json",
    "remember",
    "report",
    "recorded_mismatches",
    "type_adapter",
]

logger = logging.getLogger("leaflink")

_MISSING = object()
_Path = tuple[str | int, ...]


@dataclass(frozen=True)
class ResponseMismatch:
    """A field of an answer that does not match the type the spec declares for it."""

    operation: str
    path: str
    """Where in the answer, dotted, list indices included: ``results.3.buyer.id``."""
    expected: str
    """The declared type, as Python spells it: ``str``, ``Decimal | None``, ``OrderStatus``."""
    received: str
    """The JSON type received: object, array, string, integer, number, boolean, null or
    ``missing`` (a required field absent)."""

    def __str__(self) -> str:
        return (
            f"{self.operation}: field {self.path or '(the whole answer)'!r}: "
            f"expected {self.expected}, received {self.received}"
        )


# -- what each result was parsed from -------------------------------------------------------

_RECEIVED: dict[int, tuple[weakref.ref[Any], object, tuple[ResponseMismatch, ...]]] = {}


def remember(result: object, data: object, mismatches: tuple[ResponseMismatch, ...] = ()) -> None:
    """Record the JSON ``result`` was parsed from, and its mismatches, for as long as it lives.

    Kept beside the result, not in it: a pydantic private attribute would slow every model's
    validation several times over.
    """
    key = id(result)
    try:
        ref = weakref.ref(result, functools.partial(_forget, key))
    except TypeError:  # a plain value (None, a list): nothing to remember it by
        return
    _RECEIVED[key] = (ref, data, mismatches)


def _forget(key: int, _ref: object) -> None:
    _RECEIVED.pop(key, None)


def _entry(result: object) -> tuple[object, tuple[ResponseMismatch, ...]] | None:
    entry = _RECEIVED.get(id(result))
    if entry is None or entry[0]() is not result:
        return None
    return entry[1], entry[2]


def received_json(result: object, default: object = _MISSING) -> object:
    """The JSON ``result`` was parsed from, exactly as LeafLink sent it.

    ``result`` is an operation's result or an item of a page. Raises ``LookupError`` (or
    returns ``default``) for an object that was not parsed from an answer.
    """
    entry = _entry(result)
    if entry is not None:
        return entry[0]
    if default is _MISSING:
        raise LookupError(f"{type(result).__name__} was not parsed from an answer")
    return default


def recorded_mismatches(result: object) -> tuple[ResponseMismatch, ...]:
    """The mismatches recorded for ``result`` itself (see ``leaflink.response_mismatches``)."""
    entry = _entry(result)
    return entry[1] if entry is not None else ()


# -- the field-by-field parse ----------------------------------------------------------------


def parse_tolerant(
    type_: Any,
    data: object,
    operation: str,
    path: _Path = (),
    error: pydantic.ValidationError | None = None,
) -> tuple[Any, tuple[ResponseMismatch, ...]]:
    """``data`` as ``type_`` where it fits, as sent where it does not; and what did not fit.

    Call it after the fast validation failed, with its ``error`` (which names the fields
    that do not fit, so ``data`` is not validated as a whole again).
    """
    found: list[tuple[_Path, str, str]] = []
    value = _value(type_, data, path, found, error)
    mismatches = tuple(
        ResponseMismatch(operation, _dotted(where), expected, received)
        for where, expected, received in found
    )
    return value, mismatches


def report(mismatches: Sequence[ResponseMismatch]) -> None:
    """Log each mismatch at WARNING, once per operation and field (list indices aside)."""
    for mismatch in mismatches:
        key = (mismatch.operation, re.sub(r"\.\d+(?=\.|$)", ".*", mismatch.path))
        if key not in _LOGGED:
            _LOGGED.add(key)
            logger.warning("%s; kept as sent (see leaflink.response_mismatches)", mismatch)


_LOGGED: set[tuple[str, str]] = set()


def _value(
    annotation: Any,
    data: object,
    path: _Path,
    found: list[tuple[_Path, str, str]],
    error: pydantic.ValidationError | None = None,
) -> Any:
    """``data`` as ``annotation`` where it fits; ``error``, if given, is how it did not."""
    if error is None:
        try:
            return type_adapter(annotation).validate_python(data)
        except pydantic.ValidationError as failed:
            error = failed
    container = _container_for(annotation, data, error)
    if container is not None:
        return container(path, found)
    found.append((path, _type_name(annotation), json_type(data)))
    return data


def _container_for(
    annotation: Any, data: object, error: pydantic.ValidationError | None = None
) -> Any:
    """How to parse ``data`` part by part: as the model, list or root model ``annotation``
    names that has its JSON shape (an object, an array); None when there is none.

    ``error`` (``annotation``'s own) is passed on to a model that is all the annotation
    is, bar None: its locations are that model's fields."""
    members = _members(annotation)
    for member in members:
        if not isinstance(member, type):
            if isinstance(data, list) and typing.get_origin(member) is list:
                (item,) = typing.get_args(member) or (Any,)
                return lambda path, found: [
                    _value(item, v, (*path, i), found) for i, v in enumerate(data)
                ]
        elif issubclass(member, pydantic.RootModel):
            root = typing.get_type_hints(member).get("root", Any)
            inner = _container_for(root, data)
            if inner is not None:
                return lambda path, found: member.model_construct(inner(path, found))
        elif issubclass(member, pydantic.BaseModel) and isinstance(data, Mapping):
            alone = [m for m in members if m is not type(None)] == [member]
            known = error if alone else None
            return lambda path, found: _model(member, data, path, found, known)
    return None


def _model(
    model: type[pydantic.BaseModel],
    data: Mapping[str, Any],
    path: _Path,
    found: list[tuple[_Path, str, str]],
    error: pydantic.ValidationError | None = None,
) -> pydantic.BaseModel:
    """The model from ``data``: the fields that fit validated in one pass (pydantic's, when
    every field that does not fit may be left out), then each one that does not, alone.

    ``error`` is how ``data`` failed as this model, when the caller knows it already."""
    if error is None:
        try:
            instance = model.model_validate(data)
        except pydantic.ValidationError as failed:
            error = failed
        else:
            remember(instance, data)
            return instance
    misfits = {str(e["loc"][0]) for e in error.errors() if e["loc"]}
    try:
        instance = model.model_validate({k: v for k, v in data.items() if k not in misfits})
    except pydantic.ValidationError:  # a misfit is required: field by field
        instance = _model_by_field(model, data, path, found)
    else:
        for name, key, annotation, _ in _fields(model):
            if key in misfits and key in data:
                value = _value(annotation, data[key], (*path, key), found)
                instance.__dict__[name] = value  # as model_construct sets fields
                instance.__pydantic_fields_set__.add(name)
    remember(instance, data)
    return instance


def _model_by_field(
    model: type[pydantic.BaseModel],
    data: Mapping[str, Any],
    path: _Path,
    found: list[tuple[_Path, str, str]],
) -> pydantic.BaseModel:
    values: dict[str, Any] = {}
    fields_set: set[str] = set()
    for name, key, annotation, required in _fields(model):
        if key in data:
            values[name] = _value(annotation, data[key], (*path, key), found)
            fields_set.add(name)
        elif required:
            found.append(((*path, key), _type_name(annotation), "missing"))
            values[name] = None
    declared = {key for _, key, _, _ in _fields(model)}
    extra = {k: v for k, v in data.items() if k not in declared}
    return model.model_construct(fields_set, **values, **extra)


@functools.cache
def _fields(
    model: type[pydantic.BaseModel],
) -> tuple[tuple[str, str, Any, bool], ...]:
    """(attribute, JSON key, annotation with its constraints, required) of each field."""
    fields = []
    hints = typing.get_type_hints(model)  # resolves what a field left as a forward reference
    for name, info in model.model_fields.items():
        annotation = hints.get(name, info.annotation)
        if info.metadata:
            annotation = typing.Annotated[(annotation, *info.metadata)]
        fields.append((name, info.alias or name, annotation, info.is_required()))
    return tuple(fields)


def type_adapter(type_: Any) -> pydantic.TypeAdapter[Any]:
    """The validator of ``type_``, built once (building it costs far more than using it)."""
    try:
        return _cached_adapter(type_)
    except TypeError:  # constraints that cannot be hashed
        return pydantic.TypeAdapter(type_)


@functools.lru_cache(maxsize=1024)
def _cached_adapter(type_: Any) -> pydantic.TypeAdapter[Any]:
    return pydantic.TypeAdapter(type_)


def _members(annotation: Any) -> tuple[Any, ...]:
    """The members of a union (``X | None``), or the annotation itself."""
    if typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) in (Union, types.UnionType):
        return typing.get_args(annotation)
    return (annotation,)


def _type_name(annotation: Any) -> str:
    if typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if isinstance(annotation, type) and not typing.get_args(annotation):
        return annotation.__name__
    text = str(annotation).replace("typing.", "")
    return re.sub(r"\b(?:[A-Za-z_]\w*\.)+([A-Za-z_]\w*)", r"\1", text)


def json_type(value: object) -> str:
    """The JSON type of a decoded value: object, array, string, integer, number, boolean, null."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, Mapping):
        return "object"
    if isinstance(value, list):
        return "array"
    return type(value).__name__


def _dotted(path: _Path) -> str:
    return ".".join(str(part) for part in path)
