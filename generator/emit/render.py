"""The intermediate model -> the files of the generated tree, as text (not yet formatted).

Templates see only the model. Every value a template prints goes through one of the escaping
filters below (`ident`, `pystr`, `docstring`, `code`, `md`): the environment's `finalize` refuses
any plain string, so nothing from the spec or manifest can be pasted raw into generated code.
"""

from __future__ import annotations

import ast
import json
import keyword
import re
import textwrap
from collections.abc import Iterable, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..model.intermediate import Connector, Operation
from ..model.literals import literal
from ..workers import in_background
from . import docs
from .datamodels import render_models, render_params

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
PACKAGE = "leaflink"
RUNTIME = TEMPLATES / "runtime"  # every module here is copied into the package verbatim


class UnescapedValue(TypeError):
    """A template printed a string without passing it through an escaping filter."""


def _finalize(value: Any) -> Any:
    if isinstance(value, Markup) or isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    if value is None:
        raise UnescapedValue("a template printed None")
    raise UnescapedValue(f"a template printed {value!r} without an escaping filter")


def ident(value: str) -> Markup:
    """A Python identifier made by `names`; anything else is a bug, not input to escape."""
    if not (isinstance(value, str) and value.isidentifier() and not keyword.iskeyword(value)):
        raise ValueError(f"not a safe identifier: {value!r}")
    return Markup(value)


def pystr(value: Any) -> Markup:
    """Any JSON value as a Python literal (see `model.literals.literal`)."""
    return Markup(literal(value))


def value_type(values: Any) -> Markup:
    """The annotation of a list of JSON values: `str` when all are strings, else `Any`."""
    return Markup("str" if all(isinstance(v, str) for v in values) else "Any")


def docstring(value: str, indent: int = 8, start: int | None = None, width: int = 88) -> Markup:
    """Text made safe inside a triple-quoted docstring: no closing quotes, no escapes, wrapped
    at `width` with its lines at column `indent` but the first, which starts at `start`."""
    text = printable(" ".join(str(value).split()).replace("\\", "\\\\"))
    text = re.sub(r'"(?="|$)', r'\\"', text)  # no two quotes in a row, none last
    lead = " " * max((indent if start is None else start) - indent, 0)
    lines = textwrap.wrap(
        text,
        width=max(width - indent, 40),
        initial_indent=lead,
        break_long_words=False,
        break_on_hyphens=False,
    )
    if lines:
        lines[0] = lines[0][len(lead) :]
    return Markup(("\n" + " " * indent).join(lines))


def _escape(char: str) -> str:
    """A character that may not stand in source text (NUL, controls), as an escape."""
    return char.encode("unicode_escape").decode("ascii")


