"""Broken and hostile input files: `generate` exits 2 with one clear line per problem.

The cases `test_validate.py` covers (duplicate manifest keys, YAML syntax, empty, blank and
non-UTF-8 files, a missing file, an alias bomb, a recursive alias) are not repeated here.
Every case runs `generate --out` over an output tree of an earlier generation, which must
stay byte-identical with no temporary directory left beside it; the heavy ones run in a
child process whose address space is capped, so a blow-up fails instead of swapping.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import resource
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.__main__ import main
from generator.inputs.load import MAX_BYTES, MAX_DEPTH
from tests.processes import run_generator

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "specs" / "leaflink-v2.openapi.yaml"
MANIFEST = ROOT / "specs" / "operations.yaml"
MEMORY_CAP = 1024**3  # bytes of address space for a child run: the real spec needs a tenth

THING = {"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"}}}
OPERATIONS = {
    "operations": [
        {
            "name": "Get thing",
            "key": "get_thing",
            "kind": "call",
            "binds": "GET /things/{id}/",
            "description": "One thing.",
        }
    ]
}


def small_spec(
    schemas: dict[str, Any] | None = None, response: dict[str, Any] | None = None
) -> dict[str, Any]:
    schema = response or {"$ref": "#/components/schemas/Thing"}
    return {
        "openapi": "3.0.3",
        "info": {"title": "Things", "version": "1"},
        "paths": {
            "/things/{id}/": {
                "get": {
                    "parameters": [
                        {
                            "name": "id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "integer"},
                        }
                    ],
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {"application/json": {"schema": schema}},
                        }
                    },
                }
            }
        },
        "components": {"schemas": {"Thing": THING, **(schemas or {})}},
    }


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEAFLINK_GENERATOR_CACHE", str(tmp_path / "cache"))


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An output tree of an earlier generation (content does not matter, bytes do)."""
    tree = tmp_path / "work" / "generated"
    (tree / "leaflink").mkdir(parents=True)
    (tree / "leaflink" / "models.py").write_bytes(b"# an earlier generation\n")
    (tree / "OPERATIONS.md").write_bytes(b"earlier\r\n\x00")
    return tree


def snapshot(tree: Path) -> dict[str, bytes]:
    """Every file under the tree's parent (so stray temporary siblings show too), as bytes."""
    return {
        str(p.relative_to(tree.parent)): p.read_bytes()
        for p in sorted(tree.parent.rglob("*"))
        if p.is_file()
    }


def write(path: Path, content: Any) -> Path:
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    elif path.suffix == ".json":
        path.write_text(json.dumps(content), encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(content, sort_keys=False), encoding="utf-8")
    return path


