from import_export import fields

from publishing.resources import BySlugWidget, PublishedContentResource, translated

from .models import Insight, Theme


class InsightResource(PublishedContentResource):
    theme = fields.Field(attribute="theme", column_name="theme", widget=BySlugWidget(Theme))

    class Meta(PublishedContentResource.Meta):
        model = Insight
        fields = [
            "slug",
            "theme",
            *translated("title", "summary", "body"),
            "tags",
            "status",
            "published_on",
            "source_url",
        ]
        export_order = fields
