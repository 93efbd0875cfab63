from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction

from toolkit.models import Insight, Theme

from .models import Entry, Programme


@transaction.atomic
def initiatives_load_content(*, data: dict[str, Any]) -> tuple[int, int]:
    """Create or update the programmes and entries in `data` (fixtures/initiatives.json).

    Matched by slug, so loading twice changes nothing. Entries are published and linked
    to their themes and insights, which must be loaded first.
    """
    programmes = {}
    for item in data["programmes"]:
        programme = Programme.objects.filter(slug=item["slug"]).first()
        programme = programme or Programme(slug=item["slug"])
        for field in ["position", "title", "tagline", "description"]:
            setattr(programme, field, item[field])
        programme.full_clean()
        programme.save()
        programmes[programme.slug] = programme

    for item in data["entries"]:
        entry = Entry.objects.filter(slug=item["slug"]).first() or Entry(slug=item["slug"])
        entry.programme = programmes[item["programme"]]
        for field in ["title", "city", "country", "summary", "body", "external_url"]:
            setattr(entry, field, item.get(field) or "")
        entry.date = datetime.date.fromisoformat(item["date"]) if item.get("date") else None
        entry.people = "\n".join(item.get("people", []))
        entry.status = Entry.Status.PUBLISHED
        entry.full_clean()
        entry.save()
        entry.themes.set(Theme.objects.filter(slug__in=item.get("themes", [])))
        entry.insights.set(Insight.objects.filter(slug__in=item.get("insights", [])))
        entry.tags.set(item.get("tags", []))
    return len(data["programmes"]), len(data["entries"])


@transaction.atomic
def initiatives_load_translations(*, data: dict[str, Any], language: str) -> int:
    """Load one language's versions of the programmes and entries (fixtures/translations/)."""
    from toolkit.services import apply_translations

    return apply_translations(Programme, data.get("programmes", {}), language) + (
        apply_translations(Entry, data.get("entries", {}), language)
    )
