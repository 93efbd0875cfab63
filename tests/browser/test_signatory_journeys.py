"""Signatories in a real browser: updating commitments from the emailed link; the map by
keyboard; the update form has no accessibility violation in any language."""

import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from commitments.models import Commitment, ProfileChange
from commitments.profile_updates import profile_change_review
from outbox.address_requests import answer_address_requests
from outbox.models import Notification
from signatories.models import Signatory
from tests.browser.conftest import LANGUAGES, PHONE, screenshot
from tests.browser.test_curation_journeys import no_violations

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
    area = page.locator("fieldset", has_text="Gender equality")
    area.get_by_label("Gender equality").check()
    area.get_by_label("What you commit to").fill("Safer public transport at night for women.")
    area.get_by_label("Progress").select_option("under_way")
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
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/signatories/\?country=ES$"))
    expect(page.locator("main")).to_contain_text("Barcelona Metropolitan Area (AMB)")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_profile_update_pages_have_no_violations_on_a_phone(page, site, berlin, lang):
    page.set_viewport_size(PHONE)
    prefix = LANGUAGES[lang]
    page.goto(f"{site}{prefix}{berlin.get_absolute_url()}update/")
    page.locator("main form button[type=submit]").click()  # no address: errors shown
    no_violations(page)
    from commitments.profile_updates import update_link_request

    update_link_request(signatory=berlin, email=CONTACT)
    path = emailed_link(berlin).split("://", 1)[1].split("/", 1)[1]
    page.goto(f"{site}/{path}")
    no_violations(page)
    page.locator("fieldset").first.locator("input[type=checkbox]").check()
    page.locator("form.update-form button[type=submit]").click()  # a commitment without words
    no_violations(page)
    screenshot(page, f"profile-update-errors-{lang}")