def generate(spec: Path, manifest: Path, out: Path) -> tuple[int, str, str]:
    """`python -m generator generate`, in this process: (exit code, stdout, stderr)."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(
            ["generate", "--spec", str(spec), "--manifest", str(manifest), "--out", str(out)]
        )
    return code, stdout.getvalue(), stderr.getvalue()


def generate_capped(spec: Path, manifest: Path, out: Path) -> tuple[int, str, str]:
    """The same in a child process with `MEMORY_CAP` of address space and a time limit."""

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))

    done = run_generator(
        "generate",
        "--spec",
        str(spec),
        "--manifest",
        str(manifest),
        "--out",
        str(out),
        timeout=60,
        preexec_fn=cap,
    )
    return done.returncode, done.stdout, done.stderr


def assert_refused(result: tuple[int, str, str], *expected: str, problems: int = 1) -> None:
    """Exit 2, one `error:` line per problem naming the file, and the summary line; no traceback."""
    code, stdout, stderr = result
    assert code == 2, stdout + stderr
    lines = stderr.splitlines()
    assert lines[-1] == f"{problems} problem(s); nothing was written.", stderr
    assert len(lines) == problems + 1 and all(
        line.startswith("error: ") for line in lines[:-1]
    ), stderr
    for fragment in expected:
        assert fragment in stderr, stderr
    assert len(stderr) < 400 * (problems + 1), "a message should be a line, not a dump"


# -- references -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("schemas", "response", "expected"),
    [
        pytest.param(
            {
                "Order": {
                    "type": "object",
                    "properties": {"thing": {"$ref": "#/components/schemas/Thingy"}},
                }
            },
            None,
            "components/schemas/Order/properties/thing: $ref '#/components/schemas/Thingy' does not resolve: no 'Thingy'",
            id="unresolvable-in-a-schema",
        ),
        pytest.param(
            None,
            {"$ref": "#/components/schemas/Nothing/properties/x"},
            "paths//things/{id}//get/responses/200/content/application/json/schema: $ref '#/components/schemas/Nothing/properties/x' does not resolve",
            id="unresolvable-in-a-response",
        ),
        pytest.param(
            {"A": {"$ref": "#/components/schemas/B"}, "B": {"$ref": "#/components/schemas/A"}},
            None,
            "components/schemas/A: $ref cycle: #/components/schemas/B -> #/components/schemas/A -> #/components/schemas/B",
            id="cyclic-chain",
        ),
        pytest.param(
            {"Self": {"$ref": "#/components/schemas/Self"}},
            None,
            "components/schemas/Self: $ref cycle: #/components/schemas/Self -> #/components/schemas/Self",
            id="refers-to-itself",
        ),
        pytest.param(
            None,
            {"$ref": "file:///etc/passwd"},
            "$ref 'file:///etc/passwd' is not a local reference ('#/...'); external documents are never read",
            id="local-file",
        ),
        pytest.param(
            None,
            {"$ref": "other.yaml#/components/schemas/Thing"},
            "$ref 'other.yaml#/components/schemas/Thing' is not a local reference",
            id="relative-file",
        ),
        pytest.param(None, {"$ref": 42}, "$ref must be a string", id="not-a-string"),
    ],
)
def test_a_broken_reference_is_one_problem(
    tmp_path: Path, out: Path, schemas: Any, response: Any, expected: str
) -> None:
    before = snapshot(out)
    spec = write(tmp_path / "spec.yaml", small_spec(schemas, response))
    result = generate(spec, write(tmp_path / "ops.yaml", OPERATIONS), out)
    assert_refused(result, f"error: {spec}: ", expected)
    assert "root:" not in result[2]  # /etc/passwd was not read into the message
    assert snapshot(out) == before


def test_a_reference_to_the_network_is_refused_without_connecting(
    tmp_path: Path, out: Path
) -> None:
    """openapi-spec-validator would fetch it: the reference check runs first."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(0.2)
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/spec.yaml#/Thing"
        spec = write(tmp_path / "spec.yaml", small_spec(response={"$ref": url}))
        result = generate(spec, write(tmp_path / "ops.yaml", OPERATIONS), out)
        with pytest.raises(TimeoutError):
            listener.accept()
    assert_refused(result, f"$ref '{url}' is not a local reference")


def test_a_recursive_schema_is_legal_and_generates(tmp_path: Path) -> None:
    node = {
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "parent": {"$ref": "#/components/schemas/Node"},
            "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
        },
    }
    spec = write(
        tmp_path / "spec.yaml", small_spec({"Node": node}, {"$ref": "#/components/schemas/Node"})
    )
    code, stdout, stderr = generate(
        spec, write(tmp_path / "ops.yaml", OPERATIONS), tmp_path / "out"
    )
    assert code == 0, stderr
    check = "from leaflink.models import Node; n = Node.model_validate({'children': [{'parent': {'name': 'p'}}]}); print(n.children[0].parent.name)"
    done = subprocess.run(
        [sys.executable, "-c", check], cwd=tmp_path / "out", capture_output=True, text=True
    )
    assert (done.returncode, done.stdout) == (0, "p\n"), done.stderr


# -- files ----------------------------------------------------------------------------------

