"""What signatories add to other apps' pages (publishing/sections.py)."""

from __future__ import annotations

from .models import Signatory


def theme_signatories(theme) -> dict | None:
    """The approved signatories that joined for an area, on the area's page."""
    committed = list(
        Signatory.objects.approved()
        .filter(themes=theme)
        .only("organisation", "slug", "city", "country")
    )
    return {"theme": theme, "committed": committed} if committed else None
