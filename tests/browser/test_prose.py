"""What writers put in a Markdown body (quotations, tables, code) is styled for readers,
fits a phone without sideways scrolling, and passes axe."""

import pytest

from tests.browser.conftest import DESKTOP, PHONE, screenshot
from tests.browser.test_accessibility import WCAG_AA, axe
from tests.factories import make_insight
from toolkit.models import Theme

pytestmark = pytest.mark.django_db(transaction=True)

BODY = """Cities said it plainly:

> Public space is where a city meets itself, and it has to work for everyone who lives
> there, in every neighbourhood.

| Measure | Where it applies | What it asks of the metropolitan government and its partners |
| --- | --- | --- |
| Wider pavements | Every district | Space taken from parked cars and given back to walking |
| Open streets | Weekends | A street closed to through traffic, open to people |

Run `python manage.py load_content` and then:

    a_very_long_line_of_code_that_would_push_the_page_sideways_on_a_phone_if_it_did_not_wrap = True
"""


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_quotations_tables_and_code_are_styled_and_fit_a_phone(page, site, viewport):
    insight = make_insight(theme=Theme.objects.first(), title="Streets for people", body=BODY)
    page.set_viewport_size(viewport)
    page.goto(f"{site}{insight.get_absolute_url()}")

    quote = page.locator(".prose blockquote")
    assert quote.evaluate("e => getComputedStyle(e).borderLeftWidth") == "4px"
    assert quote.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    cell = page.locator(".prose td").first
    assert cell.evaluate("e => getComputedStyle(e).borderBottomStyle") == "solid"
    assert page.locator(".prose pre").evaluate("e => getComputedStyle(e).whiteSpace") == "pre-wrap"
    assert "monospace" in page.locator(".prose p code").evaluate(
        "e => getComputedStyle(e).fontFamily"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert axe.run(page, options=WCAG_AA).response["violations"] == []
    screenshot(page, f"prose-{viewport['width']}")
