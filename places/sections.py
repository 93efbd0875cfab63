"""What places add to signatories' profiles and entries' pages: a link to their place."""

from __future__ import annotations

from .models import EntryPlace, SignatoryPlace


def signatory_place(signatory) -> dict | None:
    link = SignatoryPlace.objects.filter(signatory=signatory, place__isnull=False)
    link = link.select_related("place").first()
    return {"place": link.place} if link else None


def entry_place(entry) -> dict | None:
    link = EntryPlace.objects.filter(entry=entry, place__isnull=False)
    link = link.select_related("place").first()
    return {"place": link.place} if link else None
