"""What waits for staff, counted on the admin index, each count linking to its list; then
what waits for translators, per language (publishing/backlog.py)."""

from django import template
from django.db.models import CharField, Count, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commitments.models import Commitment, ProfileChange
from initiatives.models import Entry, Programme
from outbox.models import Notification
from publishing.backlog import backlog
from signatories.models import Signatory
from toolkit.models import Insight, Theme

register = template.Library()


def waiting(user) -> list[tuple[str, int, str]]:
    """(label, count, filtered list) for each kind of work this person may see."""
    rows = []
    if user.has_perm("signatories.view_signatory"):
        pending = Signatory.objects.filter(status=Signatory.Status.PENDING).count()
        rows.append((_("Join requests to review"), pending, Signatory, "status__exact=pending"))
    if user.has_perm("commitments.view_profilechange"):
        pending = ProfileChange.objects.filter(status=ProfileChange.Status.PENDING).count()
        label = _("Profile updates to review")
        rows.append((label, pending, ProfileChange, "status__exact=pending"))
    if user.has_perm("commitments.view_commitment"):
        overdue = Commitment.objects.public().overdue(timezone.localdate()).count()
        rows.append((_("Commitments with an update overdue"), overdue, Commitment,
                     "reporting=overdue"))  # fmt: skip
    if user.has_perm("outbox.view_notification"):
        failed = Notification.objects.filter(status=Notification.Status.FAILED).count()
        rows.append((_("Emails that failed"), failed, Notification, "status__exact=failed"))
    for model, label in [(Insight, _("Draft insights")), (Entry, _("Draft entries"))]:
        if user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}"):
            drafts = model.objects.drafts().count()
            rows.append((label, drafts, model, "publication=draft"))
    rows += due_for_review(user)
    return [(label, count, link(target, query)) for label, count, target, query in rows]


def due_for_review(user) -> list[tuple]:
    """Content whose review date has come, for those who curate it (only kinds with some),
    counted in one query."""
    kinds = [
        model
        for model in (Theme, Insight, Programme, Entry)
        if user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")
    ]
    if not kinds:
        return []
    today = timezone.localdate()
    due = [
        model.objects.filter(review_by__lte=today)
        .order_by()
        .annotate(kind=Value(model._meta.label, output_field=CharField()))
        .values("kind")
        .annotate(n=Count("pk"))
        for model in kinds
    ]
    counts = {row["kind"]: row["n"] for row in due[0].union(*due[1:], all=True)}
    rows = []
    for model in kinds:
        if counts.get(model._meta.label):
            plural = model._meta.verbose_name_plural.capitalize()
            label = _("%(kind)s due for review") % {"kind": plural}
            rows.append((label, counts[model._meta.label], model, "review=due"))
    return rows


def link(target, query: str) -> str:
    opts = target._meta
    return f"{reverse(f'admin:{opts.app_label}_{opts.model_name}_changelist')}?{query}"


@register.inclusion_tag("admin/curation_counts.html", takes_context=True)
def curation_counts(context):
    user = context["request"].user
    return {"rows": waiting(user), "backlog": backlog(user)}
