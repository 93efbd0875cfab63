"""Which place a signatory or an entry is in: a place of the same country one of whose
names or aliases is its city (or, for a signatory, its organisation's name: "Gauteng
Province"), compared without accents or capitals. A link staff set is never changed."""

from __future__ import annotations

from django.db.models import Q

from initiatives.models import Entry
from signatories.models import Signatory

from .models import EntryPlace, Place, SignatoryPlace, fold


def place_named(country: str, *names: str) -> Place | None:
    if not country:
        return None
    for key in filter(None, map(fold, names)):
        found = Place.objects.filter(country=country, keys__contains=f"\n{key}\n").first()
        if found:
            return found
    return None


def signatory_place(signatory: Signatory) -> Place | None:
    return place_named(signatory.country.code or "", signatory.city, signatory.organisation)


def entry_place(entry: Entry) -> Place | None:
    return place_named(entry.country.code or "", entry.city)


def match_signatory(signatory: Signatory) -> SignatoryPlace:
    link, _new = SignatoryPlace.objects.get_or_create(signatory=signatory)
    if not link.by_staff and link.place != (found := signatory_place(signatory)):
        link.place = found
        link.save()
    return link


def match_entry(entry: Entry) -> EntryPlace:
    link, _new = EntryPlace.objects.get_or_create(entry=entry)
    if not link.by_staff and link.place != (found := entry_place(entry)):
        link.place = found
        link.save()
    return link


def signatory_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        match_signatory(instance)


def entry_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        match_entry(instance)


def place_saved(sender, instance, raw=False, **kwargs) -> None:
    """A new name may match what nothing matched, and a renamed place may lose some."""
    if not raw:
        match_all(country=instance.country.code, place=instance)


def match_all(country: str | None = None, place: Place | None = None) -> int:
    """Match again every signatory and entry not linked by staff (only those of `country`
    and those linked to `place`, when given)."""
    signatories, entries = Signatory.objects.all(), Entry.objects.all()
    if country:
        here = Q(country=country) | Q(place_link__place=place)
        signatories, entries = signatories.filter(here), entries.filter(here)
    count = 0
    for signatory in signatories.exclude(place_link__by_staff=True):
        match_signatory(signatory)
        count += 1
    for entry in entries.exclude(place_link__by_staff=True):
        match_entry(entry)
        count += 1
    return count
