"""The content version that keys every cached page, and what bumps it.

No central list of models: each app says in its `AppConfig.ready` which of its models
public pages show, with `invalidate_on(...)`.
"""

from __future__ import annotations

import logging

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

logger = logging.getLogger(__name__)

VERSION_KEY = "content-version"


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def bump_content_version(**kwargs) -> None:
    """Make every cached page stale."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.add(VERSION_KEY, 2, timeout=None)
    except Exception:  # an unreachable cache must not stop an edit from being saved
        logger.exception("Could not bump the page cache version")


def bump_now_and_on_commit(**kwargs) -> None:
    """Bump at once, and again once the change is committed: a page rendered in between
    from the old rows would otherwise be stored under the new version."""
    bump_content_version()
    transaction.on_commit(bump_content_version)


# labels of the models some app asked to watch (tests/test_conventions.py reads it)
WATCHED: set[str] = set()


def invalidate_on(*models, when=None, signals=()) -> None:
    """Bump the content version whenever one of `models` is saved or deleted.

    `when(instance)` may narrow saves to those that public pages show. A many-to-many
    `through` model given here is watched for `m2m_changed` as well; `signals` are other
    signals whose sender is one of the models (e.g. a bulk status change).
    """
    for model in models:
        WATCHED.add(model._meta.label)
        on_save = bump_now_and_on_commit
        if when is not None:

            def on_save(instance, _when=when, **kwargs):
                if _when(instance):
                    bump_now_and_on_commit()

        uid = f"pagecache-{model._meta.label}"
        post_save.connect(on_save, sender=model, dispatch_uid=f"{uid}-save", weak=False)
        post_delete.connect(bump_now_and_on_commit, sender=model, dispatch_uid=f"{uid}-delete")
        if model._meta.auto_created:
            m2m_changed.connect(bump_now_and_on_commit, sender=model, dispatch_uid=f"{uid}-m2m")
        for n, signal in enumerate(signals):
            signal.connect(bump_now_and_on_commit, sender=model, dispatch_uid=f"{uid}-{n}")
