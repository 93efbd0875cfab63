"""Subscribing, confirming, changing what one follows, and leaving (one click)."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from lib.ratelimit import over_limit
from lib.spam import spam_trap_context
from outbox.address_requests import address_request_queue

from . import services
from .forms import PreferencesForm, SubscribeForm
from .links import CONFIRM_DAYS, subscription_for, token_for
from .models import Subscription


def subscribe_page(request, form, status=200, **extra):
    context = {"form": form, **spam_trap_context(), **extra}
    return render(request, "subscriptions/subscribe.html", context, status=status)


@require_http_methods(["GET", "POST"])
def subscribe(request):
    if request.method == "GET":
        return subscribe_page(request, SubscribeForm(initial=initial_choices(request)))
    form = SubscribeForm(request.POST)
    if form.is_bot():
        return render(request, "subscriptions/check_inbox.html")
    if not form.is_valid():
        return subscribe_page(request, form, status=400)
    limit = settings.SUBSCRIBE_RATE_LIMIT
    if over_limit(request, scope="subscribe", limit=limit, window=3600):
        return subscribe_page(request, form, status=429, rate_limited=True)
    address_request_queue(
        kind="subscribe", email=form.cleaned_data["email"], payload=form.choices_as_data()
    )
    return render(request, "subscriptions/check_inbox.html")


def initial_choices(request) -> dict:
    """?theme=<slug> or ?programme=<slug> from a theme or programme page."""
    initial = {"language": get_language() or settings.LANGUAGE_CODE}
    fields = SubscribeForm.base_fields
    for name, key in (("themes", "theme"), ("programmes", "programme")):
        chosen = fields[name].queryset.filter(slug__in=request.GET.getlist(key)[:10])
        initial[name] = list(chosen)
    return initial


def subscription_or_404(token: str, purpose: str, **limits) -> Subscription:
    try:
        return subscription_for(token, purpose, **limits)
    except Subscription.DoesNotExist as error:
        raise Http404 from error


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    # A page with a button, not a GET that confirms: mail scanners open links too.
    subscription = subscription_or_404(token, "confirm", max_age_days=CONFIRM_DAYS)
    if request.method == "POST":
        services.subscription_confirm(subscription=subscription)
        manage_url = reverse("subscriptions:manage", args=[token_for(subscription, "manage")])
        context = {"subscription": subscription, "manage_url": manage_url}
        return render(request, "subscriptions/confirmed.html", context)
    return render(request, "subscriptions/confirm.html", {"subscription": subscription})


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request, token):
    subscription = subscription_or_404(token, "manage")
    if request.method == "POST" and "leave" in request.POST:
        services.unsubscribe(subscription=subscription)
        return render(request, "subscriptions/unsubscribed.html", status=200)
    initial = {"everything": subscription.everything, "rhythm": subscription.rhythm,
               "language": subscription.language, "themes": subscription.themes.all(),
               "programmes": subscription.programmes.all()}  # fmt: skip
    form = PreferencesForm(request.POST if request.method == "POST" else None, initial=initial)
    context = {"form": form, "subscription": subscription}
    if request.method == "POST" and form.is_valid():
        services.preferences_set(subscription, form.cleaned_data)
        context["saved"] = True
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "subscriptions/manage.html", context, status=status)


@never_cache
@csrf_exempt  # RFC 8058: the mail program POSTs "List-Unsubscribe=One-Click", no token
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    subscription = subscription_or_404(token, "unsubscribe")
    if request.method == "POST":
        services.unsubscribe(subscription=subscription)
        if "List-Unsubscribe" in request.POST:
            return HttpResponse("Unsubscribed.", content_type="text/plain")
        return render(request, "subscriptions/unsubscribed.html")
    return render(request, "subscriptions/unsubscribe.html", {"subscription": subscription})
