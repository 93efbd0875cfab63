from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction

from publishing.loading import apply_translations, upsert, upsert_published
from toolkit.models import Insight, Theme

from .models import Entry, Programme

ENTRY_FIELDS = ["title", "city", "country", "summary", "body", "external_url"]


@transaction.atomic
def initiatives_load_content(*, data: dict[str, Any]) -> str:
    """Create or update the programmes and entries in `data` (fixtures/initiatives.json).

    Entries are linked to their themes and insights, which must be loaded first.
    """
    programmes = {
        item["slug"]: upsert(
            Programme, item, ["title", "tagline", "description"], position=item["position"]
        )
        for item in data["programmes"]
    }
    for item in data["entries"]:
        entry = upsert_published(
            Entry,
            item,
            ENTRY_FIELDS,
            programme=programmes[item["programme"]],
            date=datetime.date.fromisoformat(item["date"]) if item.get("date") else None,
            people="\n".join(item.get("people", [])),
        )
        entry.themes.set(Theme.objects.filter(slug__in=item.get("themes", [])))
        entry.insights.set(Insight.objects.filter(slug__in=item.get("insights", [])))
    return f"{len(data['programmes'])} programmes, {len(data['entries'])} initiative entries"


@transaction.atomic
def initiatives_load_translations(*, data: dict[str, Any], language: str) -> int:
    """Load one language's versions of the programmes and entries (fixtures/translations/)."""
    return apply_translations(Programme, data.get("programmes", {}), language) + (
        apply_translations(Entry, data.get("entries", {}), language)
    )
