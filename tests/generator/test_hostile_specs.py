"""Hostile strings and names in the inputs never become code in the generated package.

Specs and manifests are written here whose descriptions, summaries, titles, enum values,
defaults, examples, drop-down options and parameter, field and schema names hold quotes,
triple quotes, backslashes, newlines, NUL and other control characters, jinja syntax,
unicode, Python keywords and builtins, and canary payloads that touch a file or set a flag
if they ever run. Every generated package must compile and import (in this process, under a
package name of its own), run no canary, and give every string back exactly: they are data,
not code. Hypothesis varies the strings; `mypy --strict` runs once, on the worst case.
"""

from __future__ import annotations

import builtins
import contextlib
import importlib.util
import io
import json
import os
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from generator.__main__ import main
from generator.model.names import class_names
from generator.emit.render import UnsafeModels, checked_models

# A property called `model_dump` is the field `model_dump_`, which pydantic warns about.
pytestmark = pytest.mark.filterwarnings("ignore:Field .* protected namespace")

CANARY_FILE = Path(tempfile.gettempdir()) / f"leaflink-canary-{os.getpid()}"
FLAG = "LEAFLINK_CANARY"
PAYLOADS = [
    f'"""; import builtins; builtins.{FLAG} = 1; """',  # valid Python if pasted raw
    f'"""; import os; os.system("touch {CANARY_FILE}")  #',
    f"'''; __import__('os').system('touch {CANARY_FILE}')  #",
    f'\\"""\nimport builtins; builtins.{FLAG} = 1\n"""',
    f'")\nimport builtins; builtins.{FLAG} = 1\n#',
    f"'\n__import__('builtins').{FLAG} = 1\n#",
    f"{{{{ cycler.__init__.__globals__.os.system('touch {CANARY_FILE}') }}}}",
    "{% raw %}{{ 7 * 7 }}{% endraw %} {# comment #}",
    "ends with a backslash \\",
    'ends with a quote "',
    "\\N{BULLET} \\x00 \\u0041 \\' \\",
    "nul \x00 and controls \x01\x1b[2J\x7f\x9b",
    "line\rbreaks\r\nand\u2028separators\x85\x0c\x0b",
    "<script>alert(1)</script> | pipe ` tick --> <!--",
    "名前 émoji 🙂 \u200d\u00ad ﷽",
]
NAMES = [
    *("class", "def", "None", "True", "from", "self", "cls", "options", "body"),
    *("id", "type", "print", "models", "__init__", "__class__", "_private"),
    *("model_config",),
    *("model_fields", "model_dump", "schema", "json", "dict", "copy", "validate"),
    *("1st", "2024", "first-name", "first name", "first_name", "FirstName", "名前"),
    *("é", "-", "a.b", "x/y", '"""', "it's", "\\", "{{ x }}"),
]
SCHEMA_NAMES = [
    *("class", "my-thing", "MyThing", "my_thing", "1st", "Thing.V2", "a b", "x/y"),
    *(
        "BaseModel",
        "Field",
        "None",
        "date",
        "Date",
        "é",
        "Any",
        "thing",
        "orderResponse",
    ),
]
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=24)
HOSTILE_TEXT = st.one_of(
    st.sampled_from(PAYLOADS),
    TEXT,
    st.builds(lambda a, b: a + b, st.sampled_from(PAYLOADS), TEXT),
)
HOSTILE_NAMES = st.lists(
    st.one_of(st.sampled_from(NAMES), st.text(min_size=1, max_size=10)),
    min_size=1,
    max_size=6,
    unique=True,
)
ENUM_VALUES = st.one_of(
    st.lists(HOSTILE_TEXT, min_size=1, max_size=5, unique=True),
    st.lists(st.integers(-(2**40), 2**40), min_size=1, max_size=5, unique=True),
)


# -- building inputs ----------------------------------------------------------------------


def ref(name: str) -> dict[str, str]:
    return {"$ref": "#/components/schemas/" + name.replace("~", "~0").replace("/", "~1")}


