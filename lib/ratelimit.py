"""A fixed-window rate limit per client, counted in the cache (shared across processes
when the cache is, e.g. Redis)."""

from __future__ import annotations

import ipaddress
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

logger = logging.getLogger(__name__)
UNKNOWN_ADDRESS = "0.0.0.0"  # noqa: S104 - a placeholder, never bound to


def client_address(request: HttpRequest) -> str:
    """The client's IP: REMOTE_ADDR, or the entry our own proxies added to X-Forwarded-For.

    Always a valid address (the lockout records store it in an IP column): anything else
    falls back to REMOTE_ADDR, then to 0.0.0.0."""
    candidates = []
    if settings.PROXY_COUNT:
        forwarded = [a.strip() for a in request.headers.get("X-Forwarded-For", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if len(forwarded) >= settings.PROXY_COUNT:
            candidates.append(forwarded[-settings.PROXY_COUNT])
    candidates.append(request.META.get("REMOTE_ADDR", ""))
    for candidate in candidates:
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            continue
    return UNKNOWN_ADDRESS


def over_limit(request: HttpRequest, *, scope: str, limit: int, window: int) -> bool:
    """Count one more hit from this client; True once it exceeds `limit` in the window."""
    bucket = int(time.time() // window)
    key = f"ratelimit:{scope}:{client_address(request)}:{bucket}"
    try:
        cache.add(key, 0, timeout=window)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window)
            count = 1
    except Exception:  # the cache is down: let the form through (its other checks still hold)
        logger.warning("Rate limit cache unavailable; not limiting", exc_info=True)
        return False
    return count > limit
