"""Parts of pages kept in the cache (`{% fragment %}`, templatetags/fragments.py), and the
lazy values that views hand them: computed only when a fragment is actually rendered."""

from __future__ import annotations

import hashlib

from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from .schedule import read_stamp

FRAGMENT_TIMEOUT = 60 * 60 * 24


def content_stamp() -> str:
    """The content version, and the day since which nothing shown has changed by date
    alone (scheduled content appears, updates turn overdue; schedule.py). Not today's
    date: a midnight when nothing is due leaves every page and fragment warm."""
    return read_stamp()[0]


def fragment_key(parts: list, stamp: str) -> str:
    """Per content stamp, language and the given parts. What is kept under it is served
    only while nothing it read has changed (shown.py)."""
    digest = hashlib.sha256("\0".join(map(str, parts)).encode()).hexdigest()
    return f"fragment:{stamp}:{get_language()}:{digest}"


def lazy(function, *args) -> SimpleLazyObject:
    """`function(*args)`, computed the first time a template uses it, at most once."""
    return SimpleLazyObject(lambda: function(*args))
