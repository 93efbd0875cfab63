"""Loading starting content from fixtures/, matched by slug so that loading twice changes nothing.

Each content app registers its loader in its `AppConfig.ready`; `manage.py load_content`
runs them in order, then every language file of fixtures/translations/.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models


@dataclass(frozen=True)
class Loader:
    order: int
    fixture: str = ""  # file name in fixtures/ (none: only translations, e.g. tag names)
    load: Callable[..., str] | None = None  # load(data=...) -> what was loaded, e.g. "8 themes"
    translate: Callable[..., int] | None = None  # translate(data=..., language=...) -> count
    marker: type[models.Model] | None = None  # rows of it mean content is already there


LOADERS: list[Loader] = []


def register_loader(loader: Loader) -> None:
    if loader not in LOADERS:
        LOADERS.append(loader)
        LOADERS.sort(key=lambda registered: registered.order)


def upsert(model: type[models.Model], item: dict[str, Any], fields: Iterable[str], **values):
    """Create or update the record of `model` whose slug is `item["slug"]`; validated, saved."""
    obj = model.objects.filter(slug=item["slug"]).first() or model(slug=item["slug"])
    for field in fields:
        setattr(obj, field, item.get(field) or "")
    for field, value in values.items():
        setattr(obj, field, value)
    obj.full_clean()
    obj.save()
    return obj


def upsert_published(model, item: dict[str, Any], fields: Iterable[str], **values):
    """`upsert` for published content, with its tags, published on `item["published"]`
    (else on the day it is first loaded)."""
    if item.get("published"):
        values["published_on"] = datetime.date.fromisoformat(item["published"])
    obj = upsert(model, item, fields, status=model.Status.PUBLISHED, **values)
    obj.tags.set(item.get("tags", []))
    return obj


def apply_translations(
    model, items: dict[str, dict[str, Any]], language: str, *, key: str = "slug"
) -> int:
    """Set `<field>_<language>` on the records of `model` named by `key` (their slug) in
    `items`; a list of lines (people) is set one line each."""
    count = 0
    for obj in model.objects.filter(**{f"{key}__in": list(items)}):
        for field, value in items[str(getattr(obj, key))].items():
            value = "\n".join(value) if isinstance(value, list) else value
            setattr(obj, f"{field}_{language}", value)
        obj.full_clean()
        obj.save()
        count += 1
    return count
