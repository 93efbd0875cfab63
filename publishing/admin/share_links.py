"""Share links: a draft's page opened by people without an account, until revoked."""

from django.contrib import admin
from django.contrib.admin.utils import quote, unquote
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ..models import ShareLink
from ..services import share_link_create, share_link_revoke


class ShareLinkAdmin(admin.ModelAdmin):
    """Create and revoke share links from the change form (admin/publishing/change_form.html)."""

    def get_urls(self):
        info = f"{self.model._meta.app_label}_{self.model._meta.model_name}"
        share = self.admin_site.admin_view(self.share_view)
        return [
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
        if obj and obj.pk:
            opts = self.model._meta
            context["share_url"] = reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_share",
                args=[quote(obj.pk)],
            )
            context["share_links"] = [
                (link, request.build_absolute_uri(link.get_absolute_url()))
                for link in ShareLink.objects.for_item(obj)
            ]
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)
