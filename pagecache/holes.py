"""Per-visitor values (CSRF tokens, time stamps) punched out of a cached page and refilled.

A page whose only per-visitor parts are such tokens declares them on its response
(`response.page_cache_holes = [...]`); it is stored with placeholders.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# name -> (pattern whose group 1 is the per-visitor value, function making a fresh one)
HOLES: dict[str, tuple[re.Pattern, Callable]] = {}


def register_hole(name: str, pattern: str, fresh_value: Callable) -> None:
    HOLES[name] = (re.compile(pattern.encode()), fresh_value)


def punch_holes(content: bytes, names) -> bytes:
    for name in names:
        pattern, _fresh = HOLES[name]
        content = pattern.sub(
            lambda m, n=name: m[0].replace(m[1], f"@@hole:{n}@@".encode()), content
        )
    return content


def fill_holes(request, content: bytes, names) -> bytes:
    for name in names:
        _pattern, fresh_value = HOLES[name]
        content = content.replace(f"@@hole:{name}@@".encode(), fresh_value(request).encode())
    return content


def csrf_token(request) -> str:
    from django.middleware.csrf import get_token

    return get_token(request)  # also makes CsrfViewMiddleware set the visitor's cookie
