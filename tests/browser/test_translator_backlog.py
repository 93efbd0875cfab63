"""A translator's day in a real browser (issue 26): from the admin home's backlog to the
filtered list, to the Translations page, a French PO file out and back in, and the count
goes down; the pages they read have no accessibility violation on a desk or a phone."""

import re

import polib
import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.browser.test_curation_journeys import no_violations
from toolkit.models import Insight, Theme
from toolkit_portal.roles import TRANSLATORS

pytestmark = pytest.mark.django_db(transaction=True)

NEW = "Shade in public squares"


@pytest.fixture
def translator(page, site):
    """A page signed in to the admin as a member of the Translators group, and an insight
    just written in English, with no French at all."""
    Insight.objects.create(
        theme=Theme.objects.order_by("position").first(),
        title=NEW,
        slug="shade-in-public-squares",
        summary="Trees and awnings keep squares usable in the heat.",
        body="Squares with shade are used all day.",
    )
    user = User.objects.create_user("translator", password="a-long-password-1", is_staff=True)
    user.groups.add(Group.objects.get(name=TRANSLATORS))
    page.goto(f"{site}/admin/")
    page.fill("#id_username", "translator")
    page.fill("#id_password", "a-long-password-1")
    page.locator("input[type=submit]").click()
    expect(page.locator("#user-tools")).to_contain_text("translator")
    return page


def insights_missing_in_french(page) -> int:
    row = page.locator("#backlog-fr tbody tr", has=page.locator("th", has_text="Insights"))
    return int(row.locator("td").first.inner_text())


def test_a_translator_works_from_the_backlog_to_a_po_file_and_back(translator, site, tmp_path):
    page = translator
    french = page.locator("#curation-module #backlog-fr")
    expect(french).to_contain_text("Translations into French:")
    insights = french.locator("li", has_text="Insights")
    insights.get_by_role("link", name=re.compile(r"^\d+ missing$")).click()
    expect(page).to_have_url(re.compile(r"/admin/toolkit/insight/\?translation_fr=missing$"))
    expect(page.locator("#result_list")).to_contain_text(NEW)

    page.locator(".breadcrumbs a", has_text="Home").click()
    page.locator("#staff-pages-module a", has_text="Translations:").click()
    expect(page.locator("h1")).to_have_text("Translations")
    before = insights_missing_in_french(page)
    assert before >= 1

    with page.expect_download() as download:
        page.locator("#backlog-fr a[href='?export=fr']").click()
    po = polib.pofile(download.value.path().read_text(encoding="utf-8"))
    new = Insight.objects.get(slug="shade-in-public-squares")
    for entry in po:
        if entry.msgctxt.startswith(f"toolkit.insight:{new.pk}:"):
            entry.msgstr = f"FR {entry.msgid}"
    path = tmp_path / "fr.po"
    po.save(str(path))

    page.select_option("#id_language", "fr")
    page.set_input_files("#id_file", str(path))
    page.locator("input[type=submit][value='Check the file']").click()
    expect(page.locator("#content")).to_contain_text(f"FR {NEW}")
    page.locator("input[type=submit][value='Apply these changes']").click()

    expect(page).to_have_url(f"{site}/admin/translations/")
    expect(page.locator(".messagelist")).to_contain_text("Translations into French applied:")
    assert insights_missing_in_french(page) == before - 1
    new.refresh_from_db()
    assert new.translation_status("fr") == "complete"


@pytest.mark.parametrize("width", [1280, 375])
def test_the_admin_home_and_the_translations_page_have_no_violations(translator, site, width):
    page = translator
    page.set_viewport_size({"width": width, "height": 900})
    for path in ["/admin/", "/admin/translations/"]:
        page.goto(site + path)
        no_violations(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        screenshot(page, f"translator-{path.strip('/').replace('/', '-')}-{width}")
