"""Pydantic v2 models for the spec's component schemas, by datamodel-code-generator.

Called once per generation, in-process, with flags that make its output deterministic and
readable: no timestamp, our header, enums with the member names `schemas.name_enums` chose,
field and schema descriptions as docstrings. Black formats the result with everything else.
"""

from __future__ import annotations

import inspect
import json
import re
from importlib.metadata import version
from typing import Any

from .cache import cached_text
from .pieces import PLACEHOLDER
from .schemas import python_aliases

BASE_CLASS = "_base_model.LeafLinkModel"
"""Every model's base class, in the runtime (`templates/runtime/_base_model.py`)."""


def _generate(model_spec: dict[str, Any], header: str) -> str:
    from datamodel_code_generator import (
        DataModelType,
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
        output_model_type=DataModelType.PydanticV2BaseModel,
        base_class=f"leaflink.{BASE_CLASS}",  # keeps unknown fields; made relative below
        target_python_version=PythonVersion.PY_311,
        use_standard_collections=True,
        use_union_operator=True,
        use_schema_description=True,
        use_field_description=True,
        use_double_quotes=True,
        field_constraints=True,
        output_datetime_class=DatetimeClassType.Datetime,
        disable_timestamp=True,
        keep_model_order=True,
        custom_file_header=header,
        formatters=[
            Formatter.BUILTIN
        ],  # sorts the imports; black formats the whole tree afterwards
        strict_nullable=False,
        aliases=python_aliases(model_spec),  # `º` would be read as `o`
        set_default_enum_member=True,  # `status: Status = Status.OPEN`, not a bare string
        # lenient where LeafLink is loose: emails, URLs and UUIDs stay plain strings
        type_mappings=[
            "string+email=string",
            "string+uri=string",
            "string+uuid=string",
        ],
    )
    assert isinstance(source, str), "datamodel-code-generator returned several modules"
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


def render_models(model_spec: dict[str, Any], header: str) -> str:
    """The source of `models.py` for the components of `model_spec` (cached by content).

    datamodel-code-generator writes placeholder comment lines where the header goes, and the
    header replaces them afterwards: the header names the inputs' sha256, so the cached
    models stay valid across every input change that leaves the schemas alone.
    """
    if not model_spec["components"]["schemas"]:
        return f'{header}\n\n"""The spec defines no component schemas, so there are no models."""\n'
    placeholder = "\n".join([PLACEHOLDER] * len(header.split("\n")))
    source = json.dumps(
        {"spec": model_spec, "header": placeholder}, sort_keys=True, default=str
    )
    tool = f"datamodel-code-generator {version('datamodel-code-generator')}\n{inspect.getsource(_generate)}"
    models = cached_text(
        "models", tool, source, lambda: _generate(model_spec, placeholder)
    )
    if not models.startswith(placeholder + "\n"):
        return _generate(model_spec, header)  # never seen; correct, only slower
    return header + models[len(placeholder) :]
