"""What changed between versions of a record (django-reversion), field by field."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from reversion.models import Version


@dataclass
class Change:
    label: str
    old: str
    new: str


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


def changes(model, older: dict | None, newer: dict, hidden=()) -> list[Change]:
    """Fields whose value differs from `older` to `newer` (every field when there is no
    older version), each with its old and new value. `hidden` fields are left out."""
    found = []
    for field in editable_fields(model, hidden):
        old = (older or {}).get(field.attname)
        new = newer.get(field.attname)
        if older is not None and old == new:
            continue
        if older is None and new in (None, "", []):
            continue
        found.append(
            Change(
                str(field.verbose_name),
                shown(model, field.name, old),
                shown(model, field.name, new),
            )
        )
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
