"""What a reader meets on pages that are easy to overlook: the search page's own box and
the map, in a real browser."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_search_page_box_is_a_styled_field_as_wide_as_its_neighbours(page, site, viewport):
    page.set_viewport_size(viewport)
    page.goto(f"{site}/search/?q=care")
    box, menu = page.locator("#id_q"), page.locator("#id_type")
    expect(box).to_be_visible()
    assert box.evaluate("e => getComputedStyle(e).borderTopWidth") == "2px"
    assert box.evaluate("e => getComputedStyle(e).paddingLeft") != "1px"
    assert box.bounding_box()["width"] >= min(0.6 * viewport["width"], 320)
    assert box.bounding_box()["height"] >= menu.bounding_box()["height"] - 1
    screenshot(page, f"search-page-{viewport['width']}")
