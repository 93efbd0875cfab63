"""The figures of signatories that pages give, public and staff alike, each from one place.

Only requests sent through the join form count as requests: the signatories loaded at
setup and those staff imported were never asked for here, and were decided in no time.
"""

from __future__ import annotations

import datetime
import statistics
from dataclasses import dataclass

from django.db.models import Count, Min
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Signatory
from .regions import Region

MONTHS = 12  # at most, back from this month


def listed_count() -> int:
    """How many institutions the public list names (the home page, the list, the dashboard)."""
    return Signatory.objects.approved().count()


def listed_by_source() -> list[tuple[str, int]]:
    """(source label, how many) of the listed institutions, for every source."""
    counts = dict(
        Signatory.objects.approved().values_list("source").annotate(n=Count("pk")).order_by()
    )
    return [(label, counts.get(code, 0)) for code, label in Signatory.Source.choices]


def web_requests():
    return Signatory.objects.filter(source=Signatory.Source.WEB)


@dataclass
class RequestsByMonth:
    rows: list[dict]  # {"month": date, "by_region": [n, …], "total": n}, oldest first
    regions: list[tuple[str, str]]  # (code, label) of the columns, "" for none given


def months_since(first: datetime.date, today: datetime.date) -> list[datetime.date]:
    """The first day of each month from `first`'s to `today`'s, at most MONTHS of them."""
    months = [today.replace(day=1)]
    while len(months) < MONTHS and months[-1] > first:
        months.append((months[-1] - datetime.timedelta(days=1)).replace(day=1))
    return list(reversed(months))


def requests_by_month_and_region() -> RequestsByMonth | None:
    """One row a month, from the month of the first web request (at most MONTHS back):
    requests received, by region and in all; None before the first one."""
    first = web_requests().aggregate(first=Min("submitted_at"))["first"]
    if first is None:
        return None
    months = months_since(timezone.localdate(first), timezone.localdate())
    counts = (
        web_requests()
        .filter(submitted_at__date__gte=months[0])
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
    return RequestsByMonth(rows, regions)


def median_days_to_decision() -> float | None:
    """Of web requests decided: the median days from the request to the decision."""
    decided = web_requests().exclude(reviewed_at=None).values_list("submitted_at", "reviewed_at")
    days = [(reviewed - submitted).total_seconds() / 86400 for submitted, reviewed in decided]
    return round(statistics.median(days), 1) if days else None
