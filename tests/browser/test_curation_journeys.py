"""Curators, reviewers and translators in a real browser: edit, compare, restore, preview;
open a share link, then a revoked one; export, import with a dry run, and the notice goes."""

import polib
import pytest
from playwright.sync_api import expect

from publishing.models import ShareLink
from tests.browser.conftest import screenshot
from tests.browser.test_accessibility import WCAG_AA, axe
from toolkit.models import Insight

pytestmark = pytest.mark.django_db(transaction=True)


def no_violations(page) -> None:
    results = axe.run(page, options=WCAG_AA)
    found = [
        f"{v['id']}: {v['help']} {[node['html'][:160] for node in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]
    assert not found, (page.url, found)


def test_a_curator_edits_compares_restores_and_previews(curator, site):
    page = curator
    insight = Insight.objects.order_by("pk").first()
    original = insight.title_en
    change = f"{site}/admin/toolkit/insight/{insight.pk}/change/"
    for title in [original, "A clearer title"]:  # the first save records the original
        page.goto(change)
        page.fill("#id_title_en", title)
        page.locator("input[name=_save]").click()
        expect(page.locator(".messagelist")).to_be_visible()

    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(change)
    english, french = (
        page.locator("#id_title_en").bounding_box(),
        page.locator("#id_title_fr").bounding_box(),
    )
    assert french["x"] > english["x"] and abs(french["y"] - english["y"]) < 5  # side by side
    screenshot(page, "admin-insight-languages-side-by-side")
    no_violations(page)
    page.fill("#id_title_en", "Not saved yet")
    with page.context.expect_page() as preview_tab:
        page.locator("button[formaction*='preview/?lang=en']").click()
    preview = preview_tab.value
    expect(preview.locator("h1")).to_have_text("Not saved yet")
    expect(preview.locator(".preview-notice")).to_be_visible()
    preview.close()

    page.goto(f"{change.removesuffix('change/')}history/")
    expect(page.locator("#content")).to_contain_text("A clearer title")
    no_violations(page)
    page.locator("a", has_text="Restore this version").first.click()
    expect(page.locator("#id_title_en")).to_have_value(original)
    page.locator("input[name=_save]").click()
    page.goto(f"{site}{insight.get_absolute_url()}")
    expect(page.locator("h1")).to_have_text(original)


def test_a_reviewer_opens_a_share_link_and_a_revoked_one_fails(curator, site, browser):
    page = curator
    draft = Insight.objects.order_by("pk").first()
    Insight.objects.filter(pk=draft.pk).update(status="draft", title_en="Draft under review")
    page.goto(f"{site}/admin/toolkit/insight/{draft.pk}/change/")
    page.locator("button", has_text="Create a share link").click()
    expect(page.locator(".share-links")).to_contain_text("active")
    no_violations(page)
    url = site + ShareLink.objects.get().get_absolute_url()

    reviewer = browser.new_page()  # no account, no session
    reviewer.goto(url)
    expect(reviewer.locator("h1")).to_have_text("Draft under review")
    page.locator(".share-links button", has_text="Revoke").click()
    expect(page.locator(".share-links")).to_contain_text("revoked")
    response = reviewer.goto(url)
    assert response.status == 404
    reviewer.close()


def test_a_translator_exports_imports_with_a_dry_run_and_the_notice_goes(curator, site, tmp_path):
    page = curator
    insight = Insight.objects.order_by("pk").first()
    insight.body_en = "An English body rewritten after the translation."
    insight.save()
    page.goto(f"{site}/fr{insight.get_absolute_url()}")
    expect(page.locator("[data-stale-translation]")).to_be_visible()

    page.goto(f"{site}/admin/translations/")
    no_violations(page)
    with page.expect_download() as download:
        page.locator("a[href='?export=fr']").click()
    po = polib.pofile(download.value.path().read_text(encoding="utf-8"))
    for entry in po:
        if entry.msgctxt == f"toolkit.insight:{insight.pk}:body":
            entry.msgstr, entry.flags = "Un corps français à jour.", []
    path = tmp_path / "fr.po"
    po.save(str(path))

    page.select_option("#id_language", "fr")
    page.set_input_files("#id_file", str(path))
    page.locator("input[type=submit]").click()
    expect(page.locator("#content")).to_contain_text("Un corps français à jour.")
    no_violations(page)
    insight.refresh_from_db()
    assert insight.translation_status("fr") == "out_of_date"  # a dry run writes nothing
    page.locator("input[type=submit][value]").last.click()
    page.goto(f"{site}/fr{insight.get_absolute_url()}")
    expect(page.locator("[data-stale-translation]")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("Un corps français à jour.")


def test_the_admin_index_and_the_dashboard_have_no_violations(curator, site):
    for path in ["/admin/", "/admin/dashboard/"]:
        curator.goto(site + path)
        no_violations(curator)


@pytest.mark.parametrize("width", [1280, 375])
def test_the_admin_home_reads_at_a_glance(curator, site, width):
    """Section bars one line high, what waits first, recent actions in sight on a desk."""
    curator.set_viewport_size({"width": width, "height": 900})
    curator.goto(f"{site}/admin/")
    bars = curator.locator("#content-main caption, #content-main .module > h2")
    heights = [box["height"] for box in (bar.bounding_box() for bar in bars.all())]
    assert heights and max(heights) < 50, heights
    first = curator.locator("#content-main .module").first
    expect(first).to_have_id("curation-module")
    if width == 1280:
        assert curator.locator("#recent-actions-module").bounding_box()["y"] < 300
    assert curator.evaluate("document.documentElement.scrollWidth") <= width
    no_violations(curator)