DEEP = MAX_DEPTH + 10


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        pytest.param(
            "spec.json",
            '{"openapi": "3.0.3", "openapi": "3.1.0"}',
            "invalid JSON: duplicate key 'openapi'",
            id="json-duplicate-key",
        ),
        pytest.param(
            "spec.yaml",
            "openapi: 3.0.3\ninfo: {title: a, version: '1'}\ninfo: {}\n",
            "line 3: invalid YAML: duplicate key 'info' (first at line 2)",
            id="yaml-duplicate-key",
        ),
        pytest.param(
            "spec.yaml",
            "a: " + "[" * DEEP + "]" * DEEP + "\n",
            f"line 1: invalid YAML: nested deeper than {MAX_DEPTH} levels",
            id="yaml-deep",
        ),
        pytest.param(
            "spec.json",
            '{"a": ' + "[" * 100_000 + "]" * 100_000 + "}",
            f"nested deeper than {MAX_DEPTH} levels",
            id="json-very-deep",
        ),
        pytest.param(
            "spec.json",
            '{"a": ' + "[" * DEEP + "]" * DEEP + "}",
            f"invalid JSON: nested deeper than {MAX_DEPTH} levels",
            id="json-deep",
        ),
        pytest.param(
            "spec.json", '{"openapi": NaN}', "invalid JSON: NaN is not JSON", id="json-nan"
        ),
        pytest.param(
            "spec.json",
            '{"openapi": 1e999}',
            "invalid JSON: 1e999 is not a finite number",
            id="json-infinite",
        ),
        pytest.param(
            "spec.json",
            '{"title": "\\ud800"}',
            "invalid JSON: a string holds a lone surrogate, not text: '\\\\ud800'",
            id="json-lone-surrogate",
        ),
        pytest.param(
            "spec.yaml",
            "openapi: .nan\n",
            "line 1: invalid YAML: '.nan' is not a JSON number",
            id="yaml-nan",
        ),
        pytest.param(
            "spec.yaml",
            "openapi: !!binary aGk=\n",
            "line 1: invalid YAML: tag:yaml.org,2002:binary values are not JSON data",
            id="yaml-binary",
        ),
        pytest.param(
            "spec.yaml",
            "openapi: !!python/object/apply:os.system [true]\n",
            "line 1: invalid YAML: could not determine a constructor for the tag",
            id="yaml-python-tag",
        ),
        pytest.param(
            "spec.yaml",
            "? [a, b]\n: 1\n",
            "line 1: invalid YAML: a mapping key must be a plain value, not a list or a mapping",
            id="yaml-list-key",
        ),
        pytest.param(
            "spec.yaml",
            "- openapi\n- 3.0.3\n",
            "an OpenAPI document must be a mapping at the top level",
            id="not-a-mapping",
        ),
        pytest.param(
            "spec.yaml",
            "openapi: 3.0.3\n---\nopenapi: 3.1.0\n",
            "line 2: invalid YAML: but found another document",
            id="two-documents",
        ),
        pytest.param(
            "spec.yaml",
            "openapi: 2.0\n",
            "openapi: expected OpenAPI 3.0.x or 3.1.x, found '2.0'",
            id="swagger-2",
        ),
        pytest.param(
            "spec.yaml",
            "openapi: 3.0.3\ninfo: {title: caf\xe9}\n".encode("latin-1"),
            "byte 32: not UTF-8 text",
            id="latin-1",
        ),
        pytest.param(
            "spec.yaml", "openapi: 3.0.3\n".encode("utf-16"), "byte 0: not UTF-8 text", id="utf-16"
        ),
        pytest.param("spec.yaml", b"", "file is empty", id="empty"),
        pytest.param(
            "spec.json",
            '{"openapi": ' + "9" * 5000 + "}",
            "invalid JSON: Exceeds the limit (4300 digits)",
            id="json-huge-integer",
        ),
        pytest.param(
            "spec.yaml",
            "openapi: " + "9" * 5000 + "\n",
            "invalid YAML: Exceeds the limit (4300 digits)",
            id="yaml-huge-integer",
        ),
    ],
)
def test_an_unreadable_spec_is_one_problem(
    tmp_path: Path, out: Path, name: str, content: Any, expected: str
) -> None:
    before = snapshot(out)
    spec = write(tmp_path / name, content)
    started = time.monotonic()
    result = generate(spec, write(tmp_path / "ops.yaml", OPERATIONS), out)
    assert time.monotonic() - started < 10
    assert_refused(result, f"error: {spec}: ", expected)
    assert snapshot(out) == before


def test_a_directory_is_not_a_spec(tmp_path: Path, out: Path) -> None:
    assert_refused(
        generate(tmp_path, write(tmp_path / "ops.yaml", OPERATIONS), out),
        f"error: {tmp_path}: cannot read: Is a directory",
    )


def test_yaml_keys_and_dates_are_read_as_json_text(tmp_path: Path) -> None:
    """`200:` and `2024-01-01` are what YAML makes ints and dates; the spec means strings."""
    text = (
        yaml.safe_dump(small_spec(), sort_keys=False)
        .replace("'200':", "200:")
        .replace("version: '1'", "version: 2024-01-01")
    )
    assert "200:" in text and "2024-01-01" in text
    spec = write(tmp_path / "spec.yaml", text)
    code, _, stderr = generate(spec, write(tmp_path / "ops.yaml", OPERATIONS), tmp_path / "out")
    assert code == 0, stderr
    catalogue = json.loads(
        (tmp_path / "out" / "leaflink" / "catalogue.json").read_text(encoding="utf-8")
    )
    assert catalogue["api"]["version"] == "2024-01-01"


