import logging
from itertools import groupby

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Case, Value, When
from django.db.models.functions import Lower
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_http_methods
from django_countries import countries

from pagecache.holes import register_hole
from toolkit.models import Theme

from . import services
from .forms import (
    DUPLICATE_MESSAGE,
    HONEYPOT_FIELD,
    STARTED_FIELD,
    TOO_FAST_MESSAGE,
    JoinForm,
    seconds_since,
    started_token,
)
from .models import PRIVACY_NOTICE_VERSION, Signatory
from .ratelimit import over_limit
from .regions import Region

logger = logging.getLogger(__name__)


register_hole(
    "join-started", rf'name="{STARTED_FIELD}" value="([^"]+)"', lambda request: started_token()
)


def render_join(request, form, status=200, *, rate_limited=False):
    context = {
        "form": form,
        "started_token": started_token(),
        "honeypot_field": HONEYPOT_FIELD,
        "started_field": STARTED_FIELD,
        "rate_limited": rate_limited,
    }
    return render(request, "signatories/join.html", context, status=status)


@require_http_methods(["GET", "POST"])
def join(request):
    if request.method == "GET":
        response = render_join(request, JoinForm())
        # The same for every visitor but for these tokens: cacheable with them punched out.
        response.page_cache_holes = ["csrf", "join-started"]
        return response

    form = JoinForm(request.POST)
    if request.POST.get(HONEYPOT_FIELD):
        logger.info("Join form honeypot filled: request dropped")
        return redirect("signatories:thanks")
    # Refused forms come back with their errors and everything typed, as a 400.
    if not form.is_valid():
        return render_join(request, form, status=400)

    elapsed = seconds_since(request.POST.get(STARTED_FIELD, ""))
    if elapsed is None or elapsed < settings.JOIN_MIN_SECONDS:
        form.add_error(None, TOO_FAST_MESSAGE)
        return render_join(request, form, status=400)

    if over_limit(
        request,
        scope="join",
        limit=settings.JOIN_RATE_LIMIT,
        window=settings.JOIN_RATE_LIMIT_WINDOW,
    ):
        return render_join(request, form, status=429, rate_limited=True)

    try:
        services.signatory_submit(
            fields=form.signatory_fields(),
            themes=form.cleaned_data["themes"],
            language=get_language() or settings.LANGUAGE_CODE,
        )
    except services.DuplicateRequest:
        form.add_error(None, DUPLICATE_MESSAGE)
        return render_join(request, form, status=409)
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


def signatory_list(request):
    approved = Signatory.objects.approved()
    signatories = approved.only(
        "organisation", "kind", "city", "country", "region", "public_note", "website"
    )
    country = request.GET.get("country", "").strip().upper()
    theme = request.GET.get("theme", "").strip()
    group = "kind" if request.GET.get("group") == "kind" else "region"
    if country:
        known = country in dict(countries)
        signatories = signatories.filter(country=country) if known else signatories.none()
    if theme:
        signatories = signatories.filter(themes__slug=theme)
    unknown_last = Case(When(region="", then=Value(1)), default=Value(0))
    order = ["kind"] if group == "kind" else [unknown_last, "region", "country"]
    signatories = signatories.order_by(*order, Lower("organisation"), "pk")
    page = Paginator(signatories, SIGNATORIES_PER_PAGE).get_page(request.GET.get("page"))

    country_codes = set(approved.exclude(country="").values_list("country", flat=True))
    members = list(page.object_list)
    return render(
        request,
        "signatories/list.html",
        {
            "page": page,
            "groups": group_by_kind(members) if group == "kind" else group_by_region(members),
            "group": group,
            "total": approved.count(),
            "countries": [(code, name) for code, name in countries if code in country_codes],
            "themes": Theme.objects.all(),
            "selected_country": country,
            "selected_theme": theme,
            "filtered": bool(country or theme),
        },
    )
