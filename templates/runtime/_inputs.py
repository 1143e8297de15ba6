"""One input check for every way of calling an operation.

Each generated method is wrapped by :func:`checked`: before anything is sent, its keyword
arguments are validated against the method's own annotations by a pydantic validator (built on
the method's first call, so importing the package builds none). A bad value, a missing
argument or an unknown one is an :class:`InputValidationError` naming the parameter (and the
field of a body); ``client.run()`` and the command line go through the same methods, so they
refuse the same inputs.

A request body given as a dict is checked against its TypedDict (``leaflink.params``), unknown
keys refused; a body given as a model (``leaflink.models``) is taken as it is. Values must be
of the annotated types, as a type checker would have them (``"10"`` is no ``int``), and are
sent as given.
"""

from __future__ import annotations

import functools
import inspect
import types
import typing
from collections.abc import Callable
from typing import Any, TypeVar, Union, cast

import pydantic
import typing_extensions

from ._exceptions import InputValidationError

__all__ = ["check_arguments", "checked"]

F = TypeVar("F", bound=Callable[..., Any])

_CONFIG = pydantic.ConfigDict(extra="forbid", strict=True, arbitrary_types_allowed=True)
"""Unknown arguments and body fields refused; values of the annotated types only, as a type
checker sees them (``"10"`` is no ``int``): what is checked is what is sent, unconverted."""


def checked(method: F) -> F:
    """``method`` (sync or async) checking its arguments first; arguments it takes by
    position are passed on by name."""
    check = _Check(method)
    if inspect.iscoroutinefunction(method):

        @functools.wraps(method)
        async def call_async(self: object, *args: Any, **arguments: Any) -> Any:
            return await method(self, **check(check.by_name(args, arguments)))

        call_async.__dict__[_CHECK] = check
        return cast(F, call_async)

    @functools.wraps(method)
    def call(self: object, *args: Any, **arguments: Any) -> Any:
        return method(self, **check(check.by_name(args, arguments)))

    call.__dict__[_CHECK] = check
    return cast(F, call)


def check_arguments(method: Callable[..., Any], arguments: dict[str, Any]) -> None:
    """Check ``arguments`` as the :func:`checked` ``method`` would, without calling it."""
    getattr(method, _CHECK)(arguments)


_CHECK = "__leaflink_check__"


class _Check:
    """The validator of one method's arguments, built on first use."""

    def __init__(self, method: Callable[..., Any]) -> None:
        self._method = method  # nothing more here: every method of the client has one
        self._adapter: pydantic.TypeAdapter[Any] | None = None
        self._models: dict[str, tuple[type[pydantic.BaseModel], ...]] = {}
        self._required: set[str] = set()  # those of `_models` without a default

    def by_name(self, args: tuple[Any, ...], arguments: dict[str, Any]) -> dict[str, Any]:
        """The arguments, those given by position named (a surplus is refused)."""
        if not args:
            return arguments
        positional = [
            name
            for name, parameter in list(inspect.signature(self._method).parameters.items())[1:]
            if parameter.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
        ]
        if len(args) > len(positional):
            raise TypeError(
                f"{self._method.__name__}() takes {len(positional)} positional "
                f"argument(s) but {len(args)} were given"
            )
        return {**dict(zip(positional, args)), **arguments}

    def __call__(self, arguments: dict[str, Any]) -> dict[str, Any]:
        if self._adapter is None:
            self._build()
        assert self._adapter is not None
        for name in self._models:  # checked here: a model is left out of the validation
            if name not in arguments and name in self._required:
                raise InputValidationError(
                    f"invalid input for {self._method.__name__!r} at {name!r}: "
                    "a required input is missing",
                    operation=self._method.__name__,
                    field=name,
                )
        try:
            self._adapter.validate_python(
                {
                    name: value
                    for name, value in arguments.items()
                    if not isinstance(value, self._models.get(name, ()))
                }
            )
        except pydantic.ValidationError as error:
            raise _input_error(self._method.__name__, error) from None
        for name, value in arguments.items():
            if isinstance(value, list) and not value:  # would be sent as `name=`: no filter
                raise InputValidationError(
                    f"invalid input for {self._method.__name__!r} at {name!r}: "
                    "an empty list (give at least one value, or leave the filter out)",
                    operation=self._method.__name__,
                    field=name,
                )
        return arguments

    def _build(self) -> None:
        """A TypedDict of the keyword arguments, typed as the method annotates them; a
        model in a union is taken aside (an instance passes as it is, a dict is checked
        against the union's other members)."""
        hints = typing.get_type_hints(self._method)
        fields: dict[str, Any] = {}
        for name, parameter in inspect.signature(self._method).parameters.items():
            if (
                parameter.kind
                not in (
                    inspect.Parameter.KEYWORD_ONLY,
                    inspect.Parameter.POSITIONAL_OR_KEYWORD,
                )
                or name == "self"
            ):
                continue
            members = _members(hints[name])
            models = tuple(m for m in members if _is_model(m))
            others = [m for m in members if not _is_model(m)]
            hint = functools.reduce(lambda a, b: Union[a, b], others) if others else Any
            required = parameter.default is inspect.Parameter.empty
            if models:
                self._models[name] = models
                if required:
                    self._required.add(name)
                    required = False
            fields[name] = hint if required else typing_extensions.NotRequired[hint]
        make_typed_dict: Any = typing_extensions.TypedDict  # a name known only now
        arguments = make_typed_dict(f"{self._method.__name__}_arguments", fields)
        arguments.__pydantic_config__ = _CONFIG
        self._adapter = pydantic.TypeAdapter(arguments)


def _members(hint: Any) -> tuple[Any, ...]:
    if typing.get_origin(hint) in (Union, types.UnionType):
        return typing.get_args(hint)
    return (hint,)


def _is_model(hint: Any) -> bool:
    return isinstance(hint, type) and issubclass(hint, pydantic.BaseModel)


def _input_error(operation: str, error: pydantic.ValidationError) -> InputValidationError:
    """The first problem, named by the parameter (and the path inside a body)."""
    first = error.errors()[0]
    location = first["loc"]
    field = str(location[0]) if location else ""
    if field == "body":
        field = ".".join(
            str(part) for part in location if isinstance(part, int) or str(part).isidentifier()
        )
    message = first["msg"]
    if first["type"] == "extra_forbidden":
        message = "no such input" if len(location) == 1 else "no such field"
    elif first["type"] == "missing":
        message = f"a required {'input' if len(location) == 1 else 'field'} is missing"
    return InputValidationError(
        f"invalid input for {operation!r} at {field!r}: {message}",
        operation=operation,
        field=field or None,
    )
