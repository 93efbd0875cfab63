"""What the admins of every kind of published content share: bulk publishing, versions,
previews and share links."""

import reversion
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import quote, unquote
from django.contrib.admin.views.main import ChangeList
from django.db import models, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from modeltranslation.admin import TranslationAdmin
from reversion.admin import VersionAdmin

from . import translation_status
from .forms import countries_among
from .imports import SpreadsheetAdmin
from .models import PublicationStatus, ShareLink
from .previews import page_of, render_preview
from .revisions import history
from .services import share_link_create, share_link_revoke
from .signals import statuses_changed


def set_status(queryset, status, comment: str = "") -> int:
    """One UPDATE of the items whose status changes, then `statuses_changed` once; in the
    admin (a revision is open) each changed item also keeps a version."""
    changed = list(queryset.exclude(status=status).values_list("pk", flat=True))
    rows = queryset.model._default_manager.filter(pk__in=changed)
    count = rows.update(status=status, updated_at=timezone.now())
    if status == PublicationStatus.PUBLISHED:
        rows.filter(first_published_at=None).update(first_published_at=timezone.now())
    if count:
        statuses_changed.send(sender=queryset.model)
    if count and reversion.is_active():
        reversion.set_comment(comment)
        for item in rows.iterator():
            reversion.add_to_revision(item)
    return count


@admin.action(description=_("Publish selected items"))
def publish(modeladmin, request, queryset):
    count = set_status(queryset, PublicationStatus.PUBLISHED, "Published (bulk action).")
    message = ngettext("%(count)d item published.", "%(count)d items published.", count)
    modeladmin.message_user(request, message % {"count": count}, messages.SUCCESS)


@admin.action(description=_("Unpublish selected items (back to draft)"))
def unpublish(modeladmin, request, queryset):
    count = set_status(queryset, PublicationStatus.DRAFT, "Unpublished (bulk action).")
    message = ngettext(
        "%(count)d item unpublished (back to draft).",
        "%(count)d items unpublished (back to draft).",
        count,
    )
    modeladmin.message_user(request, message % {"count": count}, messages.SUCCESS)


