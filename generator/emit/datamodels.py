"""Pydantic v2 models for the spec's component schemas, and TypedDicts for the request bodies,
by datamodel-code-generator.

Called once per module per generation, in-process, with flags that make its output
deterministic and readable: no timestamp, our header, enums with the member names `schemas.name_enums` chose,
field and schema descriptions as docstrings. Black formats the result with everything else.
"""

from __future__ import annotations

import ast
import inspect
import json
import re
import textwrap
from importlib.metadata import version
from typing import Any

from ..cache import cached_text
from ..model.schemas import python_aliases
from .formatting import BLACK_LINE_LENGTH

BASE_CLASS = "_base_model.LeafLinkModel"
"""Every model's base class, in the runtime (`templates/runtime/_base_model.py`)."""


def _generate(model_spec: dict[str, Any], header: str, params: bool = False) -> str:
    """Pydantic models of `model_spec`'s components; with `params`, TypedDicts of them, as
    a request sends them (JSON values: a decimal is a string; null only where nullable)."""
    from datamodel_code_generator import (
        DatetimeClassType,
        Formatter,
        InputFileType,
        OpenAPIScope,
        PythonVersion,
        generate,
    )

    source = generate(
        model_spec,
        input_file_type=InputFileType.OpenAPI,
        openapi_scopes=[OpenAPIScope.Schemas],
        **(_PARAMS if params else _MODELS),
        target_python_version=PythonVersion.PY_311,
        use_standard_collections=True,
        use_union_operator=True,
        use_schema_description=True,
        use_field_description=True,
        use_double_quotes=True,
        field_constraints=True,
        use_annotated=True,  # `x: Annotated[str | None, Field(max_length=9)] = None`: a type
        # checker without the pydantic plugin sees the default
        output_datetime_class=DatetimeClassType.Datetime,
        disable_timestamp=True,
        keep_model_order=True,
        custom_file_header=header,
        formatters=[Formatter.BUILTIN],  # black-like, at black's line length: black
        builtin_format_line_length=BLACK_LINE_LENGTH,  # then leaves most of it as it is
        # lenient where LeafLink is loose: emails, URLs and UUIDs stay plain strings
        type_mappings=[
            "string+email=string",
            "string+uri=string",
            "string+uuid=string",
            # a `type: number` decimal is a float, dumped as the JSON number the spec wants (a
            # Decimal dumps as a string); string-or-number decimals stay Decimal
            "number+decimal=number",
            *(_JSON_SHAPES if params else []),
        ],
        **_aliases(model_spec, params),
    )
    assert isinstance(source, str), "datamodel-code-generator returned several modules"
    source = compact_docstrings(source)
    if params:  # pydantic validates typing_extensions' TypedDict only, below Python 3.12
        return re.sub(
            r"^from typing import (.*)\n",
            _typing_extensions_import,
            source,
            count=1,
            flags=re.MULTILINE,
        )
    module, _, name = BASE_CLASS.rpartition(".")
    source = source.replace(f"from leaflink.{module} import {name}\n", "")
    own_import = f"from .{module} import {name}\n"
    source, found = re.subn(  # the package's own import goes last, as isort puts it
        r"^from pydantic import .*\n",
        lambda match: f"{match.group(0)}\n{own_import}",
        source,
        count=1,
        flags=re.MULTILINE,
    )
    if not found:
        future = "from __future__ import annotations\n"
        source = source.replace(future, f"{future}\n{own_import}", 1)
    return source


def _aliases(model_spec: dict[str, Any], params: bool) -> dict[str, Any]:
    """The models' field aliases (request TypedDicts keep the API's names as their keys)."""
    return {} if params else {"aliases": python_aliases(model_spec)}


DOCSTRING_WIDTH = 88  # the width the templates wrap their docstrings at


