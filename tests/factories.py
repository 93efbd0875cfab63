"""Small helpers that create valid objects with sensible defaults."""

from __future__ import annotations

import itertools

from initiatives.models import Entry, Programme
from toolkit.models import Insight, Theme

_sequence = itertools.count(1)


def make_theme(**fields) -> Theme:
    n = next(_sequence)
    position = fields.pop("position", None) or (Theme.objects.count() + 1)
    defaults = {
        "title": f"Theme {n}",
        "slug": f"theme-{n}",
        "summary": "What this area is about.",
        "description": "An area of the toolkit.",
    }
    return Theme.objects.create(position=position, **{**defaults, **fields})


def make_insight(theme: Theme | None = None, tags: list[str] | None = None, **fields) -> Insight:
    n = next(_sequence)
    defaults = {
        "title": f"Insight {n}",
        "slug": f"insight-{n}",
        "summary": "A short summary.",
        "body": "A body with **markdown**.",
        "status": Insight.Status.PUBLISHED,
    }
    insight = Insight.objects.create(theme=theme or make_theme(), **{**defaults, **fields})
    if tags:
        insight.tags.set(tags)
    return insight


def make_programme(**fields) -> Programme:
    n = next(_sequence)
    defaults = {
        "position": n,
        "title": f"Programme {n}",
        "slug": f"programme-{n}",
        "tagline": "What the programme does.",
    }
    return Programme.objects.create(**{**defaults, **fields})


def make_entry(
    programme: Programme | None = None,
    themes: list[Theme] = (),
    tags: list[str] | None = None,
    **fields,
) -> Entry:
    n = next(_sequence)
    defaults = {
        "title": f"Entry {n}",
        "slug": f"entry-{n}",
        "summary": "What the city did.",
        "body": "Some **detail**.",
        "status": Entry.Status.PUBLISHED,
    }
    entry = Entry.objects.create(programme=programme or make_programme(), **{**defaults, **fields})
    if themes:
        entry.themes.set(themes)
    if tags:
        entry.tags.set(tags)
    return entry
