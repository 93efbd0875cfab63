"""Subscribing, confirming, changing what one follows, and leaving (one click)."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from lib.ratelimit import over_limit
from lib.spam import spam_trap_context
from outbox.address_requests import address_request_queue
from places.models import Place

from . import services
from .forms import FollowAgainForm, PreferencesForm, SubscribeForm
from .links import CONFIRM_DAYS, subscription_for, token_for
from .models import Subscription


def subscribe_page(request, form, status=200, **extra):
    context = {"form": form, **spam_trap_context(), **extra}
    return render(request, "subscriptions/subscribe.html", context, status=status)


@require_http_methods(["GET", "POST"])
def subscribe(request):
    if request.method == "GET":
        response = subscribe_page(request, SubscribeForm(initial=initial_choices(request)))
        # the same for every visitor but these tokens: cached with them punched out
        response.page_cache_holes = ["csrf", "subscribe-started"]
        return response
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
    """?theme=<slug>, ?programme=<slug> or ?place=<country>/<slug> from their pages."""
    initial = {"language": get_language() or settings.LANGUAGE_CODE}
    fields = SubscribeForm.base_fields
    for name, key in (("themes", "theme"), ("programmes", "programme")):
        chosen = fields[name].queryset.filter(slug__in=request.GET.getlist(key)[:10])
        initial[name] = list(chosen)
    initial["places"] = list(places_named(request.GET.getlist("place")[:10]))
    return initial


def places_named(addresses: list[str]):
    """The places at "ca/montreal" (their address after /places/)."""
    wanted = Q(pk__in=[])
    for address in addresses:
        country, _slash, slug = address.partition("/")
        wanted |= Q(country=country.upper(), slug=slug)
    return Place.objects.filter(wanted)


def subscription_or_404(token: str, purpose: str, **limits) -> Subscription:
    try:
        return subscription_for(token, purpose, **limits)
    except Subscription.DoesNotExist as error:
        raise Http404 from error


def manage_path(subscription: Subscription) -> str:
    return reverse("subscriptions:manage", args=[token_for(subscription, "manage")])


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    # A page with a button, not a GET that confirms: mail scanners open links too.
    subscription = subscription_or_404(token, "confirm", max_age_days=CONFIRM_DAYS)
    if subscription.has_left:  # its manage page says so, and offers to follow again
        return redirect(manage_path(subscription))
    if request.method == "POST":
        services.subscription_confirm(subscription=subscription)
        context = {"subscription": subscription, "manage_url": manage_path(subscription)}
        return render(request, "subscriptions/confirmed.html", context)
    return render(request, "subscriptions/confirm.html", {"subscription": subscription})


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request, token):
    subscription = subscription_or_404(token, "manage")
    if subscription.has_left:
        return manage_after_leaving(request, subscription)
    if request.method == "POST" and "leave" in request.POST:
        services.unsubscribe(subscription=subscription)
        return unsubscribed_page(request, subscription)
    form = PreferencesForm(request.POST if request.method == "POST" else None,
                           initial=preferences_of(subscription))  # fmt: skip
    saved = request.method == "POST" and form.is_valid()
    if saved:
        services.preferences_set(subscription, form.cleaned_data)
    return manage_page(request, subscription, form, saved=saved)


def preferences_of(subscription: Subscription) -> dict:
    return {"everything": subscription.everything, "rhythm": subscription.rhythm,
            "language": subscription.language, "themes": subscription.themes.all(),
            "programmes": subscription.programmes.all(),
            "places": subscription.places.all()}  # fmt: skip


def manage_page(request, subscription, form, **extra):
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "subscription": subscription, **extra}
    return render(request, "subscriptions/manage.html", context, status=status)


def manage_after_leaving(request, subscription: Subscription):
    """The manage link of an address that left says so, changes nothing, and offers to
    follow again (with consent given again)."""
    again = request.method == "POST" and "follow_again" in request.POST
    form = FollowAgainForm(request.POST if again else None)
    if again and form.is_valid():
        services.subscription_resume(subscription=subscription)
        preferences = PreferencesForm(initial=preferences_of(subscription))
        return manage_page(request, subscription, preferences, followed_again=True)
    context = {"form": form, "subscription": subscription}
    return render(request, "subscriptions/left.html", context, status=left_status(request, again))


def left_status(request, again: bool) -> int:
    if again:
        return 400  # without consent
    # choices sent after leaving (another tab, the back button) are not carried out
    return 409 if request.method == "POST" and "leave" not in request.POST else 200


def unsubscribed_page(request, subscription: Subscription):
    context = {"manage_url": manage_path(subscription)}
    return render(request, "subscriptions/unsubscribed.html", context)


@never_cache
@csrf_exempt  # RFC 8058: the mail program POSTs "List-Unsubscribe=One-Click", no token
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    subscription = subscription_or_404(token, "unsubscribe")
    if request.method == "POST":
        services.unsubscribe(subscription=subscription)
        if "List-Unsubscribe" in request.POST:
            return HttpResponse("Unsubscribed.", content_type="text/plain")
        return unsubscribed_page(request, subscription)
    return render(request, "subscriptions/unsubscribe.html", {"subscription": subscription})
