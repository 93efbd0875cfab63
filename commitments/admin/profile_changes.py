"""Reviewing profile updates, field by field."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from publishing.admin import InputSafeAdminMixin
from signatories.forms import DeclineReasonForm
from toolkit.models import Theme

from .. import profile_updates
from ..models import Commitment, ProfileChange

STATUS_NAMES = dict(Commitment.Status.choices)
STALE_UPDATE = _(
    "The profile has changed since this update was sent, so approving it would undo those "
    "changes. Decline it and ask the signatory to send a new one."
)


def describe(item: dict | None) -> str:
    if not item:
        return "—"
    status = STATUS_NAMES.get(item["status"], item["status"])
    if item.get("progress") is not None:
        status = f"{status} ({item['progress']} %)"
    lines = [f"{status}: {item['statement']}"]
    if item.get("milestone"):
        lines.append(f"+ {item['milestone']['date']}: {item['milestone']['text']}")
    return "\n".join(lines)


def area_state(profile: dict, slug: str, areas: list[str]) -> str:
    """An area in a profile: not joined, joined with nothing stated, or its commitment."""
    if slug not in areas:
        return "—"
    commitment = profile["commitments"].get(slug)
    return describe(commitment) if commitment else str(_("Joined; nothing stated yet"))


def area_rows(before: dict, after: dict) -> list[dict]:
    """A row per area that changes; leaving or joining an area says so in words."""
    was, will_be = profile_updates.areas_of(before), profile_updates.areas_after(before, after)
    rows = []
    for theme in Theme.objects.order_by("position"):
        old, new = area_state(before, theme.slug, was), area_state(after, theme.slug, will_be)
        if old == new:
            continue
        if theme.slug in was and theme.slug not in will_be:
            new, change = str(_("Withdraws from this area")), "withdrawal"
        elif theme.slug in will_be and theme.slug not in was:
            new, change = f"{_('Joins this area')}\n{new}", "addition"
        else:
            change = ""
        rows.append({"label": theme.title, "before": old, "after": new, "change": change})
    return rows


def profile_diff(before: dict, after: dict) -> list[dict]:
    """One row per field that differs: what is public now, and what would be."""
    rows = [
        {"label": label, "before": before.get(key) or "—", "after": after.get(key) or "—"}
        for key, label in [("profile", _("Profile")), ("website", _("Website"))]
        if before.get(key) != after.get(key)
    ]
    rows += area_rows(before, after)
    if after.get("withdraw"):
        reason = after.get("withdraw_reason") or "—"
        rows.append(
            {"label": _("Withdraw from the call"), "before": "—", "after": reason,
             "change": "withdrawal"}
        )  # fmt: skip
    return rows


@admin.register(ProfileChange)
class ProfileChangeAdmin(InputSafeAdminMixin, admin.ModelAdmin):
    list_display = ["signatory", "status", "submitted_at", "reviewed_at", "reviewed_by"]
    list_filter = ["status"]
    search_fields = ["signatory__organisation"]
    list_select_related = ["signatory", "reviewed_by"]
    fields = ["signatory", "status", "submitted_at", "reviewed_at", "reviewed_by", "note"]
    readonly_fields = ["signatory", "status", "submitted_at", "reviewed_at", "reviewed_by"]
    change_form_template = "admin/commitments/profilechange/change_form.html"

    def has_add_permission(self, request):
        return False

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        if obj is not None:
            pending = obj.status == ProfileChange.Status.PENDING
            # Pending: against the profile as it is now, which is what approving changes.
            before = profile_updates.current_profile(obj.signatory) if pending else obj.before
            context["diff"] = profile_diff(before, obj.proposed)
            context["pending"] = obj.status == ProfileChange.Status.PENDING
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    def view_on_site(self, change):
        """The signatory's profile, when it has one."""
        return change.signatory.get_absolute_url() if change.signatory.public else None

    def get_urls(self):
        decline = self.admin_site.admin_view(self.decline_view)
        name = "commitments_profilechange_decline"
        return [path("<path:object_id>/decline/", decline, name=name), *super().get_urls()]

    def response_change(self, request, obj):
        if "_decline" in request.POST:  # the note typed so far is saved: the reason's draft
            return HttpResponseRedirect(
                reverse("admin:commitments_profilechange_decline", args=[obj.pk])
            )
        if "_approve" in request.POST:
            self.decide(request, obj, approve=True, note=obj.note)
        return super().response_change(request, obj)

    def decide(self, request, change, *, approve: bool, note: str) -> None:
        try:
            done = profile_updates.profile_change_review(
                change=change, approve=approve, reviewer=request.user, note=note
            )
        except profile_updates.ProfileChanged:
            self.message_user(request, STALE_UPDATE, messages.ERROR)
            return
        self.message_user(
            request,
            _("Decision recorded; the signatory is told by email.")
            if done
            else _("This update had already been decided."),
            messages.SUCCESS if done else messages.WARNING,
        )

    def decline_view(self, request, object_id):
        change = self.get_object(request, unquote(object_id))
        if change is None or not self.has_change_permission(request, change):
            raise Http404(_("No such profile update."))
        item_url = reverse("admin:commitments_profilechange_change", args=[change.pk])
        data = request.POST if request.method == "POST" else None
        form = DeclineReasonForm(data, initial={"reason": change.note})
        if change.status != ProfileChange.Status.PENDING:
            self.message_user(request, _("This update had already been decided."), messages.WARNING)
        elif form.is_valid():
            self.decide(request, change, approve=False, note=form.cleaned_data["reason"].strip())
        else:
            return TemplateResponse(request, "admin/decline_confirmation.html", {
                **self.admin_site.each_context(request),
                "title": _("Decline this profile update?"),
                "explanation": _("The signatory is told by email, in its language; a reason "
                                 "you give below is written into that email."),
                "opts": self.model._meta, "items": [change], "form": form,
                "changelist_url": reverse("admin:commitments_profilechange_changelist"),
                "item_url": item_url, "cancel_url": item_url,
            })  # fmt: skip
        return HttpResponseRedirect(item_url)
