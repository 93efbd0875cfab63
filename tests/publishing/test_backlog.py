"""The translators' backlog: per language, how many items of each tracked kind are
missing, partial and out of date, each linking to the list filtered to them; only the
kinds a person may see; a few aggregate queries however many items there are."""

import pytest
from django.contrib.auth.models import Group, User
from django.utils import translation

from publishing.backlog import backlog
from publishing.po_files import translatable_models
from signatories.models import Signatory
from tests.factories import make_insight
from tests.publishing.test_translation_status import translate
from toolkit.models import Insight, Theme
from toolkit_portal.roles import CONTENT_CURATORS


def of(language, model):
    return next(kind for kind in language.kinds if kind.model is model)


@pytest.fixture
def insights(theme):
    make_insight(theme=theme, title="New, no French at all")
    half = make_insight(theme=theme, title="Title only")
    translate(half, "fr", title="Titre seulement")
    stale = make_insight(theme=theme, title="Stale")
    translate(stale, "fr", title="Périmé", summary="s", body="b")
    translate(stale, "en", summary="Changed")
    done = make_insight(theme=theme, title="Done")
    translate(done, "fr", title="Fait", summary="s", body="b")
    translate(done, "es", title="Hecho", summary="s", body="b")


@pytest.mark.django_db
def test_missing_partial_and_out_of_date_are_counted_per_language(insights):
    french, spanish = backlog()
    assert (french.code, str(french.name), spanish.code) == ("fr", "French", "es")
    assert of(french, Insight).counts == {"missing": 1, "partial": 1, "out_of_date": 1}
    assert of(spanish, Insight).counts == {"missing": 3, "partial": 0, "out_of_date": 0}
    assert of(french, Insight).links["missing"] == "/admin/toolkit/insight/?translation_fr=missing"
    assert of(french, Theme).counts["missing"] == 1  # the area of the fixture, untranslated
    assert french.counts == {
        status: sum(kind.counts[status] for kind in french.kinds)
        for status in ["missing", "partial", "out_of_date"]
    }
    assert french.summary == "{missing} missing, 1 partial, 1 out of date".format(**french.counts)


@pytest.mark.django_db
def test_the_counts_agree_with_the_filtered_lists(admin_client, insights):
    for language in backlog():
        for kind in language.kinds:
            for status, n in kind.counts.items():
                listing = admin_client.get(kind.links[status])
                assert listing.context["cl"].result_count == n, kind.links[status]


@pytest.mark.django_db
def test_every_tracked_kind_is_counted_and_its_list_filters_by_translation(admin_client):
    french = backlog()[0]
    assert [kind.model for kind in french.kinds] == translatable_models()
    assert Signatory in translatable_models()
    for kind in french.kinds:
        for link in kind.links.values():
            response = admin_client.get(link)
            # an unknown filter redirects to ?e=1
            assert response.status_code == 200, (link, response.get("Location"))
            assert "?e=1" not in response.get("Location", "")


@pytest.mark.django_db
def test_only_the_kinds_a_person_may_see_are_counted(theme):
    curator = User.objects.create_user("curator", is_staff=True)
    curator.groups.add(Group.objects.get(name=CONTENT_CURATORS))
    kinds = [kind.model for kind in backlog(curator)[0].kinds]
    assert Insight in kinds and Signatory not in kinds
    nobody = User.objects.create_user("nobody", is_staff=True)
    assert backlog(nobody)[0].kinds == []


@pytest.mark.django_db
def test_the_backlog_costs_one_query_per_kind_however_many_items(theme, django_assert_num_queries):
    kinds = len(translatable_models())
    make_insight(theme=theme)
    with django_assert_num_queries(kinds):
        backlog()
    for n in range(30):
        translate(make_insight(theme=theme, title=f"More {n}"), "fr", title=f"Plus {n}")
    with django_assert_num_queries(kinds):
        languages = backlog()
    assert of(languages[0], Insight).counts["partial"] == 30


@pytest.mark.django_db
def test_the_translations_page_shows_each_language_with_links_and_its_export(
    admin_client, insights
):
    body = admin_client.get("/admin/translations/").content.decode()
    french = body[body.index('id="backlog-fr"') : body.index('id="backlog-es"')]
    assert ">French</h3>" in french
    row = french[french.index('<th scope="row">Insights</th>') :].split("</tr>")[0]
    assert '<a href="/admin/toolkit/insight/?translation_fr=missing">1</a>' in row
    assert '<a href="/admin/toolkit/insight/?translation_fr=partial">1</a>' in row
    assert '<a href="/admin/toolkit/insight/?translation_fr=out_of_date">1</a>' in row
    assert 'href="?export=fr"' in french and "Download what French needs" in french
    assert ">Spanish</h3>" in body and 'href="?export=es"' in body


# Queries of the two pages that show the backlog: session and user, then one aggregate
# per tracked kind (publishing/backlog.py; pictures and places are two); the admin home adds
# its other counts, and one query for what is due for review.
PINNED = {"/admin/translations/": 11, "/admin/": 19}


@pytest.mark.django_db
def test_the_pages_with_the_backlog_cost_the_same_however_many_items(
    admin_client, theme, count_queries
):
    make_insight(theme=theme)
    few = {url: count_queries(admin_client, url) for url in PINNED}
    for n in range(30):
        translate(make_insight(theme=theme, title=f"More {n}"), "fr", title=f"Plus {n}")
    many = {url: count_queries(admin_client, url) for url in PINNED}
    assert few == many == PINNED


@pytest.mark.django_db
def test_languages_and_counts_are_named_in_the_reader_language(theme):
    make_insight(theme=theme)
    with translation.override("fr"):
        french, spanish = backlog()
        assert (str(french.name), str(spanish.name)) == ("Français", "Espagnol")
        assert french.summary.startswith("3 manquantes, 0 partielle, 0 obsolète")
