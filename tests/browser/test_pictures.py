"""Pictures in a real browser: a curator uploads one, the worker makes its renditions, and
a phone gets light pages with no layout shift and no accessibility violation."""

import random
from io import StringIO

import pytest
from django.core.files import File
from django.core.management import call_command
from PIL import Image as PillowImage
from playwright.sync_api import expect

from media_library.models import Image
from tests.browser.conftest import PHONE, screenshot
from tests.browser.test_curation_journeys import no_violations
from toolkit.models import Insight, Theme

pytestmark = pytest.mark.django_db(transaction=True)

WEIGHT_LIMIT = 300 * 1024


def photograph_like(path, size=(3000, 2000)) -> None:
    """A large, detailed picture that compresses about as badly as a photograph."""
    # Detail at a quarter of the size survives resizing to phone widths, as in a photograph.
    small = (size[0] // 4, size[1] // 4)
    noise = PillowImage.frombytes("RGB", small, random.randbytes(small[0] * small[1] * 3))
    noise = noise.resize(size, PillowImage.Resampling.BICUBIC)
    gradient = PillowImage.linear_gradient("L").resize(size).convert("RGB")
    PillowImage.blend(noise, gradient, 0.7).save(path, "JPEG", quality=95)


def transferred_bytes(page, url: str, scroll: bool = False) -> int:
    """Everything a first visit downloads, scrolled to the end so every lazy picture loads."""
    sizes = []
    page.on("requestfinished", lambda request: sizes.append(request.sizes()))
    page.goto(url, wait_until="networkidle")
    if scroll:
        for _ in range(40):
            page.mouse.wheel(0, 600)
            page.wait_for_timeout(50)
        page.wait_for_load_state("networkidle")
    return sum(s["responseBodySize"] + s["responseHeadersSize"] for s in sizes)


def test_a_curator_uploads_a_picture_and_phones_get_light_pages(curator, site, tmp_path, browser):
    page = curator
    original = tmp_path / "harbour.jpg"
    photograph_like(original)
    page.goto(f"{site}/admin/media_library/image/add/")
    page.fill("#id_title", "Harbour")
    page.set_input_files("#id_file", str(original))
    page.fill("#id_alt_text_en", "Houses along a harbour at dusk")
    page.fill("#id_alt_text_fr", "Des maisons le long d'un port au crépuscule")
    page.fill("#id_alt_text_es", "Casas a lo largo de un puerto al atardecer")
    page.fill("#id_credit", "Test picture made by the test")
    page.select_option("#id_licence", "cc0")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("Harbour")
    no_violations(page)

    image = Image.objects.get()
    assert original.stat().st_size > 1_000_000  # the original is heavy...
    call_command("run_worker", "--once", stdout=StringIO())
    theme = Theme.objects.order_by("position").first()
    Theme.objects.filter(pk=theme.pk).update(image=image)
    insights = Insight.objects.published().filter(theme=theme)
    for n, insight in enumerate(insights):  # a picture of its own for each card
        photograph_like(tmp_path / f"{n}.jpg", size=(1600, 1200))
        card = Image(title=f"Card {n}", credit="Test", licence="cc0", decorative=True)
        card.file.save(f"card-{n}.jpg", File((tmp_path / f"{n}.jpg").open("rb")))
        Insight.objects.filter(pk=insight.pk).update(image=card)
    call_command("run_worker", "--once", stdout=StringIO())
    call_command("clear_page_cache", stdout=StringIO())

    for url in (theme.get_absolute_url(), insights.first().get_absolute_url()):
        phone = browser.new_page(viewport=PHONE)  # a first visit: nothing in its cache
        weight = transferred_bytes(phone, f"{site}{url}", scroll=True)
        assert weight <= WEIGHT_LIMIT, (url, weight)  # ...the phone gets renditions
        pictures = phone.locator("picture img")
        assert pictures.count() >= 1
        for img in pictures.all():
            assert img.get_attribute("width") and img.get_attribute("height")
        expect(pictures.first).to_have_js_property("complete", True)
        assert pictures.first.evaluate("img => img.currentSrc").split("/")[-1].endswith(".webp")
        no_violations(phone)
        screenshot(phone, f"pictures-phone-{url.strip('/').replace('/', '-')}")
        phone.close()
