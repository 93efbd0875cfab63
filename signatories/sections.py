"""What signatories add to theme pages: their commitments in the area and its updates."""

from __future__ import annotations

from django.db.models import Count, Q

from .models import Commitment, Milestone

LATEST_UPDATES = 5


def theme_commitments(theme) -> dict | None:
    counts = (
        Commitment.objects.public()
        .filter(theme=theme)
        .aggregate(
            total=Count("pk"),
            under_way=Count("pk", filter=Q(status=Commitment.Status.UNDER_WAY)),
            achieved=Count("pk", filter=Q(status=Commitment.Status.ACHIEVED)),
        )
    )
    if not counts["total"]:
        return None
    updates = Milestone.objects.public().filter(commitment__theme=theme).latest_first()
    return {"theme": theme, "counts": counts, "updates": updates[:LATEST_UPDATES]}
