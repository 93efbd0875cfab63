"""A policy officer's day in a real browser: from the admin home's "Waiting for you" list to
a join request, approved on its page, the count going down at home, and the request counted
on the dashboard as one that came through the web form (not the signatories loaded at setup),
a search that found nothing run again from there. A curator's dashboard, with drafts and
scheduled items leading to their lists. No accessibility violation on those pages at 1280
and 375 px."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone
from playwright.sync_api import expect

from signatories.models import Signatory
from tests.browser.conftest import DESKTOP, PHONE, screenshot
from tests.browser.test_curation_journeys import no_violations
from tests.browser.test_signatory_journeys import join
from toolkit.models import Insight
from toolkit_portal.roles import CONTENT_CURATORS, POLICY_OFFICERS

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-password-1"


def sign_in(page, site, name: str) -> None:
    page.goto(f"{site}/admin/")
    page.fill("#id_username", name)
    page.fill("#id_password", PASSWORD)
    page.locator("input[type=submit]").click()
    expect(page.locator("#user-tools")).to_contain_text(name)


def no_violations_at_both_widths(page, name: str) -> None:
    for viewport, width in [(DESKTOP, "desktop"), (PHONE, "phone")]:
        page.set_viewport_size(viewport)
        no_violations(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], name
        screenshot(page, f"officer-{name}-{width}")
    page.set_viewport_size(DESKTOP)


def test_an_officer_works_from_the_home_list_and_sees_the_request_on_the_dashboard(page, site):
    request = join(page, site)  # through the public form, before anyone signs in
    page.goto(f"{site}/fr/search/?q=Funiculaires")
    expect(page.locator("main")).to_contain_text("Funiculaires")
    assert request.source == Signatory.Source.WEB
    officer = User.objects.create_user("officer", password=PASSWORD, is_staff=True)
    officer.groups.add(Group.objects.get(name=POLICY_OFFICERS))
    sign_in(page, site, "officer")

    waiting = page.locator("#curation-module")
    expect(waiting.get_by_role("link", name="Join requests to review: 1")).to_be_visible()
    no_violations_at_both_widths(page, "admin-home")
    waiting.get_by_role("link", name="Join requests to review: 1").click()
    expect(page).to_have_url(re.compile(r"/admin/signatories/signatory/\?status__exact=pending$"))
    expect(page.locator("#result_list")).to_contain_text("Web form")
    no_violations_at_both_widths(page, "requests-list")

    page.locator("#result_list").get_by_role("link", name=request.organisation).click()
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.locator(".messagelist")).to_contain_text("1 request approved.")

    page.get_by_role("link", name="Home").first.click()
    expect(waiting.get_by_role("link", name="Join requests to review: 0")).to_be_visible()
    dashboard = page.get_by_role("link", name=re.compile(r"^Dashboard: requests, "))
    expect(dashboard).to_have_text(
        "Dashboard: requests, profile updates, commitments, emails, searches, subscribers"
    )
    dashboard.click()

    this_month = timezone.localdate().strftime("%B %Y")
    by_month = page.locator("#requests-by-month")
    expect(by_month.locator("tbody tr")).to_have_count(1)  # the first web request's month
    expect(by_month.locator("tbody tr").first).to_contain_text(this_month)
    expect(by_month.locator("tbody tr td").last).to_have_text("1")
    expect(page.locator("#requests-heading + *")).not_to_contain_text("No join request")
    listed = page.locator("#signatories-listed")
    expect(listed.locator("tr", has_text="Web form").locator("td")).to_have_text("1")
    expect(listed.locator("tr", has_text="Loaded at setup").locator("td")).to_have_text("13")
    expect(page.locator("#content-heading")).to_have_count(0)  # drafts: a curator's
    no_violations_at_both_widths(page, "dashboard")

    page.locator("#searches-heading ~ * a", has_text="funiculaires").click()  # searched again
    expect(page).to_have_url(f"{site}/fr/search/?q=funiculaires")
    expect(page.locator("html")).to_have_attribute("lang", "fr")


def test_a_curator_finds_drafts_and_scheduled_items_from_the_dashboard(page, site):
    insight = Insight.objects.order_by("pk").first()
    insight.published_on = timezone.localdate() + datetime.timedelta(days=30)
    insight.save()
    curator = User.objects.create_user("curator", password=PASSWORD, is_staff=True)
    curator.groups.add(Group.objects.get(name=CONTENT_CURATORS))
    sign_in(page, site, "curator")

    link = "Dashboard: drafts, scheduled items, translations, reviews due, searches, subscribers"
    page.get_by_role("link", name=link).click()
    expect(page.locator("#requests-heading")).to_have_count(0)  # an officer's
    no_violations_at_both_widths(page, "curator-dashboard")
    page.get_by_role("link", name="Scheduled insights: 1").click()
    expect(page).to_have_url(re.compile(r"/admin/toolkit/insight/\?publication=scheduled$"))
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    expect(page.locator("#result_list")).to_contain_text(insight.title)