def compact_docstrings(source: str) -> str:
    """datamodel-code-generator's three-line docstrings on one line where they fit, else
    wrapped at `DOCSTRING_WIDTH`, and a `RootModel`'s `root` field without the class's
    description repeated under it (so the module reads well and fits black's line length).

    Docstrings are found by `ast` (never by pattern, which a description holding quotes or
    newlines could fool); a docstring is rewritten only from its own three lines.
    """
    lines = source.split("\n")
    replaced: dict[int, list[str]] = {}  # 0-based first line -> the lines for its three
    for node in ast.walk(ast.parse(source)):
        body = getattr(node, "body", None)
        if not isinstance(body, list):
            continue
        if _repeats_description(node):
            replaced[body[2].lineno - 1] = []
        for statement in body:
            if not _is_docstring(statement) or statement.lineno - 1 in replaced:
                continue
            first = statement.lineno - 1
            if statement.end_lineno != first + 3:
                continue
            opening, text, closing = lines[first : first + 3]
            indent = opening[: len(opening) - len(opening.lstrip())]
            if not (
                opening.strip() == closing.strip() == '"""'
                and text.startswith(indent)
                and text.strip()
                and "\\" not in text
            ):
                continue
            line = f'{indent}"""{text.strip()}"""'
            if len(line) <= DOCSTRING_WIDTH and not text.strip().endswith('"'):
                replaced[first] = [line]
            elif len(text) > DOCSTRING_WIDTH:
                wrapped = textwrap.wrap(
                    text.strip(),
                    width=DOCSTRING_WIDTH,
                    initial_indent=indent,
                    subsequent_indent=indent,
                    break_long_words=False,
                    break_on_hyphens=False,
                )
                replaced[first] = [opening, *wrapped, closing]
    out: list[str] = []
    index = 0
    while index < len(lines):
        if index in replaced:
            out += replaced[index]
            index += 3
            continue
        out.append(lines[index])
        index += 1
    return "\n".join(out)


def _is_docstring(node: ast.stmt) -> bool:
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    )


def _repeats_description(node: ast.AST) -> bool:
    """A `RootModel` class whose `root` field's docstring repeats the class's."""
    if not (
        isinstance(node, ast.ClassDef)
        and any(ast.unparse(base).startswith("RootModel[") for base in node.bases)
        and len(node.body) >= 3
    ):
        return False
    doc, field, repeat = node.body[:3]
    return (
        _is_docstring(doc)
        and isinstance(field, ast.AnnAssign)
        and _is_docstring(repeat)
        and repeat.value.value == doc.value.value  # type: ignore[attr-defined]
        and repeat.end_lineno == repeat.lineno + 2
    )


def _typing_extensions_import(match: re.Match[str]) -> str:
    names = [name.strip() for name in match.group(1).split(",")]
    moved = [name for name in names if name in ("NotRequired", "TypedDict")]
    kept = [name for name in names if name not in moved]
    lines = [f"from typing import {', '.join(kept)}\n"] if kept else []
    return "".join(lines) + f"\nfrom typing_extensions import {', '.join(moved)}\n"


_JSON_SHAPES = [  # a body's dict holds JSON values: dates and decimals are strings
    "string+date-time=string",
    "string+date=string",
    "string+decimal=string",
]
_MODELS: dict[str, Any] = {
    "output_model_type": "pydantic_v2.BaseModel",
    "base_class": f"leaflink.{BASE_CLASS}",  # keeps unknown fields; made relative below
    "strict_nullable": False,
    "set_default_enum_member": True,  # `status: Status = Status.OPEN`, not a bare string
}
_PARAMS: dict[str, Any] = {
    "output_model_type": "typing.TypedDict",
    "strict_nullable": True,
}


def render_models(model_spec: dict[str, Any], header: str) -> str:
    """The source of `models.py` for the components of `model_spec` (cached by content)."""
    if not model_spec["components"]["schemas"]:
        return f'{header}\n\n"""The spec defines no component schemas, so there are no models."""\n'
    return _render("models", model_spec, header)


def render_params(params_spec: dict[str, Any], header: str) -> str:
    """The source of `params.py`: a TypedDict per request body and what it holds."""
    if not params_spec["components"]["schemas"]:
        return f'{header}\n\n"""No operation takes a JSON body, so there are no parameters."""\n'
    return _render("params", params_spec, header)


def _render(kind: str, spec: dict[str, Any], header: str) -> str:
    """datamodel-code-generator's module for `spec`, cached by content.

    The header is static (the inputs' sha256 are recorded in `catalogue.json` only), so the
    cached module stays valid across every input change that leaves the schemas alone.
    """
    params = kind == "params"
    source = json.dumps({"spec": spec, "header": header}, sort_keys=True, default=str)
    tool = (
        f"datamodel-code-generator {version('datamodel-code-generator')}\n"
        f"{inspect.getsource(_generate)}{inspect.getsource(_typing_extensions_import)}"
        f"{inspect.getsource(compact_docstrings)}{inspect.getsource(_repeats_description)}"
        f"{_MODELS}{_PARAMS}{_JSON_SHAPES}{BLACK_LINE_LENGTH}"
    )
    return cached_text(kind, tool, source, lambda: _generate(spec, header, params))
