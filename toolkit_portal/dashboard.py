"""The staff dashboard: join requests over time, how long decisions take, the progress on
commitments (as the public page shows it), failed emails, and what readers searched for
without finding it. Charts are SVG drawn on the server."""

from __future__ import annotations

import datetime
import statistics
from dataclasses import dataclass

from django.contrib import admin
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from commitments.progress import commitment_progress
from outbox.models import Notification
from search.models import UnansweredSearch
from signatories.models import Signatory
from signatories.regions import Region
from subscriptions.stats import subscriber_counts

MONTHS = 12
CHART_HEIGHT = 120
BAR_WIDTH, BAR_GAP = 36, 12


@dataclass
class Bar:
    label: str
    value: int
    x: int
    y: int
    height: int


def months_back(count: int) -> list[datetime.date]:
    first = timezone.localdate().replace(day=1)
    months = [first]
    for _step in range(count - 1):
        months.append((months[-1] - datetime.timedelta(days=1)).replace(day=1))
    return list(reversed(months))


def requests_by_month_and_region() -> tuple[list[dict], list[tuple[str, str]]]:
    """One row a month (the last twelve): requests received, by region and in all."""
    months = months_back(MONTHS)
    counts = (
        Signatory.objects.filter(submitted_at__date__gte=months[0])
        .annotate(month=TruncMonth("submitted_at"))
        .values("month", "region")
        .annotate(n=Count("pk"))
        .order_by()
    )
    found = {(row["month"].date().replace(day=1), row["region"]): row["n"] for row in counts}
    regions = [*Region.choices, ("", _("Region not given"))]
    rows = []
    for month in months:
        by_region = [found.get((month, code), 0) for code, _label in regions]
        rows.append({"month": month, "by_region": by_region, "total": sum(by_region)})
    return rows, regions


def bars(rows: list[dict]) -> list[Bar]:
    top = max([row["total"] for row in rows] + [1])
    result = []
    for n, row in enumerate(rows):
        height = round(CHART_HEIGHT * row["total"] / top)
        x = n * (BAR_WIDTH + BAR_GAP)
        label = row["month"].strftime("%m/%y")
        result.append(Bar(label, row["total"], x, CHART_HEIGHT - height, height))
    return result


def median_days_to_decision() -> float | None:
    decided = Signatory.objects.exclude(reviewed_at=None).values_list("submitted_at", "reviewed_at")
    days = [(reviewed - submitted).total_seconds() / 86400 for submitted, reviewed in decided]
    return round(statistics.median(days), 1) if days else None


def staff_dashboard(request):
    context = {**admin.site.each_context(request), "title": _("Dashboard")}
    if request.user.has_perm("signatories.view_signatory"):
        rows, regions = requests_by_month_and_region()
        context.update(rows=rows, regions=regions, bars=bars(rows), chart_height=CHART_HEIGHT)
        context["chart_width"] = MONTHS * (BAR_WIDTH + BAR_GAP)
        context["median_days"] = median_days_to_decision()
    if request.user.has_perm("outbox.view_notification"):
        failed = Notification.objects.filter(status=Notification.Status.FAILED)
        context["failed_emails"] = failed.count()
    if request.user.has_perm("commitments.view_commitment"):
        context["progress"] = commitment_progress(label=_("All areas"))
    context["unanswered"] = UnansweredSearch.most_frequent()
    context["subscribers"] = subscriber_counts()
    return render(request, "admin/dashboard.html", context)
