"""Small things a curator meets in the admin: the slug follows the English title however it
is entered, whatever the language of the admin."""

import pytest
from playwright.sync_api import expect


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
