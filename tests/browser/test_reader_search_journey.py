"""A resident's walk through search, tags and the map (issue 24), in each language, by
clicking and typing: an area's name, a word without its accent, a typo, the pandemic and
their city in the header's search box; an insight's tag in their language; their country
on the map, reached from the main menu. axe on the pages they meet, at 1280 and 375 px.

Every expected text is read from the starting content in the reader's language."""

import re
import unicodedata

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect
from taggit.models import Tag

from initiatives.models import Entry
from search.vocabulary import refresh_words
from signatories.models import Signatory
from tags.names import shown_name
from tests.browser.conftest import DESKTOP, LANGUAGES, PHONE, screenshot
from toolkit.models import Insight, Theme

pytestmark = pytest.mark.django_db(transaction=True)

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
axe = Axe()


def unaccented(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def starting_content(lang: str) -> dict:
    """What the reader should meet, in their language, from the starting content."""
    with translation.override(lang):
        area = Theme.objects.get(slug="mobility-accessibility-and-transport")
        gender = Theme.objects.get(slug="gender-equality")
        word = area.title.split(",")[0].split()[0].lower()  # mobility, mobilité, movilidad
        # the word of the area's name a reader types without its accent (none in English)
        accented = [w for w in gender.title.split() if unaccented(w) != w.lower()]
        entry = Entry.objects.get(slug="bilbao-citizen-collaboration-to-detect-solitude")
        signatory = Signatory.objects.approved().get(slug="montreal")
        return {
            "area": area.title,
            "area_url": area.get_absolute_url(),  # with the language prefix
            "word": word,
            "typo": word[:5] + word[6:],  # mobilty, mobilté, movildad
            "gender": gender.title,
            "unaccented": unaccented((accented or gender.title.split())[-1]),
            "covid_tag": shown_name(Tag.objects.get(slug="covid-19-recovery"))[0],
            "entry_city": entry.city,
            "entry": entry.title,
            "signatory_city": unaccented(signatory.city),  # Montreal, as often typed
            "signatory": signatory.organisation,
            "country": signatory.country.name,
            "in_country": list(
                Signatory.objects.approved()
                .filter(country=signatory.country)
                .values_list("organisation", flat=True)
            ),
            "best_match": gettext("Best match"),
            "map_link": gettext("The map with the numbers by country"),
            "signatories": gettext("Signatories"),
            "main_menu": gettext("Main"),
        }


def tag_names(lang: str, insight_slug: str) -> dict[str, tuple[str, str]]:
    """{slug: (name in the reader's language, English name)} of an insight's tags."""
    with translation.override(lang):
        tags = Insight.objects.get(slug=insight_slug).tags.all()
        return {tag.slug: (shown_name(tag)[0], tag.name) for tag in tags}


def no_violations(page, name: str) -> None:
    """axe finds nothing at 1280 and at 375 px; the walk goes on at 1280."""
    for viewport, width in ((PHONE, "phone"), (DESKTOP, "desktop")):
        page.set_viewport_size(viewport)
        found = axe.run(page, options=WCAG_AA).response["violations"]
        assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in found] == [], name
        screenshot(page, f"{name}-{width}")


def search_for(page, words: str) -> None:
    box = page.locator("#site-search-q")  # the box in every page's header
    box.fill(words)
    box.press("Enter")
    expect(page.locator("#id_q")).to_have_value(words)


def best_matches(page):
    return page.locator(".best-match__title a")


def listed(page):
    return page.locator(".result h2 a")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_resident_finds_areas_cities_and_tags_in_their_words_and_their_country_on_the_map(
    page, site, lang
):
    refresh_words()  # the worker's chore, run when it starts: the words "Did you mean" offers
    prefix, want = LANGUAGES[lang], starting_content(lang)
    page.set_viewport_size(DESKTOP)
    page.goto(f"{site}{prefix}/")

    # An area's name: the area comes first, in a "Best match" region above the list.
    search_for(page, want["word"])
    best = page.get_by_role("region", name=want["best_match"])
    expect(best).to_be_visible()
    expect(best_matches(page).first).to_have_text(want["area"])
    expect(listed(page).first).to_be_visible()
    assert best.bounding_box()["y"] < page.locator("ol.results").bounding_box()["y"]
    expect(page.locator(".suggestion")).to_have_count(0)  # spelled right, with results
    no_violations(page, f"journey-search-{lang}")
    best_matches(page).first.click()
    expect(page).to_have_url(f"{site}{want['area_url']}")
    expect(page.locator("h1")).to_have_text(want["area"])
    no_violations(page, f"journey-area-{lang}")

    # An insight of the area, then one of its tags: named in the reader's language.
    page.locator("section[aria-labelledby='insights-heading'] .card__title a").first.click()
    expect(page).to_have_url(re.compile(rf"{want['area_url']}[\w-]+/$"))
    names = tag_names(lang, page.url.rstrip("/").rsplit("/", 1)[-1])
    tags = page.locator("main ul.tags").first.locator("a")
    expect(tags).to_have_count(len(names))
    assert sorted(tags.all_inner_texts()) == sorted(name for name, _en in names.values())
    tags.first.click()
    expect(page).to_have_url(re.compile(rf"{prefix}/tags/[\w-]+/$"))
    name, english = names[page.url.rstrip("/").rsplit("/", 1)[-1]]
    expect(page.locator("h1")).to_have_text(name)
    assert lang == "en" or name != english  # the tag has a name in French and Spanish

    # A typo: "Did you mean" offers the word, whose results carry no suggestion.
    search_for(page, want["typo"])
    expect(listed(page)).to_have_count(0)
    suggestion = page.locator(".suggestion a")
    expect(suggestion).to_have_text(want["word"])
    suggestion.click()
    expect(page.locator("#id_q")).to_have_value(want["word"])
    expect(best_matches(page).first).to_have_text(want["area"])
    expect(page.locator(".suggestion")).to_have_count(0)

    # Without its accent: the Gender equality area all the same.
    search_for(page, want["unaccented"])
    expect(best_matches(page).first).to_have_text(want["gender"])

    # The pandemic, with and without its number: the recovery tag, in their language.
    for words in ("covid", "covid-19"):
        search_for(page, words)
        expect(best_matches(page).first).to_have_text(want["covid_tag"])
        expect(listed(page).first).to_be_visible()

    # A city an initiative entry is from, and a signatory's city typed without its accent.
    search_for(page, want["entry_city"])
    expect(listed(page).filter(has_text=want["entry"])).to_have_count(1)
    search_for(page, want["signatory_city"])
    expect(listed(page).filter(has_text=want["signatory"])).to_have_count(1)

    # The map, from the main menu: the signatory's country leads to its signatories.
    main_menu = page.get_by_role("navigation", name=want["main_menu"], exact=True)
    main_menu.get_by_role("link", name=want["signatories"], exact=True).click()
    page.get_by_role("link", name=want["map_link"]).click()
    expect(page).to_have_url(f"{site}{prefix}/signatories/map/")
    no_violations(page, f"journey-map-{lang}")
    page.locator(".map__table").get_by_role("link", name=want["country"], exact=True).click()
    expect(page).to_have_url(re.compile(rf"{prefix}/signatories/\?country=\w\w$"))
    expect(page.locator("#filter-country option:checked")).to_have_text(want["country"])
    listed_here = page.locator(".signatories li strong")
    expect(listed_here).to_have_count(len(want["in_country"]))
    assert sorted(listed_here.all_inner_texts()) == sorted(want["in_country"])
    screenshot(page, f"journey-country-{lang}")
