"""Open data: the published toolkit, initiative entries and signatories as JSON and CSV.

Each dataset is a list of columns and a function producing one row per record; the
`/data/` page documents the columns from the same definitions (views.py serves them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from initiatives.models import Entry
from places.models import EntryPlace, SignatoryPlace
from signatories.models import Signatory
from toolkit.models import Insight, Theme


@dataclass
class Column:
    name: str
    description: str


@dataclass
class Dataset:
    title: str
    description: str
    columns: list[Column]
    rows: Callable[[Any], list[dict[str, Any]]]


def absolute(request, obj) -> str:
    return request.build_absolute_uri(obj.get_absolute_url())


def places_of(links, owner: str) -> dict[int, str]:
    """{signatory or entry id: its place as in the place page's address, "es/barcelona"}."""
    rows = links.filter(place__isnull=False).values_list(owner, "place__country", "place__slug")
    return {pk: f"{country.lower()}/{slug}" for pk, country, slug in rows}


def theme_rows(request):
    return [
        {
            "position": t.position,
            "slug": t.slug,
            "title": t.title,
            "summary": t.summary,
            "description": t.description,
            "url": absolute(request, t),
        }
        for t in Theme.objects.all()
    ]


def insight_rows(request):
    insights = Insight.objects.published().for_listing().order_by("theme__position", "slug")
    return [
        {
            "slug": i.slug,
            "title": i.title,
            "theme": i.theme.slug,
            "summary": i.summary,
            "body": i.body,
            "tags": sorted(tag.name for tag in i.tags.all()),
            "published_on": i.published_on.isoformat(),
            "source_url": i.source_url,
            "url": absolute(request, i),
        }
        for i in insights
    ]


def entry_rows(request):
    entries = (
        Entry.objects.published()
        .for_listing()
        .prefetch_related("themes", "tags")
        .order_by("programme__position", "slug")
    )
    places = places_of(EntryPlace.objects, "entry_id")
    return [
        {
            "slug": e.slug,
            "title": e.title,
            "programme": e.programme.slug,
            "date": e.date.isoformat() if e.date else "",
            "city": e.city,
            "country": e.country.code or "",
            "place": places.get(e.pk, ""),
            "people": e.people_list,
            "summary": e.summary,
            "body": e.body,
            "external_url": e.external_url,
            "themes": sorted(theme.slug for theme in e.themes.all()),
            "tags": sorted(tag.name for tag in e.tags.all()),
            "url": absolute(request, e),
        }
        for e in entries
    ]


def signatory_rows(request):
    # Only public fields are ever read here: no contact data can leak into the export.
    signatories = (
        Signatory.objects.approved()
        .only(
            "organisation",
            "slug",
            "kind",
            "city",
            "country",
            "region",
            "website",
            "reviewed_at",
            "latitude",
            "longitude",
        )  # fmt: skip
        .prefetch_related("themes")
        .order_by("organisation", "pk")
    )
    places = places_of(SignatoryPlace.objects, "signatory_id")
    return [
        {
            "organisation": s.organisation,
            "kind": s.kind,
            "city": s.city,
            "country": s.country.code or "",
            "place": places.get(s.pk, ""),
            "region": s.region,
            "website": s.website,
            "joined_on": s.joined_on.isoformat() if s.joined_on else "",
            "themes": sorted(theme.slug for theme in s.themes.all()),
            "profile_url": settings.SITE_URL + s.get_absolute_url() if s.slug else "",
            "latitude": str(s.latitude) if s.latitude is not None else "",
            "longitude": str(s.longitude) if s.longitude is not None else "",
        }
        for s in signatories
    ]


DATASETS = {
    "themes": Dataset(
        _("Thematic areas"),
        _("The eight thematic areas of the toolkit."),
        [
            Column("position", _("Order of the area, 1 to 8")),
            Column("slug", _("Identifier, as in the page address")),
            Column("title", _("Name of the area")),
            Column("summary", _("One or two sentences")),
            Column("description", _("Longer description, in Markdown")),
            Column("url", _("Address of the area's page")),
        ],
        theme_rows,
    ),
    "insights": Dataset(
        _("Key insights"),
        _("Every published key insight: summaries written for this portal."),
        [
            Column("slug", _("Identifier, as in the page address")),
            Column("title", _("Title")),
            Column("theme", _("Slug of its thematic area")),
            Column("summary", _("One or two sentences")),
            Column("body", _("Full text, in Markdown")),
            Column("tags", _("Tags (a list in JSON; separated by “; ” in CSV)")),
            Column("published_on", _("Publication date, YYYY-MM-DD")),
            Column("source_url", _("Link to the source, if any")),
            Column("url", _("Address of the insight's page")),
        ],
        insight_rows,
    ),
    "entries": Dataset(
        _("Initiative entries"),
        _("Published entries of MetroTalks, Learning from Cities and Cities for Global Health."),
        [
            Column("slug", _("Identifier, as in the page address")),
            Column("title", _("Title")),
            Column("programme", _("Slug of its programme")),
            Column("date", _("Date, YYYY-MM-DD, empty when not known")),
            Column("city", _("City")),
            Column("country", _("Country, ISO 3166-1 alpha-2 code")),
            Column(
                "place",
                _("Its place, as in the address of the place's page (country/place), if any"),
            ),
            Column("people", _("Speakers or city leaders (a list in JSON; “; ” in CSV)")),
            Column("summary", _("One or two sentences")),
            Column("body", _("Full text, in Markdown")),
            Column("external_url", _("Link to the video or the source")),
            Column("themes", _("Slugs of the thematic areas it informs (list; “; ” in CSV)")),
            Column("tags", _("Tags (a list in JSON; “; ” in CSV)")),
            Column("url", _("Address of the entry's page")),
        ],
        entry_rows,
    ),
    "signatories": Dataset(
        _("Signatories"),
        _("Institutions that joined the call to action (public details only, no contacts)."),
        [
            Column("organisation", _("Name of the institution")),
            Column("kind", _("government, international, network or other")),
            Column("city", _("City")),
            Column("country", _("Country, ISO 3166-1 alpha-2 code")),
            Column(
                "place",
                _("Its place, as in the address of the place's page (country/place), if any"),
            ),
            Column("region", _("africa, americas, asia_pacific or europe")),
            Column("website", _("Website")),
            Column("joined_on", _("Date the request was approved, YYYY-MM-DD, if known")),
            Column("themes", _("Slugs of the areas it committed to (list; “; ” in CSV)")),
            Column("profile_url", _("Address of its public profile")),
            Column("latitude", _("Latitude of its city, if known")),
            Column("longitude", _("Longitude of its city, if known")),
        ],
        signatory_rows,
    ),
}