def printable(text: str) -> str:
    """`text` with every non-printable character (newlines, NUL, controls) escaped."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else _escape(c) for c in text)


def code(value: str) -> Markup:
    """A type annotation the model built from identifiers and `pystr` literals."""
    return Markup(value)


def md(value: Any) -> Markup:
    """Text for a Markdown table cell or paragraph: no pipes, no HTML, one line."""
    text = printable(" ".join(str(value).split()))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
    return Markup(text)


def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES / "package"),
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=True,  # macro output is Markup; any unfiltered str still fails in finalize
    )
    environment.filters.update(
        ident=ident,
        pystr=pystr,
        docstring=docstring,
        code=code,
        md=md,
        value_type=value_type,
    )
    environment.globals.update(
        body_fields=docs.body_fields,
        python_example=docs.python_example,
        cli_example=docs.cli_example,
    )
    environment.filters["json"] = lambda value: Markup(json.dumps(value, ensure_ascii=False))
    return environment


def header(comment: str = "#", note: str = "") -> str:
    """The first lines of every generated file: generated, do not edit, where the provenance is.

    Static: the inputs' sha256 and the tools' versions are recorded once, in `catalogue.json`
    (`provenance`), so a new pin changes a file only where its content changes.
    """
    lines = [
        "Generated by the LeafLink connector generator. Do not edit: change the inputs or",
        "templates and run `make generate`. Inputs and tool versions: catalogue.json.",
        *([note] if note else []),
    ]
    return "\n".join(f"{comment} {line}".rstrip() for line in lines) + "\n"


def provenance(connector: Connector) -> dict[str, Any]:
    """What generated the tree: the inputs by name and sha256, and the tools by version."""
    return {
        "generator": "LeafLink connector generator",
        "inputs": {source.name: {"sha256": source.sha256} for source in connector.sources},
        "tools": {
            name: metadata.version(name) for name in ("black", "datamodel-code-generator", "jinja2")
        },
    }


def rendered_parts(connector: Connector) -> Iterator[dict[str, str]]:
    """The files of the generated tree in two parts: all but `models.py`, then `models.py`.

    datamodel-code-generator writes `models.py` in a worker process (the longest step) while
    this one renders the rest, and while the caller formats the first part.
    """
    with in_background(render_models, connector.model_spec, header().rstrip("\n")) as models:
        files = _rendered_templates(connector)
        files[f"{PACKAGE}/params.py"] = checked_models(
            render_params(connector.params_spec, header().rstrip("\n")),
            [op.body.model for op in connector.operations if op.body and op.body.model],
            "params.py",
        )
        yield files
        yield {f"{PACKAGE}/models.py": checked_models(models(), connector.definitions)}


def _rendered_templates(connector: Connector) -> dict[str, str]:
    """The files the templates make, and the runtime modules with their header."""
    environment = _environment()
    context = {
        "connector": connector,
        "operations": connector.operations,
        "header": Markup(header()),
    }
    files = {
        f"{PACKAGE}/{name}": environment.get_template(f"{name}.jinja").render(context)
        for name in ("__init__.py", "_client.py")
    }
    files[f"{PACKAGE}/_client.py"] = with_used_imports(files[f"{PACKAGE}/_client.py"])
    files[f"{PACKAGE}/resources/__init__.py"] = (
        header() + '"""The operations by resource: one module each, mixed into the clients."""\n'
    )
    resource_template = environment.get_template("resource.py.jinja")
    for resource in connector.resources:
        files[f"{PACKAGE}/resources/{resource.module}.py"] = with_used_imports(
            resource_template.render({**context, "resource": resource})
        )
    markdown = {
        **context,
        "header": Markup(header("").replace("\n ", "\n").strip()),
    }
    for name in ("OPERATIONS.md", "README.md"):
        files[name] = environment.get_template(f"{name}.jinja").render(markdown)
    files["pyproject.toml"] = environment.get_template("pyproject.toml.jinja").render(context)
    files[f"{PACKAGE}/catalogue.json"] = catalogue_json(connector)
    files[f"{PACKAGE}/py.typed"] = ""
    for module in sorted(RUNTIME.glob("*.py")):
        note = f"Copied verbatim from templates/runtime/{module.name}."
        files[f"{PACKAGE}/{module.name}"] = (
            header(note=note) + "\n" + module.read_text(encoding="utf-8")
        )
    return files


class UnsafeModels(RuntimeError):
    """`models.py` is not plain declarations, or lacks a class: a generator bug, never written."""


def with_used_imports(source: str) -> str:
    """A generated module without the imports it does not use.

    A template imports every name its methods might need (the `datetime` types of date
    filters, `FileContent`, `models` and `params` behind `TYPE_CHECKING`, ...); which ones a
    module uses depends on its operations, so each `from ... import` line of the module's head
    keeps only the names the module reads, a `name = LazyModule(...)` stand-in goes with its
    name, and an `if TYPE_CHECKING:` block left empty goes too (repeated until nothing
    changes, as dropping a block frees `TYPE_CHECKING` and `LazyModule`).
    """
    lines = source.split("\n")
    body_names = _loaded_names("\n".join(lines[_head_end(lines) :]))  # pruning leaves it be
    while True:
        lines = source.split("\n")
        used = body_names | _loaded_names("\n".join(lines[: _head_end(lines)]))
        pruned = _pruned_imports(source, used)
        if pruned == source:
            return source
        source = pruned


def _loaded_names(code: str) -> set[str]:
    return {
        node.id
        for node in ast.walk(ast.parse(code))
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)
    }


def _head_end(lines: list[str]) -> int:
    """The index of a module's first line after its imports (`__all__`, a class or a def)."""
    return next(
        (i for i, line in enumerate(lines) if line.startswith(("__all__", "class ", "def "))),
        len(lines),
    )


_IMPORT = re.compile(r"^(\s*)from (\S+) import ([\w, ]+)$")
_LAZY = re.compile(r"^\s+(\w+) = LazyModule\(")


def _pruned_imports(source: str, used: set[str]) -> str:
    lines = source.split("\n")
    end = _head_end(lines)
    head: list[str] = []
    for line in lines[:end]:
        imported = _IMPORT.match(line)
        if imported and imported.group(2) != "__future__":
            indent, module, names = imported.groups()
            kept = [name for name in names.split(", ") if name in used]
            if kept:
                head.append(f"{indent}from {module} import {', '.join(kept)}")
            continue
        lazy = _LAZY.match(line)
        if lazy and lazy.group(1) not in used:
            continue
        if head and head[-1] == "if TYPE_CHECKING:" and line.startswith("else:"):
            head.pop()  # both branches empty
            continue
        head.append(line)
    text = "\n".join(head)
    while "\n\n\n" in text:  # one blank line between groups, as the templates have it
        text = text.replace("\n\n\n", "\n\n")
    return "\n".join([text.rstrip("\n") + "\n", *lines[end:]])


