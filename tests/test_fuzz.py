"""Property-based tests: whatever a client sends, the portal never answers with a 5xx.

FUZZ_EXAMPLES (default 1000) sets how many inputs the cheapest properties try; each
costlier one tries a share of it (`fuzz(share)`), so the file runs in a few minutes per
database. A deeper run: FUZZ_EXAMPLES=10000.
"""

import os
import re
import time
from urllib.parse import quote, urlencode

import pytest
from django.contrib.auth.models import Group, User
from django.core.signing import Signer
from django.test import override_settings
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from lib.spam import STARTED_SALT
from places.models import Place
from signatories.models import Signatory
from tests.factories import make_entry, make_insight, make_programme
from toolkit_portal.roles import POLICY_OFFICERS

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "1000"))


def fuzz(share: float) -> settings:
    """A property's budget: `share` of FUZZ_EXAMPLES, smaller where one example costs more
    (a whole admin save, an upload, a page with every filter)."""
    return settings(
        max_examples=max(10, int(EXAMPLES * share)),
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


text = st.text(st.characters(codec="utf-8"), max_size=300)
# Numbers a database cannot store (SQLite and PostgreSQL stop at 64 bits), as text.
out_of_range = st.one_of(
    st.integers(min_value=2**63 - 2, max_value=2**80),
    st.integers(min_value=-(2**80), max_value=-(2**63) + 2),
).map(str)
numbers = st.one_of(
    st.integers().map(str), out_of_range, st.sampled_from(["1e999", "-0", "9" * 400])
)
odd = st.sampled_from(
    ["", "0", "-1", "1e9", "care", "PE", "2021", "%", "\x00", "a\x00b", "x" * 20_000]
)
values = st.one_of(text, numbers, odd)


@pytest.fixture
def world(theme):
    make_insight(theme=theme, title="Heat and care", tags=["care"])
    make_entry(make_programme(slug="metrotalks"), title="A talk", themes=[theme], country="PE")


def get(client, path, params):
    response = client.get(f"{path}?{urlencode(params)}")
    assert response.status_code < 500, (path, params)
    return response


@pytest.mark.django_db
@fuzz(0.5)
@given(q=text, kind=values, theme=values, page=values)
def test_search_never_fails(client, world, q, kind, theme, page):
    get(client, "/search/", {"q": q, "type": kind, "theme": theme, "page": page})


@pytest.mark.django_db
@fuzz(0.3)
@given(theme=values, country=values, year=values, page=values)
def test_programme_filters_never_fail(client, world, theme, country, year, page):
    get(client, "/initiatives/metrotalks/", {"theme": theme, "country": country, "year": year,
                                               "page": page})  # fmt: skip


@pytest.mark.django_db
@fuzz(0.3)
@given(country=values, theme=values, group=values)
def test_signatory_filters_never_fail(client, world, country, theme, group):
    get(client, "/signatories/", {"country": country, "theme": theme, "group": group})


@pytest.mark.django_db
@fuzz(0.3)
@given(tag=values, page=values)
def test_theme_page_filters_never_fail(client, world, tag, page):
    get(client, "/toolkit/gender-equality/", {"tag": tag, "page": page})


@pytest.mark.django_db
@fuzz(0.3)
@given(country=values, page=values, entries_page=values)
def test_place_pages_never_fail(client, world, country, page, entries_page):
    Place.objects.get_or_create(country="PE", slug="lima", defaults={"name": "Lima"})
    query = {"page": page, "entries_page": entries_page}
    get(client, "/places/pe/lima/", query)
    get(client, f"/places/{quote(country, safe='')}/", query)
    get(client, f"/places/{quote(country, safe='')}/lima/feed.atom", query)


@pytest.mark.django_db
@fuzz(1)
@given(path=st.text(st.characters(codec="ascii", exclude_characters="?#"), max_size=80))
@example(path="\r/[")  # found by CI: the client read "[" as a host name
def test_arbitrary_paths_never_fail(client, world, path):
    # The test client drops tabs and line breaks (as URL parsers do), and would read "x"
    # of "//x" as a host name: send what remains, after one slash.
    sent = path.translate(dict.fromkeys(map(ord, "\t\r\n"))).lstrip("/")
    response = client.get("/" + sent)
    assert response.status_code < 500, path


def started(seconds_ago: float) -> str:
    return Signer(salt=STARTED_SALT).sign(f"{time.time() - seconds_ago:.3f}")


VALID_JOIN = {
    "organisation": "Quito Metropolitan District", "kind": "government", "city": "Quito",
    "country": "EC", "website": "https://quito.example", "contact_name": "A Person",
    "contact_role": "Officer", "contact_email": "a@quito.example", "message": "We join.",
    "consent": "on", "started": "old",
}  # fmt: skip
odd_values = {
    "organisation": st.sampled_from(
        ["", "x" * 201, "Región Metropolitana", "QUITO metropolitan district"]
    ),
    "kind": st.sampled_from(["", "emperor", "network"]),
    "country": st.sampled_from(["", "ZZ", "ec", "FR"]),
    "website": st.sampled_from(["quito.example", "javascript:alert(1)", "https://" + "x" * 300]),
    "contact_email": st.sampled_from(["", "not-an-email", "A@QUITO.EXAMPLE", "b@quito.example"]),
    "consent": st.sampled_from(["", "off"]),
    "started": st.sampled_from(["fresh", "", "forged:token"]),
    "themes": st.lists(st.one_of(st.sampled_from(["1", "abc", "-1"]), numbers), max_size=3),
    "fax_number": st.sampled_from(["+593 2 000 000"]),  # the honeypot
}  # fmt: skip
join_forms = st.tuples(
    st.sets(st.sampled_from([*VALID_JOIN, "themes", "fax_number"]), max_size=3),
    st.data(),
)


@pytest.mark.django_db
@fuzz(0.3)
@given(choice=join_forms)
def test_join_form_never_fails_and_stores_only_valid_requests(client, world, choice):
    """Mostly valid forms with up to three fields dropped, odd or random: each is stored
    once, refused with its errors listed (400, or 409 for a duplicate), or dropped (a bot)."""
    changed, data = choice
    form = dict(VALID_JOIN)
    for field in changed:
        form[field] = data.draw(st.one_of(st.none(), values, odd_values.get(field, text)))
    form = {key: value for key, value in form.items() if value is not None}
    if form.get("started") in ("fresh", "old"):
        form["started"] = started(0 if form["started"] == "fresh" else 60)
    before = Signatory.objects.count()
    with override_settings(JOIN_RATE_LIMIT=10**9):
        response = client.post("/join/", form)
    assert response.status_code in (302, 400, 409), (response.status_code, form)
    event(f"HTTP {response.status_code}")
    stored = Signatory.objects.count() - before
    assert stored == (1 if response.status_code == 302 and not form.get("fax_number") else 0)
    if response.status_code != 302:
        assert "your attention:" in response.content.decode()  # the error summary


@pytest.fixture
def officer(client, db):
    user = User.objects.create_user("officer", is_staff=True)
    user.groups.add(Group.objects.get(name=POLICY_OFFICERS))
    client.force_login(user)
    return client


@pytest.mark.django_db
@fuzz(0.25)
@given(q=text, status=values, country=values, order=values, page=values)
def test_admin_searches_and_filters_never_fail(officer, q, status, country, order, page):
    params = {"q": q, "status__exact": status, "country": country, "o": order, "p": page}
    for path in ["/admin/signatories/signatory/", "/admin/outbox/notification/"]:
        response = officer.get(f"{path}?{urlencode(params)}")
        assert response.status_code < 500, (path, params)


@pytest.fixture
def curator(client, db):
    client.force_login(User.objects.create_superuser("curator"))
    return client


@pytest.mark.django_db
@fuzz(0.3)
@given(q=text, year=numbers, month=values, theme=numbers, status=values, page=values)
def test_admin_content_lists_never_fail(curator, world, q, year, month, theme, status, page):
    params = {"q": q, "published_on__year": year, "published_on__month": month,
              "theme__id__exact": theme, "status__exact": status, "p": page}  # fmt: skip
    for path in ["/admin/toolkit/insight/", "/admin/initiatives/entry/"]:
        response = curator.get(f"{path}?{urlencode(params)}")
        assert response.status_code < 500, (path, params)


@pytest.mark.django_db
@fuzz(0.15)
@given(theme=numbers, title=values, published_on=values, selected=st.lists(numbers, max_size=3))
def test_admin_content_forms_and_actions_never_fail(
    curator, world, theme, title, published_on, selected
):
    form = {"theme": theme, "title_en": title, "slug": "fuzzed", "summary_en": "s",
            "body_en": "b", "status": "draft", "published_on": published_on}  # fmt: skip
    response = curator.post("/admin/toolkit/insight/add/", form)
    assert response.status_code < 500, form
    action = {"action": "publish", "_selected_action": selected}
    assert curator.post("/admin/toolkit/insight/", action).status_code < 500, selected


@pytest.mark.django_db
@fuzz(0.15)
@given(name=values, country=values, latitude=values, aliases=values, place=numbers, q=text)
def test_admin_places_and_their_links_never_fail(
    curator, name, country, latitude, aliases, place, q
):
    form = {"country": country, "name_en": name, "slug": "fuzzed", "aliases": aliases,
            "latitude": latitude, "longitude": latitude}  # fmt: skip
    assert curator.post("/admin/places/place/add/", form).status_code < 500, form
    signatory, _ = Signatory.objects.get_or_create(organisation="Fuzz city", kind="government")
    links = {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "_save": "Save",
             "form-0-signatory": str(signatory.pk), "form-0-place": place}  # fmt: skip
    listing = f"/admin/places/signatoryplace/?{urlencode({'q': q, 'matched': country})}"
    assert curator.post(listing, links).status_code < 500, links
    assert curator.get(listing).status_code < 500, q


# Uploads, imports and multi-request properties cost more per example: a quarter as many.


@pytest.mark.django_db
@fuzz(0.1)
@given(
    content=st.one_of(st.binary(max_size=2000), st.sampled_from([b"GIF89a", b"\x89PNG\r\n\x1a\n"])),
    name=text,
    alt=values,
    focal=numbers,
    licence=values,
    kept=values,
)
def test_image_and_document_uploads_never_fail(curator, content, name, alt, focal, licence, kept):
    from django.core.files.uploadedfile import SimpleUploadedFile

    # A browser sends the file's own name, never a path.
    file_name = name.replace("\x00", "").replace("/", "").replace("\\", "")[:100].strip(".")
    upload = SimpleUploadedFile(file_name or "x", content)
    form = {"title": alt, "alt_text_en": alt, "alt_text_fr": alt, "alt_text_es": alt,
            "credit": alt, "licence": licence, "focal_x": focal, "focal_y": focal,
            "file": upload}  # fmt: skip
    response = curator.post("/admin/media_library/image/add/", form)
    assert response.status_code < 500, form
    # A forged token of a kept file (media_library/staging.py), with no file or a file.
    upload.seek(0)
    form = {**form, "file_staged": kept}
    assert curator.post("/admin/media_library/image/add/", form).status_code < 500, form
    del form["file"]
    assert curator.post("/admin/media_library/image/add/", form).status_code < 500, form
    preview = curator.get("/admin/media_library/image/kept/", {"token": kept})
    assert preview.status_code in (404, 400), kept
    upload.seek(0)
    document = {"title": alt, "language": licence, "file": upload}
    assert curator.post("/admin/media_library/document/add/", document).status_code < 500


@pytest.mark.django_db
@fuzz(0.1)
@given(cells=st.lists(st.lists(values, min_size=1, max_size=16), min_size=1, max_size=4))
def test_spreadsheet_imports_never_fail(curator, world, cells):
    import csv
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile

    out = io.StringIO()
    header = ["slug", "theme", "title_en", "summary_en", "body_en", "tags", "status",
              "published_on", "source_url", "title_fr", "body_fr"]  # fmt: skip
    csv.writer(out).writerows([header, *cells])
    upload = SimpleUploadedFile("fuzz.csv", out.getvalue().encode("utf-8", "surrogatepass"))
    form = {"resource": "0", "format": "0", "import_file": upload}
    response = curator.post("/admin/toolkit/insight/import/", form)
    assert response.status_code < 500, cells


@pytest.mark.django_db
@fuzz(0.3)
@given(path=text, image=numbers, documents=st.lists(numbers, max_size=3))
def test_media_addresses_and_picture_choices_never_fail(
    client, curator, world, path, image, documents
):
    assert client.get(f"/media/{quote(path)}").status_code < 500, path
    form = {"theme": "1", "title_en": "t", "slug": "fuzzed", "summary_en": "s", "body_en": "b",
            "status": "draft", "image": image, "documents": documents}  # fmt: skip
    assert curator.post("/admin/toolkit/insight/add/", form).status_code < 500, form


@pytest.mark.django_db
@fuzz(0.3)
@given(email=values, statement=values, status=values, day=values, text=values, website=values)
def test_profile_update_forms_never_fail(
    client, world, email, statement, status, day, text, website
):
    from commitments.profile_updates import SALT

    signatory = Signatory.objects.create(
        organisation="Fuzz City", kind="government", status="approved",
        contact_email="fuzz@city.example",
    )  # fmt: skip
    asked = client.post(f"{signatory.get_absolute_url()}update/", {"email": email})
    assert asked.status_code < 500, email
    from django.core import signing

    from commitments.models import UpdateLink
    from commitments.profile_updates import hashed

    link = UpdateLink.objects.create(
        signatory=signatory, secret_hash=hashed("s"), expires_at="2999-01-01T00:00Z"
    )
    url = f"/signatories/update/{signing.dumps(f'{link.pk}.s', salt=SALT, compress=True)}/"
    area = "gender-equality"
    form = {"website": website, "profile": text, f"{area}-committed": "on",
            f"{area}-statement": statement, f"{area}-status": status,
            f"{area}-milestone_date": day, f"{area}-milestone_text": text}  # fmt: skip
    assert client.post(url, form).status_code < 500, form
    assert client.get(f"/signatories/update/{quote(str(email))}/").status_code < 500
    signatory.delete()


@pytest.mark.django_db
@fuzz(0.3)
@given(email=values, themes=st.lists(numbers, max_size=3), rhythm=values, language=values,
       token=text)  # fmt: skip
def test_subscription_forms_and_links_never_fail(
    client, world, email, themes, rhythm, language, token
):
    form = {"email": email, "themes": themes, "programmes": themes, "places": themes,
            "rhythm": rhythm, "language": language, "consent": "on",
            "everything": rhythm}  # fmt: skip
    assert client.post("/subscribe/", form).status_code < 500, form
    assert (
        client.get(f"/subscribe/?theme={quote(email)}&programme={quote(rhythm)}").status_code < 500
    )
    for purpose in ("confirm", "manage", "unsubscribe"):
        assert client.post(f"/subscribe/{purpose}/{quote(token)}/", form).status_code < 500


def route_templates() -> list[str]:
    """Every address the portal routes, its parameters as "{}" (e.g. "/tags/{}/feed.rss")."""
    from django.urls import URLResolver, get_resolver

    def walk(patterns, prefix):
        for pattern in patterns:
            route = str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + route)
            else:
                yield prefix + route

    templates = set()
    for route in walk(get_resolver().url_patterns, ""):
        if not any(mark in route for mark in "^$()[]\\?"):  # regular expressions: skipped
            templates.add("/" + re.sub(r"<[^>]+>", "{}", route))
    return sorted(templates)


