"""Following by email in a real browser, in each language: subscribe, confirm from the
emailed link, change preferences, leave; no accessibility violation on the way."""

import re

import pytest
from playwright.sync_api import expect

from outbox.address_requests import answer_address_requests
from outbox.models import Notification
from subscriptions.models import Subscription
from tests.browser.conftest import LANGUAGES, PHONE
from tests.browser.test_curation_journeys import no_violations

pytestmark = pytest.mark.django_db(transaction=True)


def emailed(address: str, purpose: str) -> str:
    body = Notification.objects.filter(to=address).latest("pk").text_body
    url = re.search(rf"https?://\S+/subscribe/{purpose}/\S+/", body).group(0)
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_reader_subscribes_confirms_and_manages_preferences(page, site, lang, settings):
    settings.SUBSCRIBE_RATE_LIMIT = 100
    address = f"reader-{lang}@example.org"
    prefix = LANGUAGES[lang]
    page.goto(f"{site}{prefix}/toolkit/gender-equality/")
    page.locator('a[href*="/subscribe/?theme=gender-equality"]').click()
    expect(page.locator("input[name=themes]:checked")).to_have_count(1)
    no_violations(page)
    page.locator("main form button[type=submit]").click()  # nothing filled in: errors
    expect(page.locator("#error-summary")).to_be_visible()
    no_violations(page)
    page.fill("#id_email", address)
    page.locator("#id_consent").check()
    page.wait_for_timeout(int(settings.FORM_MIN_SECONDS * 1000) + 100)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_be_visible()
    no_violations(page)
    answer_address_requests()  # the worker's half of a sign-up
    assert Subscription.objects.get(email=address).language == lang

    page.goto(f"{site}{emailed(address, 'confirm')}")
    no_violations(page)
    page.locator("main form button[type=submit]").click()
    assert Subscription.objects.get(email=address).is_active

    page.set_viewport_size(PHONE)
    no_violations(page)
    page.locator('main a[href*="/subscribe/manage/"]').click()
    no_violations(page)
    page.locator("input[name=rhythm][value=monthly]").check()
    page.locator("main form button[name=save]").click()
    expect(page.locator("[role=status]")).to_be_visible()
    no_violations(page)
    assert Subscription.objects.get(email=address).rhythm == "monthly"
    page.locator("main form button[name=leave]").click()
    no_violations(page)
    assert Subscription.objects.get(email=address).unsubscribed_at is not None
