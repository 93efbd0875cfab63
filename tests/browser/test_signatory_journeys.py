"""Signatories in a real browser: joining, the officer's decisions on each item's page,
updating commitments from the emailed link (nothing lost); the map by keyboard; the update
form has no accessibility violation in any language, on a phone and a desktop."""

import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from commitments.models import Commitment, ProfileChange
from commitments.profile_updates import profile_change_review, update_link_request
from outbox.address_requests import answer_address_requests
from outbox.models import Notification
from signatories.models import Signatory
from tests.browser.conftest import DESKTOP, LANGUAGES, PHONE, screenshot
from tests.browser.test_curation_journeys import no_violations
from toolkit.models import Theme

pytestmark = pytest.mark.django_db(transaction=True)

CONTACT = "relations@berlin.example"


@pytest.fixture
def berlin(site):
    signatory = Signatory.objects.get(organisation="Berlin")
    signatory.contact_email, signatory.contact_name = CONTACT, "Contact person"
    signatory.save()
    return signatory


def emailed_link(signatory) -> str:
    notification = Notification.objects.filter(signatory=signatory, kind="update_link").latest("pk")
    return re.search(r"https?://\S+/signatories/update/\S+/", notification.text_body).group(0)


def test_a_signatory_updates_its_commitments_from_the_emailed_link(page, site, berlin):
    page.goto(f"{site}{berlin.get_absolute_url()}")
    page.get_by_role("link", name="Update this profile").click()
    page.get_by_label("The email address we have for your institution").fill(CONTACT)
    page.get_by_role("button", name="Send me a link").click()
    expect(page.locator("h1")).to_have_text("Check your inbox")
    answer_address_requests()  # the worker looks the address up and writes the email

    link = emailed_link(berlin).split("/signatories/", 1)[1]
    page.goto(f"{site}/signatories/{link}")
    no_violations(page)
    page.get_by_text("Add an area", exact=True).click()
    area = page.locator("fieldset", has_text="Gender equality")
    area.get_by_label("Add this area").check()
    area.get_by_label("What you commit to").fill("Safer public transport at night for women.")
    area.get_by_label("Progress").select_option("under_way")
    area.get_by_text("Add an update", exact=True).click()
    area.get_by_label("Date of a new update").fill("2026-10-01")
    area.get_by_label("What happened").fill("A first night bus line with stops on request.")
    page.get_by_role("button", name="Send for review").click()
    expect(page.locator("h1")).to_contain_text("your changes are with the policy officer")

    officer = User.objects.create_superuser("officer")
    profile_change_review(change=ProfileChange.objects.get(), approve=True, reviewer=officer)
    page.goto(f"{site}{berlin.get_absolute_url()}")
    expect(page.locator("main")).to_contain_text("Safer public transport at night for women.")
    expect(page.locator("main")).to_contain_text("A first night bus line with stops on request.")
    assert Commitment.objects.get(signatory=berlin).status == "under_way"
    no_violations(page)


def test_a_keyboard_user_reaches_a_country_on_the_map_and_its_signatories(page, site):
    page.goto(f"{site}/signatories/map/")
    target = page.locator('.map__svg a[aria-label^="Spain:"]')
    expect(target).to_have_attribute("aria-label", re.compile(r"Spain: 2 signatories"))
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('aria-label') || ''").startswith(
            "Spain:"
        ):
            break
    else:
        pytest.fail("Tab never reached Spain on the map")
    page.keyboard.press("Enter")  # the country's page of places
    expect(page).to_have_url(re.compile(r"/places/es/$"))
    expect(page.locator("main")).to_contain_text("Barcelona Metropolitan Area (AMB)")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_profile_update_pages_have_no_violations_on_a_phone(page, site, berlin, lang):
    page.set_viewport_size(PHONE)
    prefix = LANGUAGES[lang]
    page.goto(f"{site}{prefix}{berlin.get_absolute_url()}update/")
    page.locator("main form button[type=submit]").click()  # no address: errors shown
    no_violations(page)
    update_link_request(signatory=berlin, email=CONTACT)
    path = emailed_link(berlin).split("://", 1)[1].split("/", 1)[1]
    page.goto(f"{site}/{path}")
    no_violations(page)
    page.locator("details.disclosure summary").first.click()  # "Add an area"
    page.locator("fieldset").first.locator("input[type=checkbox]").check()
    page.locator("form.update-form button[type=submit]").click()  # an area without words
    no_violations(page)
    screenshot(page, f"profile-update-errors-{lang}")


