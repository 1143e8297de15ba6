"""The base class of every model in ``leaflink.models``.

A model keeps what LeafLink sent: fields the spec does not declare are kept (``extra="allow"``)
and read like declared ones (``order.new_field``, ``model_dump()``). What a result was parsed
from, and which of its fields did not match, is kept beside it (see `_tolerant`), not in it:
a private attribute would slow the validation of every model several times over.
"""

from __future__ import annotations

from typing import Any

import pydantic

__all__ = ["LeafLinkModel"]


class LeafLinkModel(pydantic.BaseModel):
    """A LeafLink object; unknown fields are kept as attributes and in dumps."""

    model_config = pydantic.ConfigDict(extra="allow")

    def model_dump(self, **options: Any) -> dict[str, Any]:
        """As pydantic's, but a field kept as LeafLink sent it (not of its declared type)
        dumps without a warning: ``leaflink.response_mismatches`` lists those fields."""
        options.setdefault("warnings", False)
        return super().model_dump(**options)

    def model_dump_json(self, **options: Any) -> str:
        """As pydantic's, without warnings for fields kept as sent (see :meth:`model_dump`)."""
        options.setdefault("warnings", False)
        return super().model_dump_json(**options)
