"""Tags in the reader's language.

Tags appear on many pages, fetched by other apps (cards, filters, clouds): rather than
have each of them join the names, a page reads every tag's name in its language at once,
from the cache (keyed by the clock of the last edit of names, pagecache/shown.py) or in
one query, and remembers it for the rest of the request. A tag without a name in the page's
language shows its English name, which templates mark `lang="en"`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

from pagecache.shown import reads, version_of
from pagecache.versions import content_version

from .models import TagNames

SOURCE = settings.LANGUAGE_CODE
OTHER_LANGUAGES = tuple(code for code, _name in settings.LANGUAGES if code != SOURCE)


def names_in(language: str, *, request=None) -> dict[int, str]:
    """{tag id: its name in `language`} for every tag translated into it."""
    remembered = getattr(request, "_tag_names", None) if request is not None else None
    if remembered is None:
        remembered = {}
        if request is not None:
            request._tag_names = remembered
    reads(TagNames)  # from the cache, without SQL: what is kept with this page is stale
    if language not in remembered:  # when a name changes
        key = f"tag-names:{content_version()}:{version_of(TagNames)}:{language}"
        remembered[language] = cache.get_or_set(key, lambda: read_names(language), 24 * 3600)
    return remembered[language]


def read_names(language: str) -> dict[int, str]:
    rows = TagNames.objects.exclude(**{f"name_{language}__isnull": True})
    rows = rows.exclude(**{f"name_{language}": ""}).order_by()
    return dict(rows.values_list("tag_id", f"name_{language}"))


def shown_name(tag, *, request=None) -> tuple[str, bool]:
    """(the name to show, whether it is the English one shown instead of a translation)."""
    language = get_language() or SOURCE
    if language == SOURCE:
        return tag.name, False
    name = names_in(language, request=request).get(tag.pk)
    return (name, False) if name else (tag.name, True)


def keep_names(sender, instance, raw=False, **kwargs) -> None:
    """Every tag has its row of names, whose English name is the tag's (post_save)."""
    if raw:  # fixtures bring their own rows
        return
    names = TagNames.objects.filter(tag=instance).first()
    if names is None or names.name_en != instance.name:
        (names or TagNames(tag=instance)).save()
