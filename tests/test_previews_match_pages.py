"""A preview is made by the same function as its public page: section by section, the
preview of a published item shows what its page shows."""

import re

import pytest

from commitments.models import Commitment
from signatories.models import Signatory
from tests.factories import make_entry, make_insight, make_programme, make_theme

SECTION = re.compile(r"<section\b.*?</section>", re.S)
HEADING = re.compile(r"<h2[^>]*>(.*?)</h2>", re.S)


def sections(body: str) -> list[tuple[str, str]]:
    main = body[body.index("<main") : body.index("</main>")]
    found = []
    for section in SECTION.findall(main):
        heading = HEADING.search(section)
        text = " ".join(re.sub(r"<[^>]+>", " ", section).split())
        found.append((heading.group(1).strip() if heading else "", text))
    return found


@pytest.fixture
def area_with_everything(db):
    theme = make_theme(title="Public space and housing")
    make_insight(theme=theme, title="Streets for people", tags=["streets"])
    make_entry(themes=[theme], title="A city practice")
    city = Signatory.objects.create(
        organisation="Example Metropolis", kind="government", country="FR",
        contact_name="A Person", contact_email="person@example.org", status="approved",
    )  # fmt: skip
    city.themes.set([theme])
    Commitment.objects.create(signatory=city, theme=theme, statement="Safe streets")
    return theme


@pytest.mark.django_db
def test_an_area_preview_shows_every_section_of_its_page(admin_client, area_with_everything):
    theme = area_with_everything
    page = sections(admin_client.get(theme.get_absolute_url()).content.decode())
    preview = admin_client.get(f"/admin/toolkit/theme/{theme.pk}/change/preview/")
    assert [h for h, _ in page] == [h for h, _ in sections(preview.content.decode())]
    assert page == sections(preview.content.decode())
    headings = " ".join(h for h, _ in page)
    assert "Institutions committed" in headings and "Example Metropolis" in str(page)


@pytest.mark.django_db
def test_a_programme_preview_shows_every_section_of_its_page(admin_client, area_with_everything):
    programme = make_programme(title="Learning from Cities")
    make_entry(programme=programme, title="Lessons from a city", country="FR", date="2021-05-01")
    page = sections(admin_client.get(programme.get_absolute_url()).content.decode())
    preview = admin_client.get(f"/admin/initiatives/programme/{programme.pk}/change/preview/")
    assert page and page == sections(preview.content.decode())
