from import_export import fields

from publishing.resources import BySlugWidget, PublishedContentResource, SlugsWidget, translated
from toolkit.models import Theme

from .models import Entry, Programme


class EntryResource(PublishedContentResource):
    programme = fields.Field(
        attribute="programme", column_name="programme", widget=BySlugWidget(Programme)
    )
    themes = fields.Field(attribute="themes", column_name="themes", widget=SlugsWidget(Theme))

    class Meta(PublishedContentResource.Meta):
        model = Entry
        fields = [
            "slug",
            "programme",
            *translated("title", "summary", "body"),
            "date",
            "city",
            "country",
            *translated("people"),
            "external_url",
            "themes",
            "tags",
            "status",
            "published_on",
        ]
        export_order = fields
