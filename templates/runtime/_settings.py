"""Where a client's API key, environment and base URL come from: the one place that reads them.

``LeafLink(...)``, ``AsyncLeafLink(...)`` and the ``leaflink`` command line all resolve them
here, argument first, then the process environment:

=============  ==========================  ============================================
 setting        argument                    else
=============  ==========================  ============================================
 API key        ``api_key``                 ``LEAFLINK_API_KEY``; neither: ``ValueError``
 environment    ``environment``             ``LEAFLINK_ENVIRONMENT``, else ``production``
 base URL       ``base_url``                ``LEAFLINK_BASE_URL``, unless ``environment``
                                            was passed (an explicit environment wins)
=============  ==========================  ============================================

Empty or blank variables count as unset.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, cast

__all__ = [
    "API_KEY_VARIABLE",
    "BASE_URL_VARIABLE",
    "ENVIRONMENTS",
    "ENVIRONMENT_VARIABLE",
    "Environment",
    "Settings",
    "api_key_from_environment",
    "resolve_settings",
]

Environment = Literal["production", "sandbox", "integrations"]
ENVIRONMENTS: dict[str, str] = {
    "production": "https://app.leaflink.com/api/v2",
    "sandbox": "https://www.sandbox.leaflink.com/api/v2",
    "integrations": "https://www.leaflink-integrations.leaflink.com/api/v2",
}
API_KEY_VARIABLE = "LEAFLINK_API_KEY"
ENVIRONMENT_VARIABLE = "LEAFLINK_ENVIRONMENT"
BASE_URL_VARIABLE = "LEAFLINK_BASE_URL"


@dataclass(frozen=True)
class Settings:
    """A client's resolved connection settings (``base_url`` None: the environment's URL)."""

    api_key: str
    environment: Environment
    base_url: str | None


def api_key_from_environment(environ: Mapping[str, str] | None = None) -> str | None:
    """``LEAFLINK_API_KEY`` stripped, or None when unset or blank."""
    return _variable(API_KEY_VARIABLE, environ)


def resolve_settings(
    api_key: str | None,
    environment: str | None,
    base_url: str | None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """The settings a client uses: each argument given, else its variable (see the module).

    Raises ``ValueError`` naming the variable when no API key is found, and naming where an
    unknown environment came from.
    """
    if api_key is None:
        api_key = api_key_from_environment(environ)
        if api_key is None:
            raise ValueError(
                f"{API_KEY_VARIABLE} is not set: create an API key in the LeafLink dashboard "
                "(Settings > Developer Options) and export it"
            )
    elif not isinstance(api_key, str) or not api_key.strip():
        raise ValueError("api_key must be a non-empty string")
    source = ""
    if environment is None:
        environment = _variable(ENVIRONMENT_VARIABLE, environ) or "production"
        source = f" (from {ENVIRONMENT_VARIABLE})"
        if base_url is None:
            base_url = _variable(BASE_URL_VARIABLE, environ)
    if environment not in ENVIRONMENTS:
        valid = ", ".join(ENVIRONMENTS)
        raise ValueError(f"unknown environment {environment!r}{source}; expected one of: {valid}")
    return Settings(api_key, cast(Environment, environment), base_url)


def _variable(name: str, environ: Mapping[str, str] | None) -> str | None:
    value = (os.environ if environ is None else environ).get(name, "").strip()
    return value or None
