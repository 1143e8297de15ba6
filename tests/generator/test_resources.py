"""Which resource module an operation's methods live in, and each module's own imports."""

from __future__ import annotations

import ast

from typing import Any

from generator.emit.render import with_used_imports
from generator.inputs.manifest import ManifestEntry, parse_manifest
from generator.model.names import CATCH_ALL_RESOURCE, resource_module, resource_of


def entry(**fields: Any) -> ManifestEntry:
    """A typed manifest entry of `fields`, named and described."""
    raw = {"name": "Thing", "key": "thing", "description": "A thing.", **fields}
    return parse_manifest({"operations": [raw]}).entries[0]


def test_a_named_resource_wins_over_the_binding() -> None:
    named = entry(kind="call", binds="GET /batch-documents/", resource="batches")
    assert resource_of(named) == "batches"


def test_without_a_name_the_first_path_segment_is_the_resource() -> None:
    assert resource_of(entry(kind="call", binds="GET /batch-documents/{id}/")) == "batch_documents"
    ddl = entry(kind="ddl", ddl={"source": "endpoint", "binds": "GET /strains/"})
    assert resource_of(ddl) == "strains"


def test_entries_without_a_binding_share_the_catch_all_and_raw_has_none() -> None:
    assert resource_of(entry(kind="local", local={"enum": "#/x"})) == CATCH_ALL_RESOURCE
    assert resource_of(entry(kind="ddl", ddl={"source": "static"})) == CATCH_ALL_RESOURCE
    assert resource_of(entry(kind="call", binds="GET /{id}/")) == CATCH_ALL_RESOURCE
    assert resource_of(entry(kind="raw")) is None


def test_a_keyword_resource_gets_an_importable_module_name() -> None:
    assert resource_module("import") == "import_" and resource_module("orders") == "orders"


def test_a_module_keeps_only_the_imports_it_uses() -> None:
    source = "\n".join(
        [
            "from __future__ import annotations",
            "",
            "from datetime import date, datetime",
            "from typing import TYPE_CHECKING, Any",
            "",
            "from .._lazy import LazyModule",
            "",
            "if TYPE_CHECKING:",
            "    from .. import models, params",
            "else:",
            '    models = LazyModule("p.models")',
            '    params = LazyModule("p.params")',
            "",
            '__all__ = ["f"]',
            "",
            "",
            "def f(d: date) -> models.X:",
            "    return d",
            "",
        ]
    )
    pruned = with_used_imports(source)
    ast.parse(pruned)
    assert "from datetime import date\n" in pruned and "Any" not in pruned
    assert "from .. import models\n" in pruned and "params" not in pruned.split("__all__")[0]
    none_lazy = with_used_imports(source.replace("-> models.X", "-> None"))
    assert "TYPE_CHECKING" not in none_lazy and "LazyModule" not in none_lazy
    assert "from typing" not in none_lazy and "\n\n\n\n" not in none_lazy