ROUTES = route_templates()
# Any text, NUL characters included, as it would travel in an address.
segments = st.one_of(
    st.text(st.characters(codec="utf-8"), max_size=40), st.sampled_from(["\x00", "a\x00b", "%00"])
)


@pytest.mark.django_db
@fuzz(1)
@given(template=st.sampled_from(ROUTES), segment=segments, language=st.sampled_from(["", "/fr"]))
def test_every_route_with_any_parameter_never_fails(client, world, template, segment, language):
    assert len(ROUTES) > 40
    path = language + template.replace("{}", quote(segment, safe=""))
    response = client.get(path)
    assert response.status_code < 500, path
    if "\x00" in segment and "{}" in template:
        assert response.status_code in (301, 302, 400, 404), path


FORM_ROUTES = [
    "/join/", "/fr/join/", "/subscribe/", "/signatories/fuzz-city/update/",
    "/signatories/update/a-token/", "/subscribe/confirm/a-token/", "/subscribe/manage/a-token/",
    "/subscribe/unsubscribe/a-token/", "/admin/login/",
]  # fmt: skip
CHARSETS = ["latin-1", "utf-16", "utf-16-be", "utf-32", "cp1252", "shift_jis", "koi8-r",
            "utf-8", "ascii", "no-such-charset", ""]  # fmt: skip


@pytest.mark.django_db
@fuzz(0.25)
@given(
    url=st.sampled_from(FORM_ROUTES),
    # NUL is not allowed in a header: gunicorn and any proxy refuse it before Django
    charset=st.one_of(
        st.sampled_from(CHARSETS), st.text(max_size=20).filter(lambda c: "\x00" not in c)
    ),
    body=st.one_of(st.binary(max_size=300), text.map(lambda t: urlencode({"email": t}).encode())),
    multipart=st.booleans(),
)
def test_forms_sent_in_any_character_set_never_fail(world, url, charset, body, multipart):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.get("/join/")  # a CSRF cookie, as a browser has
    kind = "multipart/form-data; boundary=x" if multipart else "application/x-www-form-urlencoded"
    content_type = f"{kind}; charset={charset}".replace("\r", "").replace("\n", "")
    response = client.generic("POST", url, body, content_type=content_type)
    assert response.status_code < 500, (url, charset, body)
