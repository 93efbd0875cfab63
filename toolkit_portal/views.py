"""Site-wide pages: the home page, the health check and the error pages."""

from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from initiatives.models import Entry
from signatories.models import Signatory
from toolkit.models import Insight, Theme

LATEST_INSIGHTS = 6
LATEST_ENTRIES = 3


def home(request):
    return render(
        request,
        "home.html",
        {
            "themes": Theme.objects.with_insight_counts(),
            "latest_insights": Insight.objects.published().for_listing()[:LATEST_INSIGHTS],
            "latest_entries": Entry.objects.published().for_listing()[:LATEST_ENTRIES],
            "signatory_count": Signatory.objects.approved().count(),
        },
    )


@never_cache
def healthz(request):
    """For load balancers: 200 once the database answers a trivial query."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")
