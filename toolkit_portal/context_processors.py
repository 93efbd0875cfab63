from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info


def languages(request):
    """This page in each language: for the language switcher and the hreflang links.

    Made once a request: every template rendered with the request asks again (a page's
    sections each render one), and finding the page's address in three languages costs."""
    current = get_language()
    made = getattr(request, "page_languages_made", None)
    if made is None or made[0] != current:
        made = current, page_languages(request, current)
        request.page_languages_made = made
    return made[1]


def page_languages(request, current: str) -> dict:
    path = request.get_full_path()
    try:
        origin = f"{request.scheme}://{request.get_host()}"
    except DisallowedHost:  # the 400 page for a forged Host header must still render
        origin = settings.SITE_URL
    return {
        "origin": origin,
        "page_languages": [
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": translate_url(path, code),
                "current": code == current,
            }
            for code, _name in settings.LANGUAGES
        ],
    }


def portal(request):
    """Who runs the portal, where corrections go, and the toolkit's source: every footer."""
    return {
        "portal": {
            "publisher": settings.PORTAL_PUBLISHER,
            "contact_email": settings.PORTAL_CONTACT_EMAIL,
            "source_url": settings.TOOLKIT_SOURCE_URL,
        }
    }
