"""Parts of pages kept in the cache (`{% fragment %}`, templatetags/fragments.py), and the
lazy values that views hand them: computed only when a fragment is actually rendered."""

from __future__ import annotations

import hashlib

from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from .versions import content_version

FRAGMENT_TIMEOUT = 60 * 60 * 24


def fragment_key(parts: list) -> str:
    """Per content version, day (scheduled content appears at midnight) and language."""
    digest = hashlib.sha256("\0".join(map(str, parts)).encode()).hexdigest()
    day = timezone.localdate().isoformat()
    return f"fragment:{content_version()}:{day}:{get_language()}:{digest}"


def lazy(function, *args) -> SimpleLazyObject:
    """`function(*args)`, computed the first time a template uses it, at most once."""
    return SimpleLazyObject(lambda: function(*args))
