"""What commitments add to other apps' pages: to a theme page, the signatories'
commitments in the area and its updates; to a signatory's profile, its commitments and
the way to update them."""

from __future__ import annotations

from django.db.models import Prefetch

from .models import Commitment, Milestone
from .progress import commitment_progress

LATEST_UPDATES = 5


def theme_commitments(theme) -> dict | None:
    progress = commitment_progress(theme=theme, label=theme.title)
    if not progress.overall.total:
        return None
    return {"theme": theme, "progress": progress, "updates": progress.updates[:LATEST_UPDATES]}


def profile_commitments(signatory) -> dict:
    milestones = Prefetch("milestones", queryset=Milestone.objects.order_by("-happened_on", "-pk"))
    commitments = list(
        Commitment.objects.filter(signatory=signatory)
        .select_related("theme")
        .prefetch_related(milestones)
    )
    inactive = bool(commitments) and all(c.overdue_for_a_year for c in commitments)
    return {"commitments": commitments, "inactive": inactive}


def profile_update_link(signatory) -> dict:
    return {"signatory": signatory}
