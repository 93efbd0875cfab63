"""The content security policy blocks nothing the portal itself needs, public or admin."""

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from signatories.models import Signatory
from tests.browser.test_accessibility import page_types
from toolkit.models import Insight

pytestmark = pytest.mark.django_db(transaction=True)


def test_no_page_breaks_the_policy(page, site):
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    for path in page_types().values():
        page.goto(site + path)

    User.objects.create_superuser("curator", "curator@example.org", "a-long-password-1")
    page.goto(f"{site}/admin/")
    page.fill("#id_username", "curator")
    page.fill("#id_password", "a-long-password-1")
    page.locator("input[type=submit]").click()
    expect(page.locator("#user-tools")).to_contain_text("curator")  # signed in
    insight = Insight.objects.first()
    signatory = Signatory.objects.first()
    for path in [
        "/admin/", "/admin/toolkit/insight/", "/admin/toolkit/insight/add/",
        f"/admin/toolkit/insight/{insight.pk}/change/", "/admin/signatories/signatory/",
        f"/admin/signatories/signatory/{signatory.pk}/change/",
        f"/admin/toolkit/insight/{insight.pk}/delete/", "/admin/initiatives/entry/add/",
        f"/admin/toolkit/insight/{insight.pk}/history/", "/admin/toolkit/insight/recover/",
        "/admin/translations/", "/admin/toolkit/insight/?translation_fr=missing",
    ]:  # fmt: skip
        page.goto(site + path)
        page.wait_for_load_state("networkidle")
        expect(page.locator("#site-name")).to_be_visible()  # an admin page, not the login

    # the erase confirmation page, reached as staff reach it
    page.goto(f"{site}/admin/signatories/signatory/")
    page.locator("input.action-select").first.check()
    page.select_option("select[name=action]", "erase_contact")
    page.locator("button[name=index]").click()
    expect(page.locator("#content")).to_contain_text("This cannot be undone")

    # a preview, opened from the change form as staff open it
    page.goto(f"{site}/admin/toolkit/insight/{insight.pk}/change/preview/?lang=fr")
    expect(page.locator(".preview-notice")).to_be_visible()

    assert not refused, refused
