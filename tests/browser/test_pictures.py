"""Pictures in a real browser: a curator uploads one, the worker makes its renditions, and
a phone gets light pages with no layout shift and no accessibility violation."""

import random
from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.core.files import File
from django.core.management import call_command
from PIL import Image as PillowImage
from playwright.sync_api import expect

from media_library.models import Image, RenditionJob
from tests.browser.conftest import DESKTOP, PHONE, screenshot
from tests.browser.test_curation_journeys import no_violations
from toolkit.models import Insight, Theme
from toolkit_portal.roles import CONTENT_CURATORS

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


@pytest.fixture
def curator_in_role(page, site):
    """A page signed in as staff in the content curators' group (not a superuser)."""
    person = User.objects.create_user("picture-curator", password="a-long-password-1")
    person.is_staff = True
    person.save()
    person.groups.add(Group.objects.get(name=CONTENT_CURATORS))
    page.goto(f"{site}/admin/")
    page.fill("#id_username", "picture-curator")
    page.fill("#id_password", "a-long-password-1")
    page.locator("input[type=submit]").click()
    expect(page.locator("#user-tools")).to_contain_text("picture-curator")
    return page


def both_widths_pass_axe(page, name: str) -> None:
    for viewport, label in [(DESKTOP, "desktop"), (PHONE, "phone")]:
        page.set_viewport_size(viewport)
        no_violations(page)
        screenshot(page, f"{name}-{label}")
    page.set_viewport_size(DESKTOP)


def test_a_curator_fixes_a_mistake_without_choosing_the_picture_again(
    curator_in_role, site, tmp_path
):
    page = curator_in_role
    original = tmp_path / "market-square.jpg"
    photograph_like(original, size=(1600, 1000))
    page.goto(f"{site}/admin/media_library/image/add/")
    page.fill("#id_title", "Market square")
    page.set_input_files("#id_file", str(original))
    page.fill("#id_alt_text_en", "IMG_2041.jpg")  # the mistake: a file name, not a description
    page.fill("#id_credit", "Test picture made by the test")
    page.select_option("#id_licence", "cc0")
    page.locator("input[name=_save]").click()

    expect(page.locator(".errornote")).to_be_visible()
    expect(page.locator(".field-alt_text_en .errorlist")).to_contain_text("looks like a file name")
    expect(page.locator(".field-file")).to_contain_text(
        "The file you chose is kept: choose another only to replace it."
    )
    expect(page.locator(".field-file")).to_contain_text("market-square.jpg")
    preview = page.locator(".kept-file img")
    expect(preview).to_have_js_property("complete", True)
    assert preview.evaluate("img => img.naturalWidth") > 0  # the preview loaded
    assert page.locator("#id_file").get_attribute("required") is None
    assert not Image.objects.exists()
    both_widths_pass_axe(page, "admin-image-kept-after-a-mistake")

    page.fill("#id_alt_text_en", "Stalls and shoppers on a market square")  # French, Spanish: later
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("Market square")
    image = Image.objects.get()
    assert (image.width, image.height) == (1600, 1000)
    assert RenditionJob.objects.filter(image=image, status="pending").count() == 1
    expect(page.locator("#result_list")).to_contain_text("French missing")
    both_widths_pass_axe(page, "admin-image-list")