def test_an_empty_manifest_and_an_empty_spec_are_two_problems(tmp_path: Path, out: Path) -> None:
    before = snapshot(out)
    spec, manifest = write(tmp_path / "spec.yaml", ""), write(tmp_path / "ops.yaml", "\n")
    assert_refused(
        generate(spec, manifest, out),
        f"error: {spec}: file is empty",
        f"error: {manifest}: file is empty",
        problems=2,
    )
    assert snapshot(out) == before


# -- big files and bombs, in a capped child process ------------------------------------------


def test_a_50_mb_spec_is_refused_before_it_is_read(tmp_path: Path, out: Path) -> None:
    before = snapshot(out)
    spec = tmp_path / "spec.yaml"
    with spec.open("wb") as handle:  # sparse: 50 MB on paper, nothing on disk
        handle.truncate(50 * 1024 * 1024)
    result = generate_capped(spec, write(tmp_path / "ops.yaml", OPERATIONS), out)
    assert_refused(
        result, f"error: {spec}: file is 52428800 bytes, more than the limit of {MAX_BYTES} bytes"
    )
    assert snapshot(out) == before


def test_an_endless_stream_is_read_no_further_than_the_limit(tmp_path: Path, out: Path) -> None:
    """A file whose size `stat` cannot tell (a device, a pipe) is read up to the limit only."""
    result = generate_capped(Path("/dev/zero"), write(tmp_path / "ops.yaml", OPERATIONS), out)
    assert_refused(result, f"error: /dev/zero: file is more than the limit of {MAX_BYTES} bytes")


def test_a_50_mb_spec_of_real_text_is_refused(tmp_path: Path, out: Path) -> None:
    line = "#" + "x" * 1023 + "\n"
    spec = write(tmp_path / "spec.yaml", "openapi: 3.0.3\n" + line * (50 * 1024))
    result = generate_capped(spec, write(tmp_path / "ops.yaml", OPERATIONS), out)
    assert_refused(result, "more than the limit")


def test_an_alias_bomb_in_the_spec_is_refused_within_the_memory_cap(
    tmp_path: Path, out: Path
) -> None:
    before = snapshot(out)
    levels = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    levels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 12)]
    spec = write(
        tmp_path / "spec.yaml",
        "openapi: 3.0.3\nx-bomb:\n" + "".join(f"  {level}\n" for level in levels),
    )
    started = time.monotonic()
    result = generate_capped(spec, write(tmp_path / "ops.yaml", OPERATIONS), out)
    assert time.monotonic() - started < 30
    assert_refused(result, "(refusing a possible alias bomb)")
    assert snapshot(out) == before


# -- the manifest against a changed spec ----------------------------------------------------


def test_a_manifest_binding_to_a_removed_path_names_every_entry(tmp_path: Path, out: Path) -> None:
    spec_data = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    removed = "/order-payments/{id}/"
    del spec_data["paths"][removed]
    spec = write(tmp_path / "leaflink.yaml", spec_data)
    manifest = tmp_path / "operations.yaml"
    manifest.write_bytes(MANIFEST.read_bytes())
    bound = [
        e
        for e in yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))["operations"]
        if e.get("binds", "").endswith(" " + removed)
    ]
    assert bound, "the real manifest binds the removed path"
    before = snapshot(out)
    result = generate(spec, manifest, out)
    assert_refused(
        result,
        *(
            f"({entry['name']}).binds: {spec} has no operation '{entry['binds']}'"
            for entry in bound
        ),
        problems=len(bound),
    )
    assert snapshot(out) == before


@pytest.mark.parametrize("key", ["import", "class", "close", "api_key", "run", "with_raw_response"])
def test_an_operation_key_that_would_replace_the_clients_own_name_is_refused(
    tmp_path: Path, out: Path, key: str
) -> None:
    """The manifest's key pattern allows keywords and `close`; as method names they break the client."""
    manifest = copy.deepcopy(OPERATIONS)
    manifest["operations"][0]["key"] = key
    manifest_path = write(tmp_path / "ops.yaml", manifest)
    result = generate(write(tmp_path / "spec.yaml", small_spec()), manifest_path, out)
    assert_refused(
        result,
        f"error: {manifest_path}: operations[0] (Get thing).key: key {key!r} is a Python keyword or a name of the client itself",
    )
