"""Places: matched from signatories and entries, their pages, feeds, links both ways."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.management import call_command
from django.utils.text import slugify

from commitments.models import Commitment, Milestone
from places.matching import match_all
from places.models import EntryPlace, Place, SignatoryPlace
from signatories.models import Signatory, unidecode_ascii
from tests.factories import make_entry, make_insight, make_programme
from tests.search.test_every_kind import found


def approved(name, country, city="", **fields):
    return Signatory.objects.create(
        organisation=name, slug=slugify(unidecode_ascii(name)), kind="government",
        country=country, city=city, status="approved", **fields,
    )  # fmt: skip


@pytest.fixture
def montreal(db):
    return Place.objects.create(
        country="CA", slug="montreal", name_en="Montréal", name_fr="Montréal",
        name_es="Montreal", aliases="Montreal\nVille de Montréal",
    )  # fmt: skip


@pytest.fixture
def quebec(db):
    return Place.objects.create(country="CA", slug="quebec", name_en="Québec City")


def place_of(signatory):
    return SignatoryPlace.objects.get(signatory=signatory).place


@pytest.mark.django_db
def test_a_signatory_is_matched_by_any_name_without_accents_or_capitals(montreal):
    assert place_of(approved("City of Montreal", "CA", "MONTREAL")) == montreal
    assert place_of(approved("Ville de Montréal", "CA")) == montreal  # by its name
    assert place_of(approved("Montreal Institute", "FR", "Montreal")) is None  # other country
    assert place_of(approved("Toronto", "CA", "Toronto")) is None


@pytest.mark.django_db
def test_a_new_place_or_alias_matches_what_nothing_matched(montreal):
    laval = approved("Laval", "CA", "Laval")
    assert place_of(laval) is None
    montreal.aliases += "\nLaval"
    montreal.save()
    assert place_of(laval) == montreal
    montreal.aliases = "Montreal"
    montreal.save()
    assert place_of(laval) is None


@pytest.mark.django_db
def test_an_entry_is_matched_by_its_city(montreal):
    entry = make_entry(city="Montréal", country="CA")
    assert EntryPlace.objects.get(entry=entry).place == montreal
    other = make_entry(city="", country="CA")
    assert EntryPlace.objects.get(entry=other).place is None


@pytest.mark.django_db
def test_a_link_staff_set_is_kept(montreal, quebec):
    signatory = approved("Somewhere", "CA", "Montreal")
    SignatoryPlace.objects.filter(signatory=signatory).update(place=quebec, by_staff=True)
    signatory.save()
    match_all()
    assert place_of(signatory) == quebec


@pytest.mark.django_db
def test_the_place_page_shows_signatories_commitments_entries_insights_and_neighbours(
    client, montreal, quebec, theme
):
    signatory = approved("Montréal", "CA", "Montréal")
    commitment = Commitment.objects.create(
        signatory=signatory, theme=theme, statement="Wider pavements", status="under_way"
    )
    Milestone.objects.create(
        commitment=commitment, happened_on=datetime.date(2026, 3, 1), text="Ten streets done"
    )
    Milestone.objects.create(
        commitment=commitment, happened_on=datetime.date(2025, 3, 1), text="Older news"
    )
    Signatory.objects.create(organisation="Pending", kind="other", country="CA", city="Montreal")
    insight = make_insight(theme=theme, title="Streets for people")
    entry = make_entry(city="Montreal", country="CA", title="Open streets")
    entry.insights.set([insight])
    make_entry(city="Montreal", country="CA", title="A draft", status="draft")
    html = client.get("/places/ca/montreal/").content.decode()
    assert "<h1>Montréal</h1>" in html
    assert signatory.get_absolute_url() in html
    assert "Under way" in html and "Ten streets done" in html and "Older news" not in html
    assert "Pending" not in html
    assert "Open streets" in html and "A draft" not in html
    assert "Streets for people" in html
    assert quebec.get_absolute_url() in html
    assert 'property="og:title"' in html
    assert 'type="application/atom+xml"' in html and "/places/ca/montreal/feed.atom" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "name", "words"),
    [
        ("/fr", "Montréal", ["1 signataire", "Canada", "Pratiques urbaines d’ici", "Lieux"]),
        ("/es", "Montreal", ["1 firmante", "Canadá", "Prácticas urbanas de aquí", "Lugares"]),
    ],
)
def test_place_pages_read_in_french_and_spanish(client, montreal, prefix, name, words):
    approved("Montréal", "CA", "Montréal")
    html = client.get(f"{prefix}/places/ca/montreal/").content.decode()
    assert f"<h1>{name}</h1>" in html
    for word in words:
        assert word in html


@pytest.mark.django_db
def test_the_country_page_lists_its_places_and_what_no_place_holds(client, montreal, quebec):
    approved("Montréal", "CA", "Montréal")
    approved("Canadian Network", "CA")
    html = client.get("/places/ca/").content.decode()
    assert montreal.get_absolute_url() in html and quebec.get_absolute_url() in html
    assert "Canadian Network" in html
    assert "1 signatory" in html
    assert "Other signatories in Canada" in html
    approved("Chicago Council", "US")
    alone = client.get("/fr/places/us/").content.decode()
    assert "Signataires dans ce pays" in alone and "Autres" not in alone
    assert "Chicago Council" in alone
    index = client.get("/places/").content.decode()
    assert 'href="/places/ca/"' in index and montreal.get_absolute_url() in index


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/places/xx/", "/places/CA/", "/places/ca/nowhere/", "/places/CA/montreal/",
        "/places/gb/", "/places/c%00a/", "/places/ca/mont%00real/",
        "/places/ca/" + "m" * 5000 + "/", "/places/" + "c" * 3000 + "/",
        "/places/ca/montreal/x/", "/places/ca/nowhere/feed.atom",
        "/fr/places/zz/", "/es/places/ca/%F0%9F%98%80/",
    ],
)  # fmt: skip
def test_unknown_places_answer_404(client, montreal, url):
    assert client.get(url).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["page=%00", "page=99999999999999999999999", "entries_page=-1", "page=" + "9" * 5000]
)
def test_odd_page_numbers_never_fail(client, montreal, query):
    approved("Montréal", "CA", "Montréal")
    assert client.get(f"/places/ca/montreal/?{query}").status_code in (200, 400)


@pytest.mark.django_db
def test_the_atom_feed_has_the_places_entries_and_updates(client, montreal, theme):
    signatory = approved("Montréal", "CA", "Montréal")
    commitment = Commitment.objects.create(signatory=signatory, theme=theme, statement="S")
    Milestone.objects.create(commitment=commitment, happened_on="2026-01-02", text="Trees planted")
    make_entry(city="Montreal", country="CA", title="Open streets")
    make_entry(city="Lyon", country="FR", title="Elsewhere")
    response = client.get("/places/ca/montreal/feed.atom")
    xml = response.content.decode()
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "Open streets" in xml and "Trees planted" in xml and "Elsewhere" not in xml


@pytest.mark.django_db
def test_profiles_and_entries_link_to_their_place(client, montreal):
    signatory = approved("Montréal", "CA", "Montréal")
    entry = make_entry(city="Montreal", country="CA", programme=make_programme(slug="talks"))
    assert (
        'href="/places/ca/montreal/"' in client.get(signatory.get_absolute_url()).content.decode()
    )
    assert 'href="/places/ca/montreal/"' in client.get(entry.get_absolute_url()).content.decode()
    assert (
        'href="/fr/places/ca/montreal/"'
        in client.get("/fr" + signatory.get_absolute_url()).content.decode()
    )


@pytest.mark.django_db
def test_the_map_leads_to_countries_and_places(client, montreal):
    approved("Montréal", "CA", "Montréal", latitude=45.5, longitude=-73.57)
    approved("Toronto", "CA", "Toronto", latitude=43.65, longitude=-79.38)
    html = client.get("/signatories/map/").content.decode()
    assert '<a href="/places/ca/" aria-label="Canada: 2 signatories">' in html
    assert 'href="/places/ca/montreal/" aria-label="Montréal: 1 signatory"' in html
    assert html.count('<use href="#city"') == 2  # Toronto's mark is not a link


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "prefix", "label", "title"),
    [
        ("Montreal", "", "Place", "Montréal"),
        ("Ville de Montreal", "", "Place", "Montréal"),
        ("Barcelone", "/fr", "Lieu", "Barcelone"),
        ("Barcelona", "/es", "Lugar", "Barcelona"),
    ],
)
def test_search_finds_a_place_by_any_of_its_names_first(
    client, montreal, query, prefix, label, title
):
    Place.objects.create(
        country="ES",
        slug="barcelona",
        name_en="Barcelona",
        name_fr="Barcelone",
        name_es="Barcelona",
    )
    make_entry(title="Montreal and Barcelona: open streets", summary="Montreal Barcelone")
    assert found(client, f"{prefix}/search/", q=query)[0] == ("best", label, title)


@pytest.mark.django_db
def test_open_data_gives_the_place_of_signatories_and_entries(client, montreal):
    approved("Montréal", "CA", "Montréal")
    approved("Toronto", "CA", "Toronto")
    make_entry(city="Montreal", country="CA", slug="open-streets")
    signatories = json.loads(client.get("/data/signatories.json").content)["items"]
    assert {s["organisation"]: s["place"] for s in signatories} == {
        "Montréal": "ca/montreal", "Toronto": ""
    }  # fmt: skip
    entries = json.loads(client.get("/data/entries.json").content)["items"]
    assert entries[0]["place"] == "ca/montreal"


@pytest.mark.django_db
def test_the_sitemap_lists_places_and_countries(client, montreal):
    approved("Montréal", "CA", "Montréal")
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-places.xml" in index and "sitemap-countries.xml" in index
    assert "/places/ca/montreal/" in client.get("/sitemap-places.xml").content.decode()
    assert "/fr/places/ca/" in client.get("/sitemap-countries.xml").content.decode()


@pytest.mark.django_db
def test_staff_link_what_no_place_matched_from_the_list(admin_client, montreal):
    toronto = approved("Toronto", "CA", "Toronto")
    approved("Montréal", "CA", "Montréal")
    listing = admin_client.get("/admin/places/signatoryplace/?matched=no").content.decode()
    assert "Toronto" in listing and ">Montréal<" not in listing
    data = {
        "form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-0-signatory": str(toronto.pk),
        "form-0-place": str(montreal.pk), "_save": "Save",
    }  # fmt: skip
    response = admin_client.post("/admin/places/signatoryplace/?matched=no", data)
    assert response.status_code == 302
    link = SignatoryPlace.objects.get(signatory=toronto)
    assert link.place == montreal and link.by_staff


@pytest.mark.django_db
def test_starting_content_gives_places_only_where_the_facts_do():
    call_command("load_content", verbosity=0)
    placed = dict(SignatoryPlace.objects.values_list("signatory__organisation", "place__slug"))
    assert placed == {
        "Berlin": "berlin", "Barcelona Metropolitan Area (AMB)": "barcelona",
        "Gauteng Province": "gauteng", "Guangzhou": "guangzhou", "Montevideo": "montevideo",
        "Montréal": "montreal", "Bogotá": "bogota",
        "Barcelona Metropolitan Strategic Plan (PEMB)": "barcelona",
        "Chicago Council on Global Affairs": None, "Global and Local": None, "KlipSa": None,
        "L'Institut Paris Region": None, "SmartURBuild": None,
    }  # fmt: skip
    entries = dict(
        EntryPlace.objects.filter(place__isnull=False).values_list("entry__city", "place__slug")
    )
    assert entries == {"Berlin": "berlin", "Bilbao": "bilbao", "Lima": "lima", "Mersin": "mersin"}
    assert not Place.objects.filter(signatoryplace=None, entryplace=None).exists()  # none unused
    assert not Place.objects.filter(latitude__isnull=False).exists()  # no source gives them
    call_command("load_content", verbosity=0)
    assert Place.objects.count() == 10


def add_people(place_country: str, start: int, count: int, theme) -> None:
    for n in range(start, start + count):
        signatory = approved(f"Institution {n}", place_country, "Montreal")
        commitment = Commitment.objects.create(signatory=signatory, theme=theme, statement="S")
        Milestone.objects.create(commitment=commitment, happened_on="2026-01-02", text=f"U{n}")
        make_entry(city="Montreal", country=place_country, slug=f"entry-{n}").insights.set(
            [make_insight(theme=theme)]
        )


@pytest.mark.django_db
def test_place_pages_cost_the_same_for_2_and_20_signatories_and_entries(
    client, montreal, quebec, theme, settings, count_queries
):
    settings.PAGE_CACHE = False
    urls = ["/places/", "/places/ca/", "/places/ca/montreal/", "/places/ca/montreal/feed.atom",
            "/fr/places/ca/montreal/"]  # fmt: skip
    add_people("CA", 0, 2, theme)
    few = {url: count_queries(client, url) for url in urls}
    add_people("CA", 2, 18, theme)
    from django.core.cache import cache

    cache.clear()
    many = {url: count_queries(client, url) for url in urls}
    assert many == few


@pytest.mark.django_db
def test_a_place_saved_in_the_admin_keeps_a_version_and_matches_at_once(admin_client):
    toronto = approved("Toronto", "CA", "Toronto")
    form = {"country": "CA", "name_en": "Toronto", "name_fr": "Toronto", "name_es": "Toronto",
            "slug": "toronto", "aliases": "City", "latitude": "", "longitude": ""}  # fmt: skip
    response = admin_client.post("/admin/places/place/add/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    place = Place.objects.get(slug="toronto")
    assert place_of(toronto) == place
    history = admin_client.get(f"/admin/places/place/{place.pk}/history/")
    assert history.status_code == 200 and "Toronto" in history.content.decode()
    bad = admin_client.post("/admin/places/place/add/", {**form, "slug": "x", "latitude": "91"})
    assert bad.status_code == 200 and Place.objects.count() == 1


@pytest.mark.django_db
def test_a_curator_deletes_an_entry_with_its_place_link(client, montreal, django_user_model):
    from django.contrib.auth.models import Group

    from toolkit_portal.roles import CONTENT_CURATORS, keep_staff_groups_in_step

    keep_staff_groups_in_step()
    curator = django_user_model.objects.create_user("curator", is_staff=True)
    curator.groups.add(Group.objects.get(name=CONTENT_CURATORS))
    client.force_login(curator)
    entry = make_entry(city="Montreal", country="CA")
    assert EntryPlace.objects.filter(entry=entry).exists()
    client.post(f"/admin/initiatives/entry/{entry.pk}/delete/", {"post": "yes"})
    assert not EntryPlace.objects.exists() and not type(entry).objects.exists()
    listing = client.get("/admin/places/entryplace/").content.decode()
    assert 'value="delete_selected"' not in listing  # links are never deleted from the list