_MODEL_IMPORTS = frozenset(
    {
        "__future__",
        "datetime",
        "decimal",
        "enum",
        "pydantic",
        "typing",
        "typing_extensions",
        "uuid",
        "._base_model",  # the runtime's base class of models
    }
)
_MODEL_CALLS = frozenset({"ConfigDict", "Decimal", "Field", "float", "TypedDict"})
_MODEL_STATEMENTS = (
    ast.ImportFrom,
    ast.ClassDef,
    ast.Expr,
    ast.AnnAssign,
    ast.Assign,
    ast.Pass,
)


def checked_models(source: str, classes: Iterable[str], module: str = "models.py") -> str:
    """`models.py` (or `params.py`) as datamodel-code-generator wrote it, checked to only
    declare models.

    Its escaping of the spec's strings is not ours, so whatever they hold, the module may
    only import from the libraries models use and define classes of docstrings and fields,
    calling nothing but `Field(...)` and the like; and it must define every class the client
    and the catalogue name (the generator would not notice one renamed or merged).
    """
    tree = ast.parse(source)
    for node in ast.walk(tree):
        problem = _undeclarative(node)
        if problem:
            line = getattr(node, "lineno", "?")
            raise UnsafeModels(f"{module} line {line}: {problem}")
    defined = {node.name for node in tree.body if isinstance(node, ast.ClassDef)}
    defined |= {  # `Thing = TypedDict("Thing", {"odd-key": int})`
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    missing = sorted(set(classes) - defined)
    if missing:
        raise UnsafeModels(f"{module} does not define {', '.join(missing)}")
    return source


def _undeclarative(node: ast.AST) -> str:
    """What is wrong with one node of `models.py` (empty when it is a declaration's part)."""
    if isinstance(node, ast.stmt) and not isinstance(node, _MODEL_STATEMENTS):
        return f"a {type(node).__name__} statement"
    if isinstance(node, ast.ImportFrom):
        module = "." * node.level + (node.module or "")
        if module not in _MODEL_IMPORTS:
            return f"an import from {module}"
    if isinstance(node, ast.Expr) and not (
        isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
        or _is_rebuild(node.value)
    ):
        return "an expression statement"
    if isinstance(node, ast.ClassDef) and (node.decorator_list or node.keywords):
        return f"class {node.name} has decorators or keywords"
    if isinstance(node, ast.Call) and not (
        isinstance(node.func, ast.Name) and node.func.id in _MODEL_CALLS or _is_rebuild(node)
    ):
        return f"a call of {ast.unparse(node.func)}"
    if isinstance(node, (ast.Lambda, ast.NamedExpr, ast.Await, ast.Yield)):
        return f"a {type(node).__name__} expression"
    return ""


def _is_rebuild(node: ast.AST) -> bool:
    """`Node.model_rebuild()`, which completes a recursive model."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.attr == "model_rebuild"
        and not node.args
        and not node.keywords
    )


def catalogue_json(connector: Connector) -> str:
    """`catalogue.json`: every operation as data, sorted and pretty-printed for readable diffs."""
    document = {
        "generated": " ".join(header(comment="").split()),
        "provenance": provenance(connector),
        "api": {"title": connector.title, "version": connector.api_version},
        "operations": [_catalogue_entry(op) for op in connector.operations],
        "$defs": connector.definitions,
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _catalogue_entry(op: Operation) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "key": op.key,
        "name": op.name,
        "description": op.description,
        "kind": op.kind,
    }
    if op.method:
        entry |= {"method": op.method, "path": op.path}
    entry["input_schema"] = op.input_schema
    entry["output_schema"] = op.output_schema
    if op.response and op.response.paginated:
        entry["pagination"] = {"style": "limit_offset", "item": op.response.model}
    if op.ddl:
        ddl: dict[str, Any] = {"source": op.ddl.source}
        if op.ddl.source == "endpoint":
            ddl |= {
                "method": op.ddl.method,
                "path": op.ddl.path,
                "text": list(op.ddl.text),
                "value": op.ddl.value,
            }
            if op.ddl.distinct:
                ddl["distinct"] = True
        else:
            ddl["options"] = [{"text": o.text, "value": o.value} for o in op.ddl.options]
        entry["ddl"] = ddl
    return entry
