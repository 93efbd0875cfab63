from __future__ import annotations

from typing import Any

from django.db import transaction

from publishing.loading import apply_translations, upsert, upsert_published

from .models import Insight, Theme


@transaction.atomic
def toolkit_load_content(*, data: dict[str, Any]) -> str:
    """Create or update the themes and insights described in `data` (fixtures/toolkit.json)."""
    themes = {
        item["slug"]: upsert(
            Theme, item, ["title", "summary", "description"], position=item["position"]
        )
        for item in data["themes"]
    }
    for item in data["insights"]:
        theme = themes.get(item["theme"]) or Theme.objects.get(slug=item["theme"])
        upsert_published(Insight, item, ["title", "summary", "body", "source_url"], theme=theme)
    return f"{len(data['themes'])} themes, {len(data['insights'])} insights"


@transaction.atomic
def toolkit_load_translations(*, data: dict[str, Any], language: str) -> int:
    """Load one language's versions of the themes and insights (fixtures/translations/)."""
    return apply_translations(Theme, data.get("themes", {}), language) + apply_translations(
        Insight, data.get("insights", {}), language
    )
