"""What makes kept pages stale: an edit of a watched model makes stale what read it
(shown.py); `bump_content_version` makes every page and fragment stale at once (a
restored backup, `clear_page_cache`, words gone from search's suggestions).

No central list of models: each app says in its `AppConfig.ready` which of its models
public pages show, with `invalidate_on(...)`.
"""

from __future__ import annotations

import logging

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from .shown import EVERY_SCOPE, LISTED, touch, watch_table

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


def touch_now_and_on_commit(tags) -> None:
    """Stamp `tags` at once, and again once the change is committed: a page rendered in
    between from the old rows would otherwise be kept as current."""
    tags = sorted(tags)
    touch_or_log(tags)
    transaction.on_commit(lambda: touch_or_log(tags))


def touch_or_log(tags) -> None:
    try:
        touch(tags)
    except Exception:  # an unreachable cache must not stop an edit from being saved
        logger.exception("Could not mark pages showing %s stale", tags)


# labels of the models some app asked to watch (tests/test_conventions.py reads it)
WATCHED: set[str] = set()


def invalidate_on(*models, when=None, scopes=None, listed_by=(), signals=()) -> None:
    """Make stale what shows one of `models` whenever one of them is saved or deleted.

    `when(instance)` may narrow saves to those that public pages show. `scopes(instance)`
    names the groups an item is in (e.g. `["theme:3"]`), before and after a save: pages
    that narrow their reads to a group (`shown.narrow`) go stale only when one of its
    items changes. `listed_by`: the fields that decide whether an item is counted (pages
    that narrow their reads to `LISTED` count items without showing any). A many-to-many
    `through` model given here is watched for `m2m_changed` as well; `signals` are other
    signals whose sender is one of the models (a bulk status change: every group).
    """
    for model in models:
        WATCHED.add(model._meta.label)
        table = model._meta.db_table
        watch_table(table, model._meta.label)
        edited = Edited(table, when, scopes, listed_by)
        uid = f"pagecache-{model._meta.label}"
        if scopes is not None or listed_by:
            pre_save.connect(edited.before, sender=model, dispatch_uid=f"{uid}-before", weak=False)
        post_save.connect(edited.saved, sender=model, dispatch_uid=f"{uid}-save", weak=False)
        post_delete.connect(edited.deleted, sender=model, dispatch_uid=f"{uid}-delete", weak=False)
        if model._meta.auto_created:
            m2m_changed.connect(edited.bulk, sender=model, dispatch_uid=f"{uid}-m2m", weak=False)
        for n, signal in enumerate(signals):
            signal.connect(edited.bulk, sender=model, dispatch_uid=f"{uid}-{n}", weak=False)


class Edited:
    """The tags an edit of one watched model stamps."""

    def __init__(self, table: str, when, scopes, listed_by):
        self.table, self.when, self.scopes, self.listed_by = table, when, scopes, listed_by

    def tags(self, instance, earlier=None, *, counted: bool) -> set[str]:
        groups = {scope for item in (instance, earlier) if item for scope in self.scopes_of(item)}
        if counted:
            groups.add(LISTED)
        return {self.table, *(f"{self.table}@{scope}" for scope in groups)}

    def scopes_of(self, item) -> list[str]:
        return self.scopes(item) if self.scopes else []

    def counted(self, instance, earlier) -> bool:
        """Whether the edit may change which items are counted."""
        return earlier is None or any(
            getattr(instance, name) != getattr(earlier, name) for name in self.listed_by
        )

    def before(self, sender, instance, raw=False, **kwargs) -> None:
        """Remember the groups the item is in before the save (it may leave them)."""
        if raw or instance._state.adding or instance.pk is None:
            return
        instance._earlier = sender._base_manager.filter(pk=instance.pk).first()

    def saved(self, sender, instance, **kwargs) -> None:
        if self.when is not None and not self.when(instance):
            return
        earlier = instance.__dict__.pop("_earlier", None)
        counted = self.counted(instance, earlier)
        touch_now_and_on_commit(self.tags(instance, earlier, counted=counted))

    def deleted(self, sender, instance, **kwargs) -> None:
        touch_now_and_on_commit(self.tags(instance, counted=True))

    def bulk(self, **kwargs) -> None:
        touch_now_and_on_commit({self.table, f"{self.table}@{EVERY_SCOPE}"})
