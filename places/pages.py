"""What place pages show, each part one query whatever the number of signatories and
entries (counts as subqueries, the latest update of each commitment as a subquery)."""

from __future__ import annotations

from collections import defaultdict

from django.core.paginator import Paginator
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404
from django_countries import countries as country_names

from commitments.models import Commitment, Milestone
from initiatives.models import Entry
from lib.collation import collation_key
from pagecache.shown import narrow
from publishing.models import count_of
from signatories.models import Signatory
from toolkit.models import Insight, fed_by

from .models import EntryPlace, Place, SignatoryPlace

SIGNATORIES_PER_PAGE = 20
ENTRIES_PER_PAGE = 12
INSIGHTS_SHOWN = 20
UNPLACED_SHOWN = 50
SHOWN_IN_COUNTRY = 300
SIGNATORY_FIELDS = ["organisation", "slug", "kind", "city", "country", "public_note"]


def public_signatories() -> QuerySet:
    return Signatory.objects.approved().exclude(slug="")


def with_counts(places: QuerySet) -> QuerySet:
    """Each place with how many public signatories and published entries it has."""
    signatories = SignatoryPlace.objects.filter(signatory__in=public_signatories())
    entries = EntryPlace.objects.filter(entry__in=Entry.objects.published())
    return places.annotate(
        signatory_count=count_of(signatories, "place"), entry_count=count_of(entries, "place")
    )


def country_code(code: str) -> str:
    """The upper-case code of a country the portal has a page for, else 404: one with a
    place, a public signatory or a published entry."""
    upper = code.upper()
    if code != code.lower() or len(code) != 2 or upper not in dict(country_names):
        raise Http404
    if not (
        Place.objects.filter(country=upper).exists()
        or public_signatories().filter(country=upper).exists()
        or Entry.objects.published().filter(country=upper).exists()
    ):
        raise Http404
    return upper


def country_codes() -> set[str]:
    """The countries with a page, from one query."""
    codes = [
        rows.exclude(country="").order_by().values_list("country", flat=True)
        for rows in (Place.objects.all(), public_signatories(), Entry.objects.published())
    ]
    return set(codes[0].union(*codes[1:]))


def countries_with_pages() -> list[tuple[str, str, list[Place]]]:
    """[(code, name, [its places, with counts]), …] by name in the reader's language."""
    places = defaultdict(list)
    for place in with_counts(Place.objects.all()):
        places[place.country.code].append(place)
    named = [(code, str(country_names.name(code)), places[code]) for code in country_codes()]
    return sorted(named, key=lambda row: collation_key(row[1]))


def commitments_with_latest_update() -> Prefetch:
    latest = Milestone.objects.filter(commitment=OuterRef("pk")).order_by("-happened_on", "-pk")
    commitments = Commitment.objects.select_related("theme").annotate(
        latest_on=Subquery(latest.values("happened_on")[:1]),
        latest_text=Subquery(latest.values("text")[:1]),
    )
    return Prefetch("commitments", queryset=commitments.order_by("theme__position"))


def signatories_at(place: Place, page_number) -> object:
    signatories = (
        public_signatories()
        .filter(place_link__place=place)
        .with_activity()
        .only(*SIGNATORY_FIELDS)
        .prefetch_related(commitments_with_latest_update())
        .order_by("inactive", "organisation", "pk")
    )
    return Paginator(signatories, SIGNATORIES_PER_PAGE).get_page(page_number)


def entries_at(place: Place, page_number) -> object:
    entries = Entry.objects.published().filter(place_link__place=place).for_listing()
    return Paginator(entries, ENTRIES_PER_PAGE).get_page(page_number)


def insights_fed_by(place: Place) -> list[Insight]:
    """The key insights the place's published entries feed, at most INSIGHTS_SHOWN."""
    entries = Entry.objects.filter(place_link__place=place).values_list("pk", flat=True)
    narrow(Insight, *(fed_by(pk) for pk in entries))  # no other insight is read
    fed = Entry.insights.through.objects.filter(
        insight=OuterRef("pk"),
        entry__in=Entry.objects.published().filter(place_link__place=place),
    )
    insights = Insight.objects.published().filter(Exists(fed)).select_related("theme")
    return list(insights.only("slug", "title", "theme__slug", "theme__title")[:INSIGHTS_SHOWN])


def neighbours_of(place: Place) -> list[Place]:
    return list(with_counts(Place.objects.filter(country=place.country).exclude(pk=place.pk)))


def in_country(code: str) -> dict:
    """The country's places, each with its public signatories (at most SHOWN_IN_COUNTRY
    of them in all), and the signatories and entries that no place holds."""
    signatories = (
        public_signatories().filter(country=code).only(*SIGNATORY_FIELDS)
        .annotate(place_id=F("place_link__place"))
        .order_by("organisation", "pk")[:SHOWN_IN_COUNTRY]
    )  # fmt: skip
    by_place = defaultdict(list)
    for signatory in signatories:
        by_place[signatory.place_id].append(signatory)
    places = list(with_counts(Place.objects.filter(country=code)))
    for place in places:
        place.shown_signatories = by_place.get(place.pk, [])
    no_place = Q(place_link__place__isnull=True)
    entries = Entry.objects.published().filter(no_place, country=code).for_listing()
    return {
        "places": places,
        "signatories": by_place.get(None, []),
        "entries": list(entries[:UNPLACED_SHOWN]),
    }
