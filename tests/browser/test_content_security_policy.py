"""The content security policy blocks nothing the portal itself needs, public or admin."""

import pytest
from django.contrib.auth.models import User

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
    insight = Insight.objects.first()
    for path in [
        "/admin/", "/admin/toolkit/insight/", "/admin/toolkit/insight/add/",
        f"/admin/toolkit/insight/{insight.pk}/change/", "/admin/signatories/signatory/",
        "/admin/initiatives/entry/add/",
    ]:  # fmt: skip
        page.goto(site + path)
        page.wait_for_load_state("networkidle")

    assert not refused, refused
