"""Site-wide pages: the home page, the health check and the error pages."""

import sqlite3
import sys

import psycopg2
from django.contrib.contenttypes import views as contenttype_views
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import Http404, HttpResponse, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
from django.urls import NoReverseMatch
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from initiatives.models import Entry
from pagecache.fragments import lazy
from signatories.figures import listed_count
from signatories.models import ReportedTotal
from toolkit.models import Insight, Theme

LATEST_INSIGHTS = 6
LATEST_ENTRIES = 3


def home(request):
    return render(
        request,
        "home.html",
        {
            "themes": Theme.objects.with_insight_counts(),
            "latest_insights": Insight.objects.published()
            .latest_first()
            .for_listing()[:LATEST_INSIGHTS],
            "latest_entries": Entry.objects.published().for_listing()[:LATEST_ENTRIES],
            # computed only if the template renders them (not from a cached fragment)
            "signatory_count": listed_count,
            "reported_total": lazy(ReportedTotal.objects.first),
        },
    )


def accessibility(request):
    return render(request, "accessibility.html")


def about(request):
    return render(request, "about.html")


def favicon(request):
    # Browsers ask for /favicon.ico whatever the page says; the icon is an SVG.
    return redirect(static("img/favicon.svg"), permanent=True)


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /search/",
        "Disallow: /share/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@never_cache
def liveness(request):
    """For load balancers: 200 while this process answers, whatever the database does."""
    return HttpResponse("ok", content_type="text/plain")


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


# Django wraps the driver's errors, but not all of them: closing a cursor on a connection
# that the server dropped raises psycopg2's own error, bypassing the wrapper.
DATABASE_UNAVAILABLE = (
    OperationalError,
    InterfaceError,
    psycopg2.OperationalError,
    psycopg2.InterfaceError,
    sqlite3.OperationalError,
    sqlite3.InterfaceError,
)


def view_on_site(request, content_type_id, object_id):
    """The admin's "View on site", answering one 404 for a missing item and for an item
    with no public page (a pending request), never a server error."""
    try:
        return contenttype_views.shortcut(request, content_type_id, object_id)
    except (Http404, NoReverseMatch, ValueError) as error:
        raise Http404(_("This item has no public page.")) from error


def database_unavailable(error: BaseException | None) -> bool:
    """The error, or one it was raised from or while handling, says the database is gone."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, DATABASE_UNAVAILABLE):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def server_error(request):
    """The 500 page; a 503 with Retry-After when the database cannot be reached."""
    if database_unavailable(sys.exc_info()[1]):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponseServerError(loader.render_to_string("500.html"))
