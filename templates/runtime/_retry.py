"""When to retry a request, and how long to wait first: the client's whole retry policy.

* Retried: 408, 429, 5xx answers, connection errors and timeouts, up to ``max_retries`` times.
* A request that is not idempotent (POST, PATCH) may already have reached LeafLink after a 5xx,
  a read/write timeout or a dropped connection, so it is not re-sent then; it is retried on
  429, 408 and when it was never sent (connection refused, connect or pool timeout).
* The wait is exponential backoff with full jitter (0.5 s doubling per retry, capped at 8 s),
  unless the answer carries a ``Retry-After`` (seconds or HTTP-date) of at most 60 s.

:func:`retryable` is the same rule without the count and the wait: it sets ``retryable`` on
the errors the client raises, so that an error is retryable exactly when the client itself
would have sent the request again.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timezone
from email.utils import parsedate_to_datetime

import httpx

__all__ = [
    "BACKOFF_BASE",
    "BACKOFF_CAP",
    "IDEMPOTENT_METHODS",
    "RETRY_AFTER_CAP",
    "RetryDecision",
    "backoff_delay",
    "plan_retry",
    "retry_after_seconds",
    "retryable",
]

BACKOFF_BASE = 0.5
BACKOFF_CAP = 8.0
RETRY_AFTER_CAP = 60.0
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"})

# The request never left the client: safe to re-send whatever the method.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
# The request may have reached the server: re-sent only when idempotent.
_MAYBE_SENT = (
    httpx.ReadTimeout,
    httpx.WriteTimeout,
    httpx.ReadError,
    httpx.WriteError,
    httpx.RemoteProtocolError,
)


@dataclass(frozen=True)
class RetryDecision:
    """Retry after ``delay`` seconds, because of ``reason``."""

    reason: str
    delay: float


def plan_retry(
    method: str,
    attempt: int,
    max_retries: int,
    *,
    response: httpx.Response | None = None,
    error: Exception | None = None,
    now: float,
    rand: Callable[[], float] = random.random,
) -> RetryDecision | None:
    """Decide whether attempt number ``attempt`` (0 for the first) is followed by another.

    Pass the ``response`` received or the transport ``error`` raised; ``now`` is the epoch time
    used to read an HTTP-date ``Retry-After``.
    """
    if attempt >= max_retries:
        return None
    if response is not None:
        status = response.status_code
        if not retryable(method, status=status):
            return None
        reason = f"status {status}"
        retry_after = retry_after_seconds(response.headers, now)
        if retry_after is not None and retry_after <= RETRY_AFTER_CAP:
            return RetryDecision(f"{reason}, Retry-After {retry_after:g}s", retry_after)
        return RetryDecision(reason, backoff_delay(attempt, rand))
    if retryable(method, error=error):
        return RetryDecision(type(error).__name__, backoff_delay(attempt, rand))
    return None


def retryable(
    method: str, *, status: int | None = None, error: BaseException | None = None
) -> bool:
    """Whether a request of ``method`` that got ``status`` (or raised the transport ``error``)
    may be sent again: 408 and 429 always; 5xx, and errors after which the request may have
    reached LeafLink, only when the method is idempotent; errors before it left, always.
    """
    idempotent = method.upper() in IDEMPOTENT_METHODS
    if status is not None:
        return status in (408, 429) or (status >= 500 and idempotent)
    return isinstance(error, _NOT_SENT) or (idempotent and isinstance(error, _MAYBE_SENT))


def backoff_delay(attempt: int, rand: Callable[[], float] = random.random) -> float:
    """Full jitter: uniform in ``[0, min(8, 0.5 * 2**attempt)]`` seconds."""
    return rand() * min(BACKOFF_CAP, BACKOFF_BASE * 2.0 ** min(attempt, 32))


def retry_after_seconds(headers: httpx.Headers, now: float) -> float | None:
    """The wait a ``Retry-After`` header asks for (seconds, never negative), or None."""
    value = headers.get("retry-after", "").strip()
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            moment = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        seconds = moment.timestamp() - now
    return max(seconds, 0.0) if math.isfinite(seconds) else None
