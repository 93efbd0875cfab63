"""Per-visitor values (CSRF tokens, time stamps) punched out of a cached page and refilled.

A page whose only per-visitor parts are such tokens declares them on its response
(`response.page_cache_holes = [...]`); it is stored with placeholders.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable

from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH

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


CHARS = CSRF_ALLOWED_CHARS
INDEX = {char: n for n, char in enumerate(CHARS)}
# bytes from here on are dropped, so that each of the 62 characters is equally likely
UNBIASED_BELOW = 256 - 256 % len(CHARS)


def random_picks(count: int) -> list[int]:
    """`count` positions in CHARS, uniform, from one read of the system's randomness."""
    picks: list[int] = []
    while len(picks) < count:
        picks += [b % len(CHARS) for b in secrets.token_bytes(count + 8) if b < UNBIASED_BELOW]
    return picks[:count]


def csrf_token(request) -> str:
    """What django.middleware.csrf.get_token returns, with the same effect (the visitor's
    secret set or renewed in the cookie by CsrfViewMiddleware) and the same masking, but
    with one read of the system's randomness where Django makes one for each of the 64
    characters: on the cached join form that was most of the cost of a visit."""
    secret = request.META.get("CSRF_COOKIE")
    if secret is None:  # a first visit: a new secret, as Django would make it
        secret = "".join(CHARS[n] for n in random_picks(CSRF_SECRET_LENGTH))
        request.META["CSRF_COOKIE"] = secret
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    mask = random_picks(CSRF_SECRET_LENGTH)
    cipher = (CHARS[(INDEX[char] + n) % len(CHARS)] for char, n in zip(secret, mask, strict=True))
    return "".join(CHARS[n] for n in mask) + "".join(cipher)
