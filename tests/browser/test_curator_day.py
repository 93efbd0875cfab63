"""A curator's day, walked in one go as JOURNEYS.md describes it: a picture uploaded with a
mistake and saved without choosing it again, a draft written with it, previewed in French,
shared with a reviewer, scheduled, edited and an older version restored; axe on each page."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from publishing.models import ShareLink
from tests.browser.conftest import screenshot
from tests.browser.test_curation_journeys import no_violations
from tests.browser.test_pictures import photograph_like
from toolkit.models import Insight, Theme

pytestmark = pytest.mark.django_db(transaction=True)

BODY = "> Streets are for people first.\n\nWider pavements, fewer cars."


def test_a_curator_writes_previews_shares_schedules_and_restores(curator, site, browser, tmp_path):
    page = curator
    photograph_like(tmp_path / "street.jpg", size=(1600, 1000))
    page.goto(f"{site}/admin/media_library/image/add/")
    page.set_input_files("#id_file", str(tmp_path / "street.jpg"))
    page.fill("#id_alt_text_en", "A wide pavement with people walking")
    page.fill("#id_credit", "Test picture made by the test")
    page.select_option("#id_licence", "cc0")
    page.locator("input[name=_save]").click()  # the title is missing
    expect(page.locator(".errornote")).to_be_visible()
    expect(page.locator("#content-main")).to_contain_text("The file you chose is kept")
    page.fill("#id_title", "A wide pavement")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("A wide pavement")

    theme = Theme.objects.order_by("position").first()
    page.goto(f"{site}/admin/toolkit/insight/add/")
    page.select_option("#id_theme", str(theme.pk))
    page.fill("#id_title_en", "Streets for people")
    expect(page.locator("#id_slug")).to_have_value("streets-for-people")
    page.fill("#id_summary_en", "Give streets back to walking.")
    page.fill("#id_body_en", BODY)
    page.select_option("#id_image", label="A wide pavement")
    page.select_option("#id_status", "draft")
    no_violations(page)
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_contain_text("Streets for people")
    insight = Insight.objects.get(slug="streets-for-people")

    with page.context.expect_page() as tab:
        page.locator("button[formaction*='preview/?lang=fr']").click()
    preview = tab.value
    expect(preview.locator(".preview-notice")).to_be_visible()
    expect(preview.locator("h1")).to_have_text("Streets for people")
    expect(preview.locator(".prose blockquote")).to_contain_text("Streets are for people")
    preview.close()

    page.locator("button", has_text="Create a share link").click()
    reviewer = browser.new_page()
    reviewer.goto(site + ShareLink.objects.get().get_absolute_url())
    expect(reviewer.locator("h1")).to_have_text("Streets for people")
    reviewer.close()

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    page.select_option("#id_status", "published")
    page.fill("#id_published_on", tomorrow.isoformat())
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_contain_text("Scheduled for")
    assert page.request.get(f"{site}{insight.get_absolute_url()}").status == 404  # not yet

    page.fill("#id_title_en", "Streets for everyone")
    page.locator("input[name=_continue]").click()
    page.goto(f"{site}/admin/toolkit/insight/{insight.pk}/history/")
    expect(page.locator(".version-changes").first).to_contain_text("Streets for everyone")
    no_violations(page)
    page.locator("a", has_text="Restore this version").first.click()
    expect(page.locator("#id_title_en")).to_have_value("Streets for people")
    page.locator("input[name=_save]").click()
    expect(page.locator("#result_list")).to_contain_text("Scheduled for")
    insight.refresh_from_db()
    assert (insight.title, insight.published_on) == ("Streets for people", tomorrow)
    screenshot(page, "curator-day-list")