def hostile_inputs(
    texts: list[str], names: list[str], schema_names: list[str], values: list[Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A spec and a manifest carrying `texts` everywhere a string can go, and `names` as names."""

    def text(index: int) -> str:
        return texts[index % len(texts)]

    fields = {
        name: {
            "type": "string",
            "description": text(i),
            "default": text(i + 1),
            "example": text(i + 2),
            "title": text(i + 3),
        }
        for i, name in enumerate(names)
    }
    fields["status"] = {
        "type": "string" if isinstance(values[0], str) else "integer",
        "enum": values,
        "default": values[-1],
        "description": text(1),
    }
    fields |= {f"link_{i}": ref(name) for i, name in enumerate(schema_names)}
    schemas = {
        name: {
            "type": "object",
            "description": text(i),
            "properties": {"note": {"type": "string"}},
        }
        for i, name in enumerate(schema_names)
    }
    schemas |= {
        "Thing": {
            "type": "object",
            "description": text(2),
            "required": ["status"],
            "properties": fields,
        },
        "OrderResponse": {
            "type": "object",
            "properties": {"number": {"type": "string"}},
        },  # the runtime's webhooks need these two
        "ProductResponse": {
            "type": "object",
            "properties": {"id": {"type": "integer"}},
        },
    }
    query = [
        {
            "name": name,
            "in": "query",
            "description": text(i),
            "schema": {
                "type": "string",
                "enum": list(dict.fromkeys([text(i), text(i + 1)])),
            },
        }
        for i, name in enumerate(names)
    ]
    thing_id = {
        "name": "thing_id",
        "in": "path",
        "required": True,
        "description": text(3),
        "schema": {"type": "string"},
    }
    ok = {
        "200": {
            "description": text(0),
            "content": {"application/json": {"schema": ref("Thing")}},
        }
    }
    form = {
        "type": "object",
        "properties": {
            name: {"type": "string", "description": text(i)} for i, name in enumerate(names)
        },
    }
    spec = {
        "openapi": "3.0.3",
        "info": {"title": text(0), "version": text(1), "description": text(2)},
        "paths": {
            "/things/{thing_id}/": {
                "parameters": [thing_id],
                "get": {
                    "summary": text(1),
                    "description": text(2),
                    "parameters": query,
                    "responses": ok,
                },
                "put": {
                    "requestBody": {
                        "description": text(3),
                        "required": True,
                        "content": {"application/json": {"schema": ref("Thing")}},
                    },
                    "responses": ok,
                },
            },
            "/uploads/": {
                "post": {
                    "requestBody": {"content": {"multipart/form-data": {"schema": form}}},
                    "responses": {"204": {"description": text(4)}},
                }
            },
        },
        "components": {"schemas": schemas},
    }
    status = "#/components/schemas/Thing/properties/status"
    operations = [
        {"key": "get_thing", "kind": "call", "binds": "GET /things/{thing_id}/"},
        {"key": "put_thing", "kind": "call", "binds": "PUT /things/{thing_id}/"},
        {"key": "upload", "kind": "call", "binds": "POST /uploads/"},
        {"key": "statuses", "kind": "local", "local": {"enum": status}},
        {
            "key": "status_ddl",
            "kind": "ddl",
            "ddl": {
                "source": "enum",
                "pointer": status,
                "labels": {str(values[0]): text(6) or "label"},
            },
        },
        {
            "key": "static_ddl",
            "kind": "ddl",
            "ddl": {
                "source": "static",
                "options": [{"text": t, "value": t} for t in texts],
            },
        },
        {"key": "raw_request", "kind": "raw"},
    ]
    for i, operation in enumerate(operations):  # names are unique, descriptions not empty
        operation |= {"name": f"{text(i)} #{i}", "description": text(i + 1) or "x"}
    return spec, {"operations": operations}


def generate(root: Path, spec: dict[str, Any], manifest: dict[str, Any]) -> tuple[int, str]:
    """Run `python -m generator generate` in this process; (exit code, stdout + stderr)."""
    (root / "spec.json").write_text(json.dumps(spec), encoding="utf-8")
    (root / "ops.json").write_text(json.dumps(manifest), encoding="utf-8")
    output = io.StringIO()
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
        code = main(
            [
                "generate",
                "--spec",
                str(root / "spec.json"),
                "--manifest",
                str(root / "ops.json"),
                "--out",
                str(root / "out"),
            ]
        )
    return code, output.getvalue()


@contextlib.contextmanager
def imported(root: Path) -> Iterator[ModuleType]:
    """The generated package under `root/out`, imported as a package of its own name."""
    name = f"hostile_{uuid.uuid4().hex}"
    location = root / "out" / "leaflink"
    spec = importlib.util.spec_from_file_location(
        name, location / "__init__.py", submodule_search_locations=[str(location)]
    )
    assert spec is not None and spec.loader is not None
    package = importlib.util.module_from_spec(spec)
    sys.modules[name] = package
    try:
        spec.loader.exec_module(package)
        yield package
    finally:
        for module in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
            del sys.modules[module]


def assert_no_canary() -> None:
    assert not CANARY_FILE.exists(), "a payload from the spec ran"
    assert not hasattr(builtins, FLAG), "a payload from the spec ran"


def normal(text: str) -> str:
    return " ".join(text.split())


# -- checks of a generated package -----------------------------------------------------------


def check_package(root: Path, spec: dict[str, Any], manifest: dict[str, Any]) -> None:
    """Compile, import and exercise the package; every string comes back as written."""
    for path in (root / "out").rglob("*.py"):
        compile(path.read_bytes(), str(path), "exec")
    assert "<script" not in (root / "out" / "OPERATIONS.md").read_text(encoding="utf-8")
    thing = spec["components"]["schemas"]["Thing"]
    values = thing["properties"]["status"]["enum"]
    entries = {entry["key"]: entry for entry in manifest["operations"]}
    with imported(root) as package:
        assert_no_canary()
        catalogue = package.OPERATIONS
        client = package.LeafLink(api_key="k", base_url="http://127.0.0.1:9/api")
        for key, entry in entries.items():
            assert catalogue[key].name == entry["name"]
            assert catalogue[key].description == normal(entry["description"])
            if key != "raw_request":
                assert normal(entry["description"]) in normal(getattr(client, key).__doc__)
        assert client.statuses() == values
        options = client.static_ddl()
        assert [o["text"] for o in options] == [
            o["text"] for o in entries["static_ddl"]["ddl"]["options"]
        ]
        assert [o["value"] for o in client.status_ddl()] == values
        model = getattr(
            package.models,
            catalogue["get_thing"].output_schema["$ref"].rsplit("/", 1)[1],
        )
        by_alias = {field.alias or name: field for name, field in model.model_fields.items()}
        assert set(by_alias) == set(thing["properties"])
        for name, schema in thing["properties"].items():
            if "default" in schema and name != "status":
                assert by_alias[name].default == schema["default"], name
        for value in values:
            dumped = model.model_validate({"status": value}).model_dump(
                mode="json", by_alias=True, exclude_unset=True
            )
            assert dumped == {"status": value}
        assert_no_canary()


GENERATE_SETTINGS = settings(
    max_examples=int(os.environ.get("LEAFLINK_HOSTILE_EXAMPLES", "15")),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    phases=[Phase.explicit, Phase.generate],  # each example generates a package: no shrinking
)


@pytest.fixture(scope="module", autouse=True)
def _module_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Random specs must not fill the user's generator cache; one cache serves this module."""
    previous = os.environ.get("LEAFLINK_GENERATOR_CACHE")
    os.environ["LEAFLINK_GENERATOR_CACHE"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if previous is None:
        del os.environ["LEAFLINK_GENERATOR_CACHE"]
    else:
        os.environ["LEAFLINK_GENERATOR_CACHE"] = previous
    assert_no_canary()


@GENERATE_SETTINGS
@given(
    texts=st.lists(HOSTILE_TEXT, min_size=1, max_size=6),
    names=HOSTILE_NAMES,
    schema_names=st.lists(st.sampled_from(SCHEMA_NAMES), max_size=4, unique=True),
    values=ENUM_VALUES,
)
def test_hostile_strings_and_names_stay_data(
    texts: list[str], names: list[str], schema_names: list[str], values: list[Any]
) -> None:
    spec, manifest = hostile_inputs(texts, names, schema_names, values)
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        code, output = generate(root, spec, manifest)
        assert code == 0, output
        check_package(root, spec, manifest)


# -- the worst case, every payload at once: generated once, type-checked -------------------


@pytest.fixture(scope="module")
def worst_case(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, dict[str, Any], dict[str, Any]]:
    root = tmp_path_factory.mktemp("worst")
    spec, manifest = hostile_inputs(PAYLOADS, NAMES, SCHEMA_NAMES, PAYLOADS)
    code, output = generate(root, spec, manifest)
    assert code == 0, output
    return root, spec, manifest


def test_the_worst_case_imports_and_gives_every_string_back(
    worst_case: tuple[Path, dict[str, Any], dict[str, Any]],
) -> None:
    check_package(*worst_case)


def test_the_worst_case_passes_mypy_strict(
    worst_case: tuple[Path, dict[str, Any], dict[str, Any]],
) -> None:
    root = worst_case[0]
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--cache-dir",
            os.devnull,
            "-p",
            "leaflink",
        ],
        cwd=root / "out",
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert_no_canary()


def test_the_worst_case_escapes_what_it_prints(
    worst_case: tuple[Path, dict[str, Any], dict[str, Any]],
) -> None:
    """No control character (a line break, NUL) stands raw in what the templates print."""
    root = worst_case[0] / "out"
    resources = sorted((root / "leaflink" / "resources").glob("*.py"))
    for path in (
        root / "leaflink" / "_client.py",
        *resources,
        root / "leaflink" / "__init__.py",
        root / "OPERATIONS.md",
    ):
        text = path.read_text(encoding="utf-8")
        assert sorted({c for c in text if not c.isprintable() and c != "\n"}) == [], path.name
    assert any(  # escaped, not dropped
        "\\x00" in path.read_text(encoding="utf-8") for path in resources
    )


@pytest.mark.parametrize(
    "injected",
    [
        "import os",
        "from os import system",
        "class A(BaseModel):\n    x: int = __import__('os').getpid()",
        "class A(BaseModel):\n    x: int\n    print('hi')",
        "@decorator\nclass A(BaseModel):\n    pass",
        "def f():\n    pass",
        "class A(BaseModel):\n    x: int = Field(default_factory=lambda: 1)",
        "Thing.model_rebuild(_types_namespace=__import__('os').environ)",
        "Thing.model_rebuild().system('x')",
    ],
)
def test_models_that_do_more_than_declare_are_refused(injected: str) -> None:
    """The check behind every `models.py`: datamodel-code-generator's escaping is not ours."""
    declared = 'from pydantic import BaseModel, Field\n\nclass Thing(BaseModel):\n    x: int = Field(1, alias=\'"""\')\n\nThing.model_rebuild()\n'
    assert checked_models(declared, ["Thing"]) == declared
    with pytest.raises(UnsafeModels):
        checked_models(declared + injected + "\n", ["Thing"])
    with pytest.raises(UnsafeModels, match="does not define Other"):
        checked_models(declared, ["Thing", "Other"])


# -- names ------------------------------------------------------------------------------------


def test_schema_names_become_distinct_stable_class_names() -> None:
    names, renames = class_names(
        [
            "my-thing",
            "MyThing",
            "my_thing",
            "class",
            "1st",
            "Thing.V2",
            "BaseModel",
            "date",
            "Date",
            "None",
            "x/y",
        ]
    )
    assert names == [
        "MyThing2",
        "MyThing",
        "MyThing3",
        "Class",
        "OneSt",
        "ThingV2",
        "BaseModelModel",
        "Date2",
        "Date",
        "NoneModel",
        "XSlashY",
    ]
    assert ("my-thing", "MyThing2") in renames and ("MyThing", "MyThing") not in renames
    assert class_names(["Date", "date"])[0] == [
        "Date",
        "Date2",
    ]  # a plain name keeps its name wherever it stands


def test_renamed_schemas_are_reported_and_every_reference_follows(
    tmp_path: Path,
) -> None:
    names = ["my-thing", "MyThing", "my_thing", "class", "BaseModel", "date", "Date"]
    spec, manifest = hostile_inputs(["plain"], ["a"], names, ["x"])
    spec["paths"]["/things/{thing_id}/"]["get"]["responses"]["200"]["content"]["application/json"][
        "schema"
    ] = ref("my-thing")
    code, output = generate(tmp_path, spec, manifest)
    assert code == 0, output
    assert f"schema 'my-thing' is the model class `MyThing2`" in output
    assert f"schema 'date' is the model class `Date2`" in output
    assert "schema 'MyThing'" not in output
    with imported(tmp_path) as package:
        assert package.OPERATIONS["get_thing"].output_schema == {"$ref": "#/$defs/MyThing2"}
        fields = package.models.Thing.model_fields
        classes = [fields[f"link_{i}"].annotation for i in range(len(names))]
        assert [c.__args__[0].__name__ for c in classes] == [
            "MyThing2",
            "MyThing",
            "MyThing3",
            "Class",
            "BaseModelModel",
            "Date2",
            "Date",
        ]
        assert package.models.MyThing2.__doc__.strip() == "plain"
    first = (tmp_path / "out" / "leaflink" / "models.py").read_text(encoding="utf-8")
    generate(tmp_path, spec, manifest)
    assert (tmp_path / "out" / "leaflink" / "models.py").read_text(encoding="utf-8") == first