JOINER = "camille@testville.example"
BOTH = ["mobility-accessibility-and-transport", "public-space-and-housing"]


def join(page, site, *, prefix="", organisation="Métropole de Testville"):
    page.goto(f"{site}{prefix}/join/")
    page.fill("#id_organisation", organisation)
    page.select_option("#id_kind", "government")
    page.fill("#id_city", "Testville")
    page.select_option("#id_country", "FR")
    for slug in BOTH:
        page.locator(f"input[name=themes][value='{Theme.objects.get(slug=slug).pk}']").check()
    page.fill("#id_contact_name", "Camille Exemple")
    page.fill("#id_contact_email", JOINER)
    page.locator("#id_consent").check()
    page.wait_for_timeout(300)  # a person takes longer than FORM_MIN_SECONDS
    page.locator("form[action$='/join/'] button[type=submit]").click()
    expect(page).to_have_url(f"{site}{prefix}/join/thanks/")
    return Signatory.objects.get(organisation=organisation)


def themes_of(signatory) -> list[str]:
    return sorted(signatory.themes.values_list("slug", flat=True))


def test_join_approve_update_only_the_text_approve_and_both_areas_stay(page, site, curator):
    page.context.clear_cookies()  # the applicant first: no staff session
    signatory = join(page, site)
    assert themes_of(signatory) == BOTH

    log_in(page, site)
    page.goto(f"{site}/admin/signatories/signatory/{signatory.pk}/change/")
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.locator(".messagelist")).to_contain_text("1 request approved.")
    signatory.refresh_from_db()
    assert signatory.status == "approved"
    welcome = Notification.objects.get(signatory=signatory, kind="approved")
    assert f"/signatories/{signatory.slug}/" in welcome.text_body  # the profile, not the list

    update_link_request(signatory=signatory, email=JOINER)
    page.goto(site + re.sub(r"^https?://[^/]+", "", emailed_link(signatory)))
    for viewport, name in [(PHONE, "phone"), (DESKTOP, "desktop")]:
        page.set_viewport_size(viewport)
        no_violations(page)
        screenshot(page, f"profile-update-two-areas-{name}")
    page.set_viewport_size(PHONE)
    height = page.evaluate("document.querySelector('form.update-form').offsetHeight")
    assert height < 1500, height
    for title in ("Public space and housing", "Mobility, accessibility and transport"):
        expect(page.locator("fieldset", has_text=title).first).to_be_visible()
    page.get_by_label("About your institution and the call").fill("We share our streets.")
    page.get_by_role("button", name="Send for review").click()
    expect(page.locator("h1")).to_contain_text("your changes are with the policy officer")

    change = ProfileChange.objects.get(signatory=signatory)
    page.goto(f"{site}/admin/commitments/profilechange/{change.pk}/change/")
    expect(page.locator(".profile-diff")).not_to_contain_text("Withdraws from this area")
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.locator(".messagelist")).to_contain_text("Decision recorded")
    signatory.refresh_from_db()
    assert signatory.profile == "We share our streets." and themes_of(signatory) == BOTH
    page.goto(f"{site}/signatories/?theme=public-space-and-housing")
    expect(page.locator("main")).to_contain_text("Métropole de Testville")


def test_a_decline_with_a_reason_reaches_the_applicant_in_french(page, site, curator):
    page.context.clear_cookies()
    signatory = join(page, site, prefix="/fr", organisation="Commune de Testville-sur-Mer")
    assert signatory.language == "fr"

    log_in(page, site)
    page.goto(f"{site}/admin/signatories/signatory/{signatory.pk}/change/")
    page.get_by_role("button", name="Decline…").click()
    page.get_by_label("Reason").fill("L’appel s’adresse aux gouvernements métropolitains.")
    screenshot(page, "decline-confirmation")
    page.get_by_role("button", name="Yes, decline").click()
    expect(page.locator(".messagelist")).to_contain_text("Request declined")
    signatory.refresh_from_db()
    assert signatory.status == "declined"
    email = Notification.objects.get(signatory=signatory, kind="declined")
    assert email.to == JOINER
    assert "L’appel s’adresse aux gouvernements métropolitains." in email.text_body
    assert "Le motif donné par le responsable des politiques :" in email.text_body
    assert "Bonjour Camille Exemple" in email.text_body


def log_in(page, site):
    page.goto(f"{site}/admin/")
    if page.locator("#id_username").count():
        page.fill("#id_username", "curator")
        page.fill("#id_password", "a-long-password-1")
        page.locator("input[type=submit]").click()
    expect(page.locator("#user-tools")).to_contain_text("curator")
