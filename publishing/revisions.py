"""What changed between versions of a record (django-reversion), field by field."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from modeltranslation.translator import NotRegistered, translator
from reversion.models import Version


@dataclass
class Change:
    label: str
    old: str
    new: str
    language: str = ""  # the language's name, for one language of a translated field


def shown(model: type[models.Model], name: str, value) -> str:
    """A stored value as a person reads it: related records by name, empty as a dash."""
    field = model._meta.get_field(name)
    if field.is_relation and value not in (None, "", []):
        pks = value if isinstance(value, list) else [value]
        names = field.related_model._default_manager.filter(pk__in=pks)
        value = ", ".join(str(item) for item in names) or ", ".join(map(str, pks))
    elif field.choices and value not in (None, ""):
        value = dict(field.flatchoices).get(value, value)
    return "—" if value in (None, "", []) else str(value)


def editable_fields(model: type[models.Model], hidden=()) -> list[models.Field]:
    return [
        field
        for field in model._meta.get_fields()
        if getattr(field, "editable", False)
        # reversion keeps plain many-to-many ids; tags (taggit's manager) are not versioned
        and (not field.many_to_many or isinstance(field, models.ManyToManyField))
        and field.concrete
        and not field.auto_created
        and field.name not in hidden
    ]


def translated_names(model) -> set[str]:
    try:
        return set(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return set()


def compared(model, hidden=()) -> list[tuple[models.Field, str, str]]:
    """(field, stored name, language name) to compare: a translated field once per
    language under its own label, never again as its per-language copies."""
    translated = translated_names(model)
    copies = {f"{name}_{code}" for name in translated for code, _label in settings.LANGUAGES}
    rows = []
    for field in editable_fields(model, hidden):
        if field.name in copies:
            continue
        if field.name not in translated:
            rows.append((field, field.attname, ""))
            continue
        for code, language in settings.LANGUAGES:
            rows.append((field, f"{field.attname}_{code}", str(language)))
    return rows


def changes(model, older: dict | None, newer: dict, hidden=()) -> list[Change]:
    """Fields whose value differs from `older` to `newer` (every field when there is no
    older version), each with its old and new value. `hidden` fields are left out."""
    found = []
    for field, name, language in compared(model, hidden):
        old = (older or {}).get(name)
        new = newer.get(name)
        if older is not None and old == new:
            continue
        if older is None and new in (None, "", []):
            continue
        before, after = shown(model, field.name, old), shown(model, field.name, new)
        found.append(Change(str(field.verbose_name), before, after, language))
    return found


def history(model, object_id, hidden=()) -> list[tuple[Version, list[Change]]]:
    """Every version of one record, newest first, with what it changed."""
    versions = list(
        Version.objects.get_for_object_reference(model, object_id)
        .select_related("revision", "revision__user")
        .order_by("revision__date_created", "pk")
    )
    result, previous = [], None
    for version in versions:
        data = version.field_dict
        result.append((version, changes(model, previous, data, hidden)))
        previous = data
    return list(reversed(result))
