"""A "follow by email" invitation on theme, programme and place pages (publishing.sections)."""

from django.urls import reverse


def follow_theme(theme) -> dict:
    return {"url": f"{reverse('subscriptions:subscribe')}?theme={theme.slug}", "theme": theme}


def follow_place(place) -> dict:
    address = f"{place.country.code.lower()}/{place.slug}"
    return {"url": f"{reverse('subscriptions:subscribe')}?place={address}", "place": place}


def follow_programme(programme) -> dict:
    url = f"{reverse('subscriptions:subscribe')}?programme={programme.slug}"
    return {"url": url, "programme": programme}
