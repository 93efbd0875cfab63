"""The progress page, and updates of a profile by emailed link: asking for the link, and the
form it opens."""

from __future__ import annotations

from functools import partial

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from lib.ratelimit import over_limit
from outbox.address_requests import address_request_queue
from pagecache.fragments import lazy
from signatories.views import Gone, gone_page, public_signatory

from . import profile_updates
from .forms import ProfileUpdate, UpdateLinkRequestForm
from .models import UpdateLink
from .progress import commitment_progress


def progress(request):
    context = {"progress": lazy(partial(commitment_progress, label=gettext("All areas")))}
    return render(request, "commitments/progress.html", context)


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
        return render(request, "commitments/update_request.html", context, status=status)
    limit = settings.UPDATE_LINK_RATE_LIMIT
    if over_limit(request, scope="update-link", limit=limit, window=3600):
        context["rate_limited"] = True
        return render(request, "commitments/update_request.html", context, status=429)
    address_request_queue(
        kind="update_link", email=form.cleaned_data["email"], payload={"signatory": signatory.pk}
    )
    return render(request, "commitments/update_request_sent.html", context)


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
        return render(request, "commitments/update_form.html", context, status=status)
    try:
        profile_updates.profile_change_submit(link=link, proposed=update.proposed())
    except profile_updates.LinkRefused as refused:
        return link_refused(request, refused)
    return render(request, "commitments/update_sent.html", context)


def link_refused(request, refused: profile_updates.LinkRefused):
    context = {"reason": refused.reason, "signatory": refused.signatory}
    return render(request, "commitments/update_link_refused.html", context, status=410)
