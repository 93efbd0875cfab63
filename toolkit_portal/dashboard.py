"""The staff dashboard: join requests through the web form over time and how long their
decisions take, the signatories listed (the number the public pages give), profile updates
waiting, the progress on commitments (as the public page shows it), failed emails, drafts and
scheduled items, what readers searched for without finding it, and email subscribers.

Each section is shown to staff who may see what it counts; the link to the dashboard on the
admin home names the sections that person will find. Charts are SVG drawn on the server."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import admin
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commitments.models import ProfileChange
from commitments.progress import commitment_progress
from initiatives.models import Entry, Programme
from outbox.models import Notification
from publishing.backlog import backlog
from publishing.models import count_of
from search.models import UnansweredSearch
from signatories import figures as signatory_figures
from subscriptions.stats import subscriber_counts
from toolkit.models import Insight, Theme

CHART_HEIGHT = 120
BAR_WIDTH, BAR_GAP = 36, 12


@dataclass
class Bar:
    label: str
    value: int
    x: int
    y: int
    height: int


@dataclass
class Counted:
    """A count of something waiting, with the admin list of those it counts."""

    label: str
    count: int
    url: str


def bars(rows: list[dict]) -> list[Bar]:
    top = max([row["total"] for row in rows] + [1])
    result = []
    for n, row in enumerate(rows):
        height = round(CHART_HEIGHT * row["total"] / top)
        x = n * (BAR_WIDTH + BAR_GAP)
        label = row["month"].strftime("%m/%y")
        result.append(Bar(label, row["total"], x, CHART_HEIGHT - height, height))
    return result


def changelist(model, query: str) -> str:
    opts = model._meta
    return f"{reverse(f'admin:{opts.app_label}_{opts.model_name}_changelist')}?{query}"


def requests(user) -> dict:
    by_month = signatory_figures.requests_by_month_and_region()
    figures = {
        "by_month": by_month,
        "median_days": signatory_figures.median_days_to_decision(),
        "listed": signatory_figures.listed_by_source(),
        "listed_total": signatory_figures.listed_count(),
    }
    if by_month:
        width = len(by_month.rows) * (BAR_WIDTH + BAR_GAP)
        figures.update(bars=bars(by_month.rows), chart_width=width, chart_height=CHART_HEIGHT)
    return figures


def profile_updates(user) -> dict:
    pending = ProfileChange.objects.filter(status=ProfileChange.Status.PENDING).count()
    link = changelist(ProfileChange, "status__exact=pending")
    return {"profile_updates": Counted(_("Profile updates to review"), pending, link)}


def commitments(user) -> dict:
    return {"progress": commitment_progress(label=_("All areas"))}


def emails(user) -> dict:
    failed = Notification.objects.filter(status=Notification.Status.FAILED)
    return {"failed_emails": failed.count()}


CONTENT = [
    (Insight, gettext_lazy("Draft insights"), gettext_lazy("Scheduled insights")),
    (Entry, gettext_lazy("Draft entries"), gettext_lazy("Scheduled entries")),
]


def content(user) -> dict:
    """Drafts and scheduled items (published, dated after today) of what this person sees,
    each linking to its list under the publication filter (the same rules)."""
    rows = []
    for model, drafts, scheduled in CONTENT:
        if user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}"):
            rows.append(Counted(drafts, model.objects.drafts().count(),
                                changelist(model, "publication=draft")))  # fmt: skip
            rows.append(Counted(scheduled, model.objects.scheduled().count(),
                                changelist(model, "publication=scheduled")))  # fmt: skip
    return {"content": rows}


def translations(user) -> dict:
    return {"backlog": backlog(user)}


@dataclass
class DueRow:
    """What waits for review in one area (its page, its insights, entries that feed it)."""

    area: Theme
    page: bool
    insights: Counted
    entries: Counted

    @property
    def counts(self) -> list[Counted]:
        return [self.insights, self.entries]


def reviews(user) -> dict:
    """Content past its review date, per area, each count linking to its filtered list."""
    today = timezone.localdate()
    areas = Theme.objects.annotate(
        due_insights=count_of(Insight.objects.filter(review_by__lte=today), "theme"),
        due_entries=count_of(Entry.objects.filter(review_by__lte=today), "themes"),
    ).order_by("position")
    rows = [
        DueRow(area, area.review_by is not None and area.review_by <= today,
               Counted("", area.due_insights,
                       changelist(Insight, f"review=due&theme__id__exact={area.pk}")),
               Counted("", area.due_entries,
                       changelist(Entry, f"review=due&themes__id__exact={area.pk}")))
        for area in areas
    ]  # fmt: skip
    programmes = Counted(
        _("Programme pages due for review"),
        Programme.objects.filter(review_by__lte=today).count(),
        changelist(Programme, "review=due"),
    )
    return {"reviews": rows, "programmes_due": programmes}


def searches(user) -> dict:
    return {"unanswered": UnansweredSearch.most_frequent()}


def subscribers(user) -> dict:
    return {"subscribers": subscriber_counts()}


@dataclass(frozen=True)
class Section:
    key: str
    name: Promise  # in the link to the dashboard: what this section shows
    figures: Callable[..., dict]
    permissions: tuple[str, ...] = ()  # any one of them; none: every staff member

    def shown_to(self, user) -> bool:
        return not self.permissions or any(user.has_perm(p) for p in self.permissions)


SECTIONS = [
    Section("requests", gettext_lazy("requests"), requests, ("signatories.view_signatory",)),
    Section("profile_updates", gettext_lazy("profile updates"), profile_updates,
            ("commitments.view_profilechange",)),
    Section("commitments", gettext_lazy("commitments"), commitments,
            ("commitments.view_commitment",)),
    Section("emails", gettext_lazy("emails"), emails, ("outbox.view_notification",)),
    Section("content", gettext_lazy("drafts, scheduled items"), content,
            ("toolkit.view_insight", "initiatives.view_entry")),
    Section("translations", gettext_lazy("translations"), translations,
            ("toolkit.change_insight", "initiatives.change_entry")),
    Section("reviews", gettext_lazy("reviews due"), reviews,
            ("toolkit.change_insight", "initiatives.change_entry")),
    Section("searches", gettext_lazy("searches"), searches),
    Section("subscribers", gettext_lazy("subscribers"), subscribers),
]  # fmt: skip


def sections_for(user) -> list[Section]:
    return [section for section in SECTIONS if section.shown_to(user)]


def what_is_shown(user) -> str:
    """The sections this person will find, named in a list: "requests, emails, searches"."""
    return ", ".join(str(section.name) for section in sections_for(user))


def link_text(user) -> str:
    return _("Dashboard: %(sections)s") % {"sections": what_is_shown(user)}


def staff_dashboard(request):
    shown = sections_for(request.user)
    context = {
        **admin.site.each_context(request),
        "title": _("Dashboard"),
        "shown": {section.key for section in shown},
        "what_is_shown": what_is_shown(request.user),
    }
    for section in shown:
        context.update(section.figures(request.user))
    return render(request, "admin/dashboard.html", context)
