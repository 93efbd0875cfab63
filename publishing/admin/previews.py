"""Previews of an item as its public page, saved or not."""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import quote, unquote
from django.db import transaction
from django.http import Http404
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ..previews import page_of, render_preview


class PreviewAdmin(admin.ModelAdmin):
    """A "Preview" button per language on the change form: the page as the public template
    renders it, for a draft or for changes not saved yet (saved in a transaction that is
    rolled back, so relations and tags show too). The page is the one its app registered."""

    change_form_template = "admin/publishing/change_form.html"

    def get_urls(self):
        info = f"{self.model._meta.app_label}_{self.model._meta.model_name}"
        preview = self.admin_site.admin_view(self.preview_view)
        return [
            path("add/preview/", preview, name=f"{info}_preview"),
            path("<path:object_id>/change/preview/", preview, name=f"{info}_preview"),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        opts = self.model._meta
        url = reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_preview",
            args=[quote(obj.pk)] if obj and obj.pk else [],
        )
        context["preview_languages"] = [
            (code, name, f"{url}?lang={code}") for code, name in settings.LANGUAGES
        ]
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    def preview_view(self, request, object_id=None):
        obj = self.get_object(request, unquote(object_id)) if object_id else None
        if (object_id and obj is None) or not self.has_view_or_change_permission(request, obj):
            raise Http404
        language = request.GET.get("lang")
        language = language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        with translation.override(language), transaction.atomic():
            try:
                return self.render_preview(request, obj)
            finally:
                transaction.set_rollback(True)  # nothing a preview does is kept

    def render_preview(self, request, obj):
        if request.method == "POST":
            form_class = self.get_form(request, obj, change=obj is not None)
            form = form_class(request.POST, request.FILES, instance=obj)
            if not form.is_valid():
                context = {**self.admin_site.each_context(request), "form": form}
                return render(request, "admin/publishing/preview_errors.html", context, status=400)
            obj = form.save()  # with its relations and tags, rolled back afterwards
        notice = _("Preview: this page is not public, and nothing is saved until you press Save.")
        return render_preview(request, page_of(obj), notice=notice)
