"""The three journeys of the design, in a real browser, in each language."""

import re

import pytest
from django.contrib.auth.models import User
from django.utils import translation
from playwright.sync_api import expect

from outbox.models import Notification
from signatories.models import Signatory
from tests.browser.conftest import LANGUAGES, screenshot
from toolkit.models import Insight

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_reader_browses_from_home_to_city_practice_and_searches(page, site, lang):
    prefix = LANGUAGES[lang]
    page.goto(f"{site}{prefix}/")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    screenshot(page, f"home-{lang}-desktop")

    page.locator(".theme-card a[href$='/toolkit/equity-in-health-and-care/']").click()
    expect(page).to_have_url(f"{site}{prefix}/toolkit/equity-in-health-and-care/")

    page.locator(".card__title a[href$='/bring-health-into-urban-planning-decisions/']").click()
    with translation.override(lang):
        title = Insight.objects.get(slug="bring-health-into-urban-planning-decisions").title
    expect(page.locator("h1")).to_have_text(title)
    expect(page.locator(".notice--info")).to_have_count(0)  # the content is translated too

    page.locator(".tags a").first.click()
    expect(page).to_have_url(re.compile(rf"{prefix}/tags/[\w-]+/$"))
    page.go_back()

    page.locator(".card--entry .card__title a").first.click()
    expect(page).to_have_url(re.compile(rf"{prefix}/initiatives/metrotalks/[\w-]+/$"))

    search = page.locator("#site-search-q")
    search.fill("public space")
    search.press("Enter")
    expect(page).to_have_url(re.compile(rf"{prefix}/search/\?q=public\+space"))
    expect(page.locator(".result").first).to_be_visible()
    expect(page.locator("mark").first).to_be_visible()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_government_joins_after_correcting_a_mistake(page, site, lang):
    prefix = LANGUAGES[lang]
    page.goto(f"{site}{prefix}/join/")
    page.fill("#id_organisation", "Ville de Montréal-Nord")
    page.select_option("#id_kind", "government")
    page.fill("#id_city", "Montréal")
    page.select_option("#id_country", "CA")
    page.fill("#id_contact_name", "Camille Exemple")
    page.fill("#id_contact_email", "not-an-email")
    page.locator("#id_themes_0").check()
    page.locator("#id_consent").check()
    page.locator("form[action$='/join/'] button[type=submit]").click()

    # The error is shown next to the field, announced, linked, and the input is kept.
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_have_attribute("role", "alert")
    email = page.locator("#id_contact_email")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_attribute("aria-describedby", re.compile("id_contact_email_error"))
    expect(page.locator("#id_contact_email_error")).to_be_visible()
    expect(page.locator("#id_organisation")).to_have_value("Ville de Montréal-Nord")
    expect(page.locator("#id_themes_0")).to_be_checked()
    screenshot(page, f"join-errors-{lang}-desktop")

    summary.locator("a").first.click()
    expect(email).to_be_focused()
    email.fill("camille@montreal-nord.example")
    page.locator("form[action$='/join/'] button[type=submit]").click()

    expect(page).to_have_url(f"{site}{prefix}/join/thanks/")
    signatory = Signatory.objects.get(organisation="Ville de Montréal-Nord")
    assert signatory.status == "pending"
    assert signatory.language == lang
    assert Notification.objects.filter(signatory=signatory, kind="new_request").exists()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_staff_approve_a_request_and_it_goes_public(page, site, lang):
    prefix = LANGUAGES[lang]
    Signatory.objects.create(
        organisation="Ciudad de Prueba", kind="government", city="Quito", country="EC",
        contact_name="Ana", contact_email="ana@prueba.example", language=lang,
    )  # fmt: skip
    User.objects.create_superuser("curator", "curator@example.org", "a-long-password-1")
    page.goto(f"{site}{prefix}/signatories/")
    expect(page.locator("main")).not_to_contain_text("Ciudad de Prueba")
    count_before = Signatory.objects.approved().count()

    page.goto(f"{site}/admin/")
    page.fill("#id_username", "curator")
    page.fill("#id_password", "a-long-password-1")
    page.locator("input[type=submit]").click()
    page.goto(f"{site}/admin/signatories/signatory/?status__exact=pending")
    page.locator("tr", has_text="Ciudad de Prueba").locator("input.action-select").check()
    page.select_option("select[name=action]", "approve")
    page.locator("button[name=index]").click()
    expect(page.locator(".messagelist")).to_contain_text("1 request approved")

    page.goto(f"{site}{prefix}/signatories/")
    expect(page.locator("main")).to_contain_text("Ciudad de Prueba")
    page.goto(f"{site}{prefix}/")
    expect(page.locator(".signatory-count")).to_contain_text(str(count_before + 1))
    assert Notification.objects.filter(kind="approved", to="ana@prueba.example").exists()
