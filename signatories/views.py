import logging
from itertools import groupby

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_http_methods

from lib.ratelimit import over_limit
from lib.spam import spam_trap_context
from pagecache.fragments import lazy
from toolkit.models import Theme

from . import services
from .figures import listed_count
from .forms import JoinForm, SignatoryFilterForm
from .models import PRIVACY_NOTICE_VERSION, ReportedTotal, Signatory
from .regions import Region

logger = logging.getLogger(__name__)


def render_join(request, form, status=200, *, rate_limited=False):
    context = {
        "form": form,
        **spam_trap_context(form.data if form.is_bound else None),
        "rate_limited": rate_limited,
        "blank_form": None if form.is_bound else "blank",  # see {% fragment %}
    }
    return render(request, "signatories/join.html", context, status=status)


def blank_join_form(request):
    response = render_join(request, JoinForm())
    # The same for every visitor but for these tokens: cacheable with them punched out.
    response.page_cache_holes = ["csrf", "join-started"]
    return response


def join_over_limit(request) -> bool:
    limit, window = settings.JOIN_RATE_LIMIT, settings.JOIN_RATE_LIMIT_WINDOW
    return over_limit(request, scope="join", limit=limit, window=window)


@require_http_methods(["GET", "POST"])
def join(request):
    if request.method == "GET":
        return blank_join_form(request)
    form = JoinForm(request.POST)
    if form.is_bot():
        logger.info("Join form honeypot filled: request dropped")
        return redirect("signatories:thanks")
    # Every submission counts, valid or not, so the form cannot be asked without limit.
    if join_over_limit(request):
        return render_join(request, form, status=429, rate_limited=True)
    # Refused forms come back with their errors and everything typed. 409 only names
    # public signatories with a similar name: nothing tells who else has asked to join.
    if not form.is_valid():
        return render_join(request, form, status=409 if form.resembles_a_signatory() else 400)
    services.signatory_submit(
        fields=form.signatory_fields(),
        themes=form.cleaned_data["themes"],
        language=get_language() or settings.LANGUAGE_CODE,
    )
    return redirect("signatories:thanks")


def thanks(request):
    return render(request, "signatories/thanks.html")


def privacy(request):
    return render(
        request,
        "signatories/privacy.html",
        {"version": PRIVACY_NOTICE_VERSION, "erase_after_days": settings.ERASE_DECLINED_AFTER_DAYS},
    )


def ask_your_city(request):
    return render(request, "signatories/ask_your_city.html")


SIGNATORIES_PER_PAGE = 100
PUBLIC_FIELDS = [
    "organisation", "slug", "kind", "city", "country", "region", "public_note", "website",
]  # fmt: skip


def group_by_region(signatories):
    """[(region label, [(country name, [signatory, …]), …]), …], keeping the given order."""
    labels = dict(Region.choices)
    return [
        (
            labels.get(region) or gettext("Region not given"),
            [
                (country or gettext("Country not given"), list(members))
                for country, members in groupby(in_region, key=lambda s: s.country.name)
            ],
        )
        for region, in_region in groupby(signatories, key=lambda s: s.region)
    ]


def group_by_kind(signatories):
    """[(kind label, [signatory, …]), …], keeping the given order."""
    labels = dict(Signatory.Kind.choices)
    return [
        (labels[kind], list(members)) for kind, members in groupby(signatories, lambda s: s.kind)
    ]


def listed_apart(grouped, signatories) -> dict:
    """The active signatories in their groups, and the inactive ones apart (listed last)."""
    signatories = list(signatories)
    return {
        "groups": grouped([s for s in signatories if not s.inactive]),
        "inactive": [s for s in signatories if s.inactive],
    }


def signatory_list(request):
    approved = Signatory.objects.approved()
    countries = approved.exclude(country="").order_by().values_list("country", flat=True)
    countries = countries.distinct()
    form = SignatoryFilterForm(request.GET, country_codes=countries)
    signatories = form.filter(approved.only(*PUBLIC_FIELDS))
    page = Paginator(signatories, SIGNATORIES_PER_PAGE).get_page(request.GET.get("page"))
    grouped = group_by_kind if form.grouping == "kind" else group_by_region
    context = {
        "form": form,
        "page": page,
        "listed": lazy(listed_apart, grouped, page.object_list),
        "group": form.grouping,
        "total": listed_count,  # computed only if the template renders it
        "reported_total": lazy(ReportedTotal.objects.first),
        "themes": Theme.objects.all(),
        "filtered": form.filtered,
        "fragment": None if form.errors else request.get_full_path(),
    }
    return render(request, "signatories/list.html", context, status=400 if form.errors else 200)


def public_signatory(slug: str) -> Signatory:
    """An approved signatory's profile; a withdrawn one is gone (410), others unknown."""
    shown = Signatory.Status.APPROVED, Signatory.Status.WITHDRAWN
    signatory = get_object_or_404(
        Signatory.objects.select_related("logo").filter(status__in=shown), slug=slug
    )
    if signatory.status == Signatory.Status.WITHDRAWN:
        raise Gone(signatory)
    return signatory


class Gone(Exception):
    def __init__(self, signatory: Signatory):
        self.signatory = signatory


def gone_page(request, signatory: Signatory):
    context = {"organisation": signatory.organisation}
    return render(request, "signatories/profile_gone.html", context, status=410)


def profile(request, slug):
    try:
        signatory = public_signatory(slug)
    except Gone as gone:
        return gone_page(request, gone.signatory)
    profile_url = settings.SITE_URL + request.path
    context = {"signatory": signatory, "profile_url": profile_url}
    return render(request, "signatories/profile.html", context)


def badge(request, slug):
    try:
        signatory = public_signatory(slug)
    except Gone as gone:
        raise Http404 from gone
    year = signatory.joined_on.year if signatory.joined_on else 2020
    svg = render_to_string("signatories/badge.svg", {"signatory": signatory, "year": year})
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    response["Cache-Control"] = "public, max-age=86400"
    return response
