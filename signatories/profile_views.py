"""Public profiles, their badge, and updates by emailed link."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_http_methods

from lib.ratelimit import over_limit
from outbox.address_requests import address_request_queue

from . import profile_updates
from .models import Commitment, Milestone, Signatory, UpdateLink
from .profile_forms import ProfileUpdate, UpdateLinkRequestForm


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
    milestones = Prefetch("milestones", queryset=Milestone.objects.order_by("-happened_on", "-pk"))
    commitments = (
        Commitment.objects.filter(signatory=signatory)
        .select_related("theme")
        .prefetch_related(milestones)
    )
    profile_url = settings.SITE_URL + request.path
    context = {"signatory": signatory, "commitments": commitments, "profile_url": profile_url}
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


@require_http_methods(["GET", "POST"])
def request_update_link(request, slug):
    try:
        signatory = public_signatory(slug)
    except Gone as gone:
        return gone_page(request, gone.signatory)
    form = UpdateLinkRequestForm(request.POST if request.method == "POST" else None)
    context = {"signatory": signatory, "form": form, "hours": settings.UPDATE_LINK_HOURS}
    if not form.is_bound or not form.is_valid():
        status = 400 if form.is_bound else 200
        return render(request, "signatories/update_request.html", context, status=status)
    limit = settings.UPDATE_LINK_RATE_LIMIT
    if over_limit(request, scope="update-link", limit=limit, window=3600):
        context["rate_limited"] = True
        return render(request, "signatories/update_request.html", context, status=429)
    address_request_queue(
        kind="update_link", email=form.cleaned_data["email"], payload={"signatory": signatory.pk}
    )
    return render(request, "signatories/update_request_sent.html", context)


@require_http_methods(["GET", "POST"])
def update_profile(request, token):
    try:
        link = profile_updates.update_link_open(token)
    except UpdateLink.DoesNotExist as error:
        raise Http404 from error
    except profile_updates.LinkRefused as refused:
        return link_refused(request, refused)
    update = ProfileUpdate(link.signatory, request.POST if request.method == "POST" else None)
    context = {"signatory": link.signatory, "update": update, "hours": settings.UPDATE_LINK_HOURS}
    if request.method == "GET" or not update.is_valid():
        status = 400 if request.method == "POST" else 200
        return render(request, "signatories/update_form.html", context, status=status)
    try:
        profile_updates.profile_change_submit(link=link, proposed=update.proposed())
    except profile_updates.LinkRefused as refused:
        return link_refused(request, refused)
    return render(request, "signatories/update_sent.html", context)


def link_refused(request, refused: profile_updates.LinkRefused):
    context = {"reason": refused.reason, "signatory": refused.signatory}
    return render(request, "signatories/update_link_refused.html", context, status=410)
