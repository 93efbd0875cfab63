from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpResponse
from django.template.defaultfilters import filesizeformat
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from publishing.admin import InputSafeAdminMixin, TranslationStatusAdmin

from . import staging
from .forms import DocumentForm, ImageForm
from .models import Document, Image, RenditionJob
from .templatetags.pictures import rendition


@admin.register(Image)
class ImageAdmin(InputSafeAdminMixin, TranslationStatusAdmin, TranslationAdmin):
    form = ImageForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    # The size is on each image's page: the list keeps room for its translations.
    list_display = [
        "thumbnail",
        "title",
        "credit",
        "licence",
        "status",
        "translations",
        "uploaded_at",
    ]
    list_display_links = ["thumbnail", "title"]
    list_filter = ["licence", "decorative"]
    search_fields = ["title", "alt_text", "credit"]
    readonly_fields = ["thumbnail", "size", "status"]
    fieldsets = [
        (None, {"fields": ["title", "file", "thumbnail", "size", "status"]}),
        (_("Alternative text"), {"fields": ["decorative", "alt_text"]}),
        (_("Credit and licence"), {"fields": ["credit", "licence", "source_url"]}),
        (
            _("Focal point"),
            {
                "fields": ["focal_x", "focal_y"],
                "description": _("Lists cut pictures to 4:3 around this point (default: centre)."),
            },
        ),
    ]

    def get_fieldsets(self, request, obj=None):
        """A new image has no renditions yet: the form shows the file chosen, nothing more."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None:
            return fieldsets
        (name, options), *others = fieldsets
        return [(name, {**options, "fields": ["title", "file"]}), *others]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.uploader = request.user  # who may use the file kept from a try with a mistake
        return form

    def render_change_form(self, request, context, *args, **kwargs):
        response = super().render_change_form(request, context, *args, **kwargs)
        if context["adminform"].form.kept_refused is not None:
            response.status_code = 400  # a forged, expired or borrowed token
        return response

    def get_urls(self):
        kept = path(
            "kept/", self.admin_site.admin_view(self.kept_preview), name="media_library_image_kept"
        )
        return [kept, *super().get_urls()]

    def kept_preview(self, request):
        """A small copy of the file kept for this person (`staging`), for their form only."""
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        try:
            kept = staging.take(request.GET.get("token", ""), request.user)
        except ValidationError as error:
            raise Http404 from error
        data, content_type = staging.thumbnail(kept)
        return HttpResponse(data, content_type=content_type)

    @admin.display(description=_("preview"))
    def thumbnail(self, image):
        small = rendition(image, "card", 320)
        if small is None:
            return "—"
        return format_html(
            '<img src="{}" alt="" width="{}" height="{}" class="admin-thumbnail">',
            small["url"],
            160,
            120,
        )

    @admin.display(description=_("size"))
    def size(self, image):
        return f"{image.width} × {image.height}" if image.width else "—"

    @admin.display(description=_("renditions"))
    def status(self, image):
        return _("ready") if image.ready else _("being made by the worker")


@admin.register(Document)
class DocumentAdmin(InputSafeAdminMixin, admin.ModelAdmin):
    form = DocumentForm
    list_display = ["title", "language", "file_size", "pages", "uploaded_at"]
    list_filter = ["language"]
    search_fields = ["title"]

    @admin.display(description=_("size"), ordering="size")
    def file_size(self, document):
        return filesizeformat(document.size)


@admin.register(RenditionJob)
class RenditionJobAdmin(InputSafeAdminMixin, admin.ModelAdmin):
    list_display = ["image", "status", "attempts", "queued_at", "done_at"]
    list_filter = ["status"]
    readonly_fields = [f.name for f in RenditionJob._meta.fields]

    def has_add_permission(self, request):
        return False
