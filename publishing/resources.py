"""Bulk import and export of published content from CSV or XLSX (django-import-export).

Rows are matched by slug, so importing the same file twice changes nothing the second
time (every row is "skipped"). The admin shows a dry run first; any refused row refuses
the whole file, inside one transaction, so a bad file changes nothing.
"""

from __future__ import annotations

import reversion
from django.conf import settings
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets
from taggit.models import Tag

from .spreadsheets import safe_cell, unsafe_cell


class BadCell(ValueError):
    """A cell the import refuses; its message is shown to staff in the dry run."""


def translated(*names: str) -> list[str]:
    return [f"{name}_{code}" for name in names for code, _lang in settings.LANGUAGES]


class BySlugWidget(widgets.ForeignKeyWidget):
    """A related item named by its slug; an unknown slug is refused, by name."""

    def __init__(self, model):
        super().__init__(model, field="slug")

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist as error:
            raise BadCell(
                _("No %(kind)s has the slug “%(slug)s”.")
                % {"kind": self.model._meta.verbose_name, "slug": value}
            ) from error


class SlugsWidget(widgets.ManyToManyWidget):
    """Several related items by slug, separated by commas; unknown slugs are refused."""

    def __init__(self, model):
        super().__init__(model, field="slug", separator=",")

    def clean(self, value, row=None, **kwargs):
        slugs = {slug.strip() for slug in str(value or "").split(",") if slug.strip()}
        found = list(self.model.objects.filter(slug__in=slugs))
        unknown = slugs - {item.slug for item in found}
        if unknown:
            raise BadCell(
                _("No %(kind)s has the slug “%(slug)s”.")
                % {"kind": self.model._meta.verbose_name, "slug": ", ".join(sorted(unknown))}
            )
        return found


class TagsWidget(widgets.ManyToManyWidget):
    """Tags by name, separated by commas; new names become new tags."""

    def __init__(self):
        super().__init__(Tag, field="name", separator=",")

    def clean(self, value, row=None, **kwargs):
        names = {name.strip() for name in str(value or "").split(",") if name.strip()}
        if any(len(name) > 100 for name in names):
            raise BadCell(_("A tag is longer than 100 characters."))
        tags = []
        for name in sorted(names, key=str.lower):
            tag = Tag.objects.filter(name__iexact=name).first()
            tags.append(tag or Tag.objects.create(name=name))
        return tags

    def render(self, value, obj=None, **kwargs):
        if value is None:  # a new item, not saved yet
            return ""
        return ", ".join(sorted((tag.name for tag in value.all()), key=str.lower))


class PublishedContentResource(resources.ModelResource):
    tags = fields.Field(attribute="tags", column_name="tags", widget=TagsWidget())

    class Meta:
        import_id_fields = ["slug"]
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        clean_model_instances = True
        skip_html_diff = False

    def export_field(self, field, instance, **kwargs):
        # Every cell as text, and none a spreadsheet would run as a formula (CSV and XLSX).
        return safe_cell(super().export_field(field, instance, **kwargs))

    def before_import_row(self, row, **kwargs):
        for column, value in row.items():
            if isinstance(value, str) and "\x00" in value:
                raise BadCell(
                    _("The column “%(column)s” holds a NUL character.") % {"column": column}
                )
            if isinstance(value, str):
                row[column] = unsafe_cell(value)

    def save_instance(self, instance, is_create, row, **kwargs):
        # Each imported item keeps a version, like an edit in the admin.
        with reversion.create_revision():
            reversion.set_comment(_("Imported from a file"))
            super().save_instance(instance, is_create, row, **kwargs)