class DateSafeChangeList(ChangeList):
    """The date drill-down refuses years it cannot represent (e.g. ?published_on__year=99999)
    as a bad filter, like any other; Django lets OverflowError and ValueError through."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (OverflowError, ValueError) as error:
            raise IncorrectLookupParameters(error) from error


class InputSafeAdminMixin:
    """Forged admin input (a date drill-down to year 10**30, a selected id of "1e999") is
    refused like any bad filter or selection instead of reaching the database as a 500."""

    def get_changelist(self, request, **kwargs):
        return DateSafeChangeList

    def response_action(self, request, queryset):
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        if any(not value.isdecimal() for value in selected):
            post = request.POST.copy()
            post.setlist(helpers.ACTION_CHECKBOX_NAME, [v for v in selected if v.isdecimal()])
            request.POST = post
        return super().response_action(request, queryset)


class VersionHistoryAdmin(VersionAdmin):
    """Every admin save keeps a version (django-reversion); the history page shows what each
    version changed, field by field and language by language, with a link to restore it.
    Restoring saves it as a new version, like any edit; deleted items can be recovered."""

    object_history_template = "admin/version_history.html"
    history_hidden_fields: tuple[str, ...] = ()

    def get_history_hidden_fields(self, request) -> tuple[str, ...]:
        return self.history_hidden_fields

    def history_view(self, request, object_id, extra_context=None):
        opts = self.model._meta
        hidden = self.get_history_hidden_fields(request)
        versions = [
            {
                "version": version,
                "changes": changes,
                "url": reverse(
                    f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_revision",
                    args=(quote(version.object_id), version.pk),
                ),
            }
            for version, changes in history(self.model, unquote(object_id), hidden)
        ]
        # Django's history page (permissions, title) with the versions instead of the log.
        context = {"versions": versions, **(extra_context or {})}
        return admin.ModelAdmin.history_view(self, request, object_id, context)


class PreviewAdmin(admin.ModelAdmin):
    """A "Preview" button per language on the change form: the page as the public template
    renders it, for a draft or for changes not saved yet (saved in a transaction that is
    rolled back, so relations and tags show too). The page is the one its app registered."""

    change_form_template = "admin/publishing/change_form.html"

    def get_urls(self):
        info = f"{self.model._meta.app_label}_{self.model._meta.model_name}"
        preview = self.admin_site.admin_view(self.preview_view)
        share = self.admin_site.admin_view(self.share_view)
        return [
            path("add/preview/", preview, name=f"{info}_preview"),
            path("<path:object_id>/change/preview/", preview, name=f"{info}_preview"),
            path("<path:object_id>/change/share/", share, name=f"{info}_share"),
            path("<path:object_id>/change/share/<int:link_id>/", share, name=f"{info}_share"),
            *super().get_urls(),
        ]

    @method_decorator(require_POST)
    def share_view(self, request, object_id, link_id=None):
        """Create a share link to this item, or revoke one (`link_id`); back to the form."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_change_permission(request, obj):
            raise Http404
        if link_id is None:
            link = share_link_create(item=obj, created_by=request.user)
            url = request.build_absolute_uri(link.get_absolute_url())
            self.message_user(request, _("Share link created: %(url)s") % {"url": url})
        else:
            share_link_revoke(link=get_object_or_404(ShareLink.objects.for_item(obj), pk=link_id))
            self.message_user(request, _("Share link revoked: it no longer opens the page."))
        opts = self.model._meta
        change = f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change"
        return redirect(reverse(change, args=[quote(obj.pk)]))

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        opts = self.model._meta
        url = reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_preview",
            args=[quote(obj.pk)] if obj and obj.pk else [],
        )
        context["preview_languages"] = [
            (code, name, f"{url}?lang={code}") for code, name in settings.LANGUAGES
        ]
        if obj and obj.pk:
            context["share_url"] = url.replace("/preview/", "/share/")
            context["share_links"] = [
                (link, request.build_absolute_uri(link.get_absolute_url()))
                for link in ShareLink.objects.for_item(obj)
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


class CountryInUseFilter(admin.SimpleListFilter):
    """Only the countries that some row has, not all 250."""

    title = _("country")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        codes = model_admin.get_queryset(request).exclude(country="").order_by()
        return countries_among(codes.values_list("country", flat=True).distinct())

    def queryset(self, request, queryset):
        return queryset.filter(country=self.value()) if self.value() else queryset


def translation_filter(code: str, name: str) -> type[admin.SimpleListFilter]:
    """A list filter: the items whose translation into `code` is complete, missing or out
    of date."""

    class TranslationFilter(admin.SimpleListFilter):
        title = _("translation into %(language)s") % {"language": name}
        parameter_name = f"translation_{code}"

        def lookups(self, request, model_admin):
            return list(translation_status.STATUSES.items())

        def queryset(self, request, queryset):
            if self.value() in translation_status.STATUSES:
                return translation_status.filter_by_status(queryset, code, self.value())
            return queryset

    return TranslationFilter


class TranslationStatusAdmin(admin.ModelAdmin):
    """Each language's status in the list, and a filter per translated language."""

    def get_list_filter(self, request):
        languages = [(code, str(name)) for code, name in settings.LANGUAGES]
        filters = [translation_filter(code, name) for code, name in languages[1:]]
        return [*super().get_list_filter(request), *filters]

    @admin.display(description=_("translations"))
    def translations(self, obj):
        return " · ".join(
            f"{code.upper()} {translation_status.STATUSES[obj.translation_status(code)]}"
            for code, _name in settings.LANGUAGES
        )


class CollectionAdmin(
    InputSafeAdminMixin, TranslationStatusAdmin, PreviewAdmin, VersionHistoryAdmin, TranslationAdmin
):
    """Areas and programmes: few, ordered by position, found by title."""

    list_display_links = ["title"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}


class PublishedContentAdmin(
    InputSafeAdminMixin,
    SpreadsheetAdmin,
    TranslationStatusAdmin,
    PreviewAdmin,
    VersionHistoryAdmin,
    TranslationAdmin,
):
    """Translated fields side by side, the slug from the title, bulk publishing, import and
    export of spreadsheets (CSV, XLSX) with a dry run first."""

    list_filter = ["status", "published_on"]
    search_fields = ["title", "summary", "body", "tags__name"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "published_on"
    actions = [publish, unpublish]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags")

    @admin.display(description=_("tags"))
    def tag_list(self, item):
        return ", ".join(tag.name for tag in item.tags.all())
