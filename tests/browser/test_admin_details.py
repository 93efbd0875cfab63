"""Small things a curator meets in the admin: the slug follows the English title however it
is entered, whatever the language of the admin; the pages of statuses, history, restore,
review dates and figures pass axe on a desk and a phone."""

import datetime

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, screenshot
from tests.browser.test_curation_journeys import no_violations
from toolkit.models import Insight


@pytest.mark.parametrize(
    ("add_page", "admin_language"),
    [
        ("toolkit/insight", "en"),
        ("toolkit/theme", "fr"),
        ("initiatives/entry", "fr"),
        ("initiatives/programme", "en"),
    ],
)
def test_the_slug_follows_the_english_title_as_it_is_entered(
    curator, site, add_page, admin_language
):
    curator.set_extra_http_headers({"Accept-Language": admin_language})
    curator.goto(f"{site}/admin/{add_page}/add/")
    # fill() sends input events only, as pasting, dictation and input methods do
    curator.locator("#id_title_en").fill("Streets for people, not cars")
    expect(curator.locator("#id_slug")).to_have_value("streets-for-people-not-cars")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_admin_pages_of_statuses_history_reviews_and_figures_pass_axe(curator, site, viewport):
    insight = Insight.objects.order_by("pk").first()
    change = f"{site}/admin/toolkit/insight/{insight.pk}/change/"
    for title in ["A first title", "A clearer title"]:
        curator.goto(change)
        curator.fill("#id_title_en", title)
        curator.fill("#id_title_fr", f"{title} (fr)")
        curator.locator("input[name=_save]").click()
        expect(curator.locator(".messagelist")).to_be_visible()
    Insight.objects.filter(pk=insight.pk).update(
        review_by=datetime.date(2020, 1, 1), published_on=datetime.date(2099, 1, 1)
    )
    curator.set_viewport_size(viewport)
    pages = {
        "history": f"{change.removesuffix('change/')}history/",
        "list": f"{site}/admin/toolkit/insight/?publication=scheduled&review=due",
        "dashboard": f"{site}/admin/dashboard/",
    }
    for name, url in pages.items():
        curator.goto(url)
        no_violations(curator)
        screenshot(curator, f"admin-{name}-{viewport['width']}")
    curator.goto(pages["list"])
    expect(curator.locator("#result_list")).to_contain_text("Scheduled for")
    curator.goto(pages["history"])
    curator.locator("a", has_text="Restore this version").first.click()
    expect(curator.locator(".breadcrumbs")).to_contain_text("Restore this version")
    no_violations(curator)
