"""How far the signatories' commitments have come, by area and in all: the figures of the
public progress page, the area pages' section and the staff dashboard, from one function."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q
from django.utils import timezone

from pagecache.fragments import lazy
from toolkit.models import Theme

from .models import Commitment, Milestone
from .models.commitments import grace_period

STATUSES = [status for status, _label in Commitment.Status.choices]
LATEST_UPDATES = 10
CHART_WIDTH = 100  # the bars' scale: a share of 100


@dataclass
class Row:
    """The commitments of one area (or of all): counts by status and the average of the
    percentages stated by those under way that gave one."""

    label: str
    theme: Theme | None
    planned: int = 0
    under_way: int = 0
    achieved: int = 0
    stated_progress: int = 0  # how many under way gave a percentage
    average_progress: int | None = None
    overdue: int = 0  # past their due date and its grace period, not achieved

    @property
    def overdue_share(self) -> int | None:
        """The share overdue, as a whole percentage (None when nothing is counted)."""
        return round(100 * self.overdue / self.total) if self.total else None

    @property
    def total(self) -> int:
        return self.planned + self.under_way + self.achieved

    def share(self, status: str) -> float:
        return round(CHART_WIDTH * getattr(self, status) / self.total, 1) if self.total else 0

    @property
    def segments(self) -> list[tuple[str, float, float]]:
        """(status, x, width) of each part of the row's bar, in CHART_WIDTH units."""
        parts, x = [], 0.0
        for status in STATUSES:
            width = self.share(status)
            parts.append((status, x, width))
            x += width
        return parts


@dataclass
class Progress:
    areas: list[Row]
    overall: Row
    signatories: int  # lazily counted: an area's section does not show it
    updates: list = field(default_factory=list)


def counts_by_theme(commitments) -> dict[int, dict]:
    due = Q(due_on__lt=timezone.localdate() - grace_period())
    late = due & ~Q(status=Commitment.Status.ACHIEVED)
    rows = (
        commitments.values("theme")
        .order_by()
        .annotate(
            **{status: Count("pk", filter=Q(status=status)) for status in STATUSES},
            stated_progress=Count("progress", filter=Q(status=Commitment.Status.UNDER_WAY)),
            average_progress=Avg("progress", filter=Q(status=Commitment.Status.UNDER_WAY)),
            overdue=Count("pk", filter=late),
        )
    )
    return {row.pop("theme"): row for row in rows}


def as_row(label: str, theme: Theme | None, counts: dict | None) -> Row:
    counts = dict(counts or {})
    average = counts.pop("average_progress", None)
    return Row(label, theme, **counts, average_progress=None if average is None else round(average))


def overall_of(areas: list[Row], label: str) -> Row:
    row = Row(label, None)
    for status in [*STATUSES, "stated_progress", "overdue"]:
        setattr(row, status, sum(getattr(area, status) for area in areas))
    stated = [
        (area.average_progress, area.stated_progress) for area in areas if area.stated_progress
    ]
    if stated:
        row.average_progress = round(sum(a * n for a, n in stated) / row.stated_progress)
    return row


def commitment_progress(*, theme: Theme | None = None, label: str = "") -> Progress:
    """The public commitments' figures by area (or in `theme` alone) and in all, with the
    latest updates: four queries at most whatever the number of commitments."""
    public = Commitment.objects.public()
    themes = Theme.objects.order_by("position")
    if theme is not None:
        public, themes = public.filter(theme=theme), [theme]
    counts = counts_by_theme(public)
    areas = [as_row(t.title, t, counts.get(t.pk)) for t in themes]
    updates = Milestone.objects.public().latest_first()
    if theme is not None:
        updates = updates.filter(commitment__theme=theme)
    signatories = lazy(public.order_by().values("signatory").distinct().count)
    return Progress(
        areas=areas,
        overall=overall_of(areas, label),
        signatories=signatories,
        updates=list(updates[:LATEST_UPDATES]),
    )
