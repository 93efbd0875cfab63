"""A resident looks for their city: from the map to the country, the metropolis, one of
its signatories and back to the place, with the keyboard only, in English and French, on
a desktop and a phone; no accessibility violation on the way."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, LANGUAGES, PHONE, screenshot
from tests.browser.test_curation_journeys import no_violations

pytestmark = pytest.mark.django_db(transaction=True)

WANT = {
    "en": {"country": "Spain", "place": "Barcelona", "more": "More from"},
    "fr": {"country": "Espagne", "place": "Barcelone", "more": "Plus sur ce lieu"},
}


def tab_to(page, href: str, most: int = 400) -> None:
    """Press Tab until the link to `href` has the focus, then follow it with Enter."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href') || ''") == href:
            page.keyboard.press("Enter")
            return
    pytest.fail(f"Tab never reached a link to {href} on {page.url}")


@pytest.mark.parametrize("lang", list(WANT))
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_map_country_metropolis_signatory_and_back_by_keyboard(page, site, lang, viewport):
    prefix, want = LANGUAGES[lang], WANT[lang]
    page.set_viewport_size(viewport)
    page.goto(f"{site}{prefix}/signatories/map/")
    no_violations(page)

    tab_to(page, f"{prefix}/places/es/")
    expect(page).to_have_url(f"{site}{prefix}/places/es/")
    expect(page.locator("h1")).to_have_text(want["country"])
    no_violations(page)

    tab_to(page, f"{prefix}/places/es/barcelona/")
    expect(page.locator("h1")).to_have_text(want["place"])
    expect(page.locator("main")).to_contain_text("Barcelona Metropolitan Strategic Plan (PEMB)")
    no_violations(page)
    screenshot(page, f"place-{lang}-{viewport['width']}")

    tab_to(page, f"{prefix}/signatories/barcelona-metropolitan-area-amb/")
    expect(page.locator("h1")).to_have_text("Barcelona Metropolitan Area (AMB)")
    expect(page.locator(".place-link")).to_contain_text(want["more"])
    no_violations(page)

    tab_to(page, f"{prefix}/places/es/barcelona/")
    expect(page).to_have_url(re.compile(rf"{prefix}/places/es/barcelona/$"))
    expect(page.locator("h1")).to_have_text(want["place"])


def test_a_city_mark_on_the_map_leads_to_its_place(page, site):
    # the mark is where its signatories are; the place itself has no coordinates
    page.goto(f"{site}/signatories/map/")
    mark = page.locator('.map__svg a.map__place[href="/places/es/barcelona/"]')
    expect(mark).to_have_attribute("aria-label", "Barcelona: 2 signatories")
    mark.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{site}/places/es/barcelona/")
