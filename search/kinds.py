"""What search covers, kind by kind: the public rows of each (never drafts, content dated in
the future, tags only drafts use, signatories not approved), and what a result shows of
them. The content apps say which fields are searched (publishing/search_vectors.py)."""

from __future__ import annotations

import functools

from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag, TaggedItem

from initiatives.models import Entry, Programme
from places.models import Place
from publishing.models import SearchRow
from publishing.search_vectors import KINDS, fields_of, full_text
from publishing.templatetags.translations import untranslated
from signatories.models import Signatory
from toolkit.models import Insight, Theme

# Kinds that can be many: ranked among bounded candidates (candidates.py).
BOUNDED = ("insight", "entry")
# Kinds whose name, when it holds every word searched for, is shown first ("Best match").
BEST = ("theme", "programme", "place", "tag")
LABELS = {
    "insight": _("Key insight"),
    "entry": _("Initiative"),
    "theme": _("Thematic area"),
    "programme": _("Programme"),
    "tag": _("Tag"),
    "signatory": _("Signatory"),
    "place": _("Place"),
}
SIGNATORY_FIELDS = ("organisation", "slug", "kind", "city", "country", "public_note", "profile")


def used_by(model) -> Exists:
    """The tag is on some public item of `model` (by the content type's name: no query to
    look its id up first)."""
    return Exists(
        TaggedItem.objects.filter(
            tag=OuterRef("pk"),
            content_type__app_label=model._meta.app_label,
            content_type__model=model._meta.model_name,
            object_id__in=model.objects.published().values("pk"),
        )
    )


def public_tags() -> QuerySet:
    """Tags on some public insight or entry (a tag only drafts use is not public)."""
    return Tag.objects.filter(used_by(Insight) | used_by(Entry))


def searchable(theme=None) -> dict[str, QuerySet]:
    """The public rows that search covers, by kind, optionally in one theme (a theme's
    filter keeps the area itself and the signatories committed to it; programmes and tags
    belong to no one area).

    Building these querysets costs more than some searches: they are built once a day (the
    day is part of the rule) for each theme, and each caller gets copies."""
    built = rules_of_the_day(timezone.localdate(), theme or None)
    return {name: rows.all() for name, rows in built.items()}


@functools.lru_cache(maxsize=16)
def rules_of_the_day(day, theme) -> dict[str, QuerySet]:
    kinds = {
        "theme": Theme.objects.all(),
        "programme": Programme.objects.all(),
        "tag": public_tags(),
        "insight": Insight.objects.published(),
        "entry": Entry.objects.published(),
        "signatory": Signatory.objects.approved().exclude(slug=""),
        "place": Place.objects.all(),
    }
    if theme:
        kinds.update(
            theme=kinds["theme"].filter(pk=theme.pk),
            programme=Programme.objects.none(),
            tag=Tag.objects.none(),
            insight=kinds["insight"].filter(theme=theme),
            entry=kinds["entry"].filter(themes=theme),
            signatory=kinds["signatory"].filter(themes=theme),
            place=Place.objects.none(),
        )
    return kinds


def rows_of(shown: QuerySet) -> QuerySet:
    """The narrow rows (PostgreSQL) of the items of `shown`, a kind with few rows: each
    row found is checked against the kind's rule (a correlated EXISTS, cheap for the few
    rows a search finds)."""
    rows = SearchRow.objects.filter(kind=KINDS[shown.model._meta.label_lower])
    if not shown.query.where:
        return rows
    items = QuerySet(model=shown.model, query=shown.query.chain()).order_by()
    return rows.filter(Exists(items.filter(pk=OuterRef("item"))))


def for_results(kind: str, queryset: QuerySet) -> QuerySet:
    """What a result shows: no vectors, no rendered bodies, no contact details."""
    if kind == "signatory":
        return queryset.only(*SIGNATORY_FIELDS).order_by()
    if kind == "tag":  # only public ones are ranked, and the rule is costly
        return Tag.objects.order_by()
    heavy = [
        field.name
        for field in queryset.model._meta.concrete_fields
        if field.name.endswith("_vector")
        or field.name.startswith(("body_html", "description"))
        or (full_text() and field.name.startswith("body"))  # PostgreSQL highlights it
    ]
    relations = {"insight": ["theme"], "entry": ["programme"]}.get(kind, [])
    return queryset.select_related(*relations).defer(*heavy).order_by()


def title_of(kind: str, item) -> str:
    """The result's title in the reader's language; in English, inside `<span lang="en">`,
    where it has no translation."""
    shown = fields_of(type(item)).shown
    if shown is not None:
        title, in_english = shown(item)
    elif kind == "signatory":
        title, in_english = item.organisation, False  # as the institution gives it
    elif kind == "place":
        title, in_english = item.name, untranslated(item, "name")
    else:
        title, in_english = item.title, untranslated(item, "title")
    if in_english:
        return format_html('<span lang="{}">{}</span>', settings.LANGUAGE_CODE, title)
    return title


def url_of(kind: str, item) -> str:
    if kind == "tag":
        return reverse("tags:tag", kwargs={"tag": item.slug})
    return item.get_absolute_url()


def text_of(kind: str, item) -> str:
    """The text an excerpt is cut from where the database does not highlight one."""
    if kind == "theme":
        return item.summary
    if kind == "programme":
        return item.tagline
    if kind == "signatory":
        return " ".join(part for part in (item.public_note, item.profile) if part)
    if kind == "tag":
        return ""
    if kind == "place":
        return str(item.country.name)
    return f"{item.summary} {item.body}"
