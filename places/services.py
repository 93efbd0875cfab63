"""Starting places (fixtures/places.json): only those the facts support, matched to the
signatories and entries loaded before them."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from .matching import match_all
from .models import Place

FIELDS = ["name_en", "name_fr", "name_es", "aliases", "latitude", "longitude"]


@transaction.atomic
def places_load_content(*, data: dict[str, Any]) -> str:
    for item in data["places"]:
        place = Place.objects.filter(country=item["country"], slug=item["slug"]).first()
        place = place or Place(country=item["country"], slug=item["slug"])
        for field in FIELDS:
            value = item.get(field)
            setattr(place, field, "\n".join(value) if isinstance(value, list) else value)
        place.aliases = place.aliases or ""
        place.full_clean()
        place.save()
    match_all()
    return f"{len(data['places'])} places"
