from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction

from .models import Insight, Theme


@transaction.atomic
def toolkit_load_content(*, data: dict[str, Any]) -> tuple[int, int]:
    """Create or update the themes and insights described in `data` (fixtures/toolkit.json).

    Records are matched by slug, so loading the same file twice changes nothing.
    Returns the number of themes and insights loaded.
    """
    themes = {}
    for item in data["themes"]:
        theme = Theme.objects.filter(slug=item["slug"]).first() or Theme(slug=item["slug"])
        for field in ["position", "title", "summary", "description"]:
            setattr(theme, field, item[field])
        theme.full_clean()
        theme.save()
        themes[theme.slug] = theme

    for item in data["insights"]:
        insight = Insight.objects.filter(slug=item["slug"]).first() or Insight(slug=item["slug"])
        insight.theme = themes.get(item["theme"]) or Theme.objects.get(slug=item["theme"])
        for field in ["title", "summary", "body"]:
            setattr(insight, field, item[field])
        insight.source_url = item.get("source_url", "")
        insight.published_on = datetime.date.fromisoformat(item["published"])
        insight.status = Insight.Status.PUBLISHED
        insight.full_clean()
        insight.save()
        insight.tags.set(item.get("tags", []))
    return len(data["themes"]), len(data["insights"])


def apply_translations(model, items: dict[str, dict[str, str]], language: str) -> int:
    """Set `<field>_<language>` on the records of `model` named by slug in `items`."""
    count = 0
    for obj in model.objects.filter(slug__in=items):
        for field, value in items[obj.slug].items():
            setattr(obj, f"{field}_{language}", value)
        obj.full_clean()
        obj.save()
        count += 1
    return count


@transaction.atomic
def toolkit_load_translations(*, data: dict[str, Any], language: str) -> int:
    """Load one language's versions of the themes and insights (fixtures/translations/)."""
    return apply_translations(Theme, data.get("themes", {}), language) + apply_translations(
        Insight, data.get("insights", {}), language
    )
