"""A "follow by email" invitation on theme and programme pages (publishing.sections)."""

from django.urls import reverse


def follow_theme(theme) -> dict:
    return {"url": f"{reverse('subscriptions:subscribe')}?theme={theme.slug}", "theme": theme}


def follow_programme(programme) -> dict:
    url = f"{reverse('subscriptions:subscribe')}?programme={programme.slug}"
    return {"url": url, "programme": programme}
