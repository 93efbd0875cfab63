"""WCAG 2.1 AA checks (axe-core), phone widths and keyboard use, in a real browser."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from initiatives.models import Entry
from signatories.models import Signatory
from tests.browser.conftest import DESKTOP, LANGUAGES, PHONE, screenshot
from toolkit.models import Insight

pytestmark = pytest.mark.django_db(transaction=True)

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
axe = Axe()


def page_types():
    """One address of every kind of public page (content must be loaded)."""
    insight = Insight.objects.published().select_related("theme").first()
    signatory = Signatory.objects.approved().exclude(slug="").order_by("pk").first()
    entry = Entry.objects.published().select_related("programme").first()
    return {
        "home": "/",
        "toolkit": "/toolkit/",
        "theme": insight.theme.get_absolute_url(),
        "insight": insight.get_absolute_url(),
        "tag": f"/tags/{insight.tags.first().slug}/",
        "initiatives": "/initiatives/",
        "programme": entry.programme.get_absolute_url(),
        "programme-filtered": entry.programme.get_absolute_url() + "?country=PE",
        "entry": entry.get_absolute_url(),
        "signatories": "/signatories/",
        "signatories-by-kind": "/signatories/?group=kind",
        "signatory-map": "/signatories/map/",
        "progress": "/signatories/progress/",
        "profile": signatory.get_absolute_url(),
        "profile-update-request": f"{signatory.get_absolute_url()}update/",
        "join": "/join/",
        "thanks": "/join/thanks/",
        "privacy": "/join/privacy/",
        "ask-your-city": "/signatories/ask-your-city/",
        "search": "/search/?q=public+space",
        "search-empty": "/search/?q=zzzzzz",
        "data": "/data/",
        "print": "/print/toolkit/",
        "accessibility": "/accessibility/",
        "places": "/places/",
        "place-country": "/places/es/",
        "place": "/places/es/barcelona/",
        "place-without-signatory": "/places/pe/lima/",
        "not-found": "/no-such-page/",
    }


def violations_on(page, url):
    page.goto(url)
    results = axe.run(page, options=WCAG_AA)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_page_type_has_no_wcag_aa_violations(page, site, lang, viewport):
    page.set_viewport_size(viewport)
    found = {}
    for name, path in page_types().items():
        problems = violations_on(page, f"{site}{LANGUAGES[lang]}{path}")
        if problems:
            found[name] = problems
    assert not found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_join_form_with_errors_has_no_violations(page, site, lang):
    page.goto(f"{site}{LANGUAGES[lang]}/join/")
    page.locator("form[action$='/join/'] button[type=submit]").click()
    expect(page.locator("#error-summary")).to_be_visible()
    results = axe.run(page, options=WCAG_AA)
    assert results.response["violations"] == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_page_scrolls_sideways_on_a_phone(page, site, lang):
    page.set_viewport_size(PHONE)
    too_wide = {}
    for name, path in page_types().items():
        page.goto(f"{site}{LANGUAGES[lang]}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[name] = width
        if lang == "en" and name in {"home", "theme", "insight", "join", "signatories", "search"}:
            screenshot(page, f"{name}-{lang}-phone")
    assert not too_wide


def test_keyboard_users_can_skip_to_the_content_and_see_the_focus(page, site):
    page.goto(f"{site}/toolkit/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    outline = skip.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none"

    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('main') !== null")
    assert focused, "the next Tab after the skip link lands inside the main content"


def test_focus_order_follows_the_page(page, site):
    page.goto(f"{site}/")
    regions = []
    for _ in range(15):
        page.keyboard.press("Tab")
        regions.append(
            page.evaluate(
                "(() => { const el = document.activeElement;"
                " if (el.classList.contains('skip-link')) return 'SKIP';"
                " return el.closest('header, main, footer')?.tagName || el.tagName; })()"
            )
        )
    # The skip link, then the header (brand, search, languages, menu), then the content.
    assert regions[0] == "SKIP", regions
    assert "HEADER" in regions and "MAIN" in regions, regions
    assert regions.index("HEADER") < regions.index("MAIN"), regions
    assert "FOOTER" not in regions[: regions.index("MAIN")], regions


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_language_switcher_keeps_the_reader_on_the_same_page(page, site, lang):
    insight = Insight.objects.published().select_related("theme").first()
    page.goto(f"{site}{insight.get_absolute_url()}")
    page.locator(f".languages a[hreflang={lang}]").click()
    expect(page).to_have_url(f"{site}{LANGUAGES[lang]}{insight.get_absolute_url()}")
    expect(page.locator("html")).to_have_attribute("lang", lang)
