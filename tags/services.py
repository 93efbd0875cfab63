from __future__ import annotations

from typing import Any

from django.db import transaction
from taggit.models import Tag

from .models import TagNames


@transaction.atomic
def tags_load_translations(*, data: dict[str, Any], language: str) -> int:
    """One language's tag names, by English name (fixtures/translations/*.json, "tags")."""
    count = 0
    for tag in Tag.objects.filter(name__in=list(data.get("tags", {}))):
        names, _new = TagNames.objects.get_or_create(tag=tag)
        setattr(names, f"name_{language}", data["tags"][tag.name])
        names.full_clean()
        names.save()
        count += 1
    return count
