"""`import leaflink` stays cheap: models, pydantic's model machinery and the pool load on use.

Run in a fresh interpreter over the committed package, as a user's worker would import it.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

GENERATED = Path(__file__).resolve().parents[2] / "generated"

PROBE = textwrap.dedent("""
    import sys
    import leaflink

    heavy = {"leaflink.models", "pydantic.main", "asyncio"}
    print("loaded at import:", sorted(heavy & set(sys.modules)))
    client = leaflink.LeafLink(api_key="key", base_url="http://127.0.0.1:9")
    methods = [getattr(client, key) for key in leaflink.OPERATIONS]
    print("pool before use:", client._http_client)
    print("models after client:", "leaflink.models" in sys.modules)
    models = leaflink.resources.brands.models
    print("through the client:", models.BrandResponse.__module__, models.BrandResponse is leaflink.models.BrandResponse)
    print("package attribute:", leaflink.models.__name__, leaflink.webhooks.__name__)
    client.close()
    print("pool after close:", client._http.is_closed)
    """)


def test_import_leaves_models_and_pydantic_for_later() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        env={"PYTHONPATH": str(GENERATED), "PATH": ""},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "loaded at import: []",
        "pool before use: None",
        "models after client: False",
        "through the client: leaflink.models True",
        "package attribute: leaflink.models leaflink.webhooks",
        "pool after close: True",
    ]
