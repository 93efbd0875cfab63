""" "Did you mean …?": the portal's own words, in the reader's language, on both databases."""

import re

import pytest

from search.models import Word
from search.vocabulary import refresh_words
from tests.factories import make_insight, make_theme


def suggestion(client, path, q):
    body = client.get(path, {"q": q}).content.decode()
    found = re.search(r'<p class="suggestion">.*?<a href="([^"]+)">([^<]+)</a>', body)
    return found and (found[2], found[1])


@pytest.fixture
def words(theme):
    insight = make_insight(theme=theme, title="Gender equality in transport", slug="gender")
    insight.title_fr, insight.summary_fr = "L'égalité de genre", "Le logement et la mobilité."
    insight.title_es, insight.summary_es = "Igualdad de género", "Vivienda y movilidad."
    insight.save()
    make_insight(theme=theme, title="Housing first", slug="housing")
    refresh_words()


@pytest.mark.django_db
def test_a_typo_that_finds_nothing_is_offered_the_portals_word(client, words):
    assert suggestion(client, "/search/", "gendr") == ("gender", "/search/?q=gender")
    assert suggestion(client, "/search/", "housng first") == (
        "housing first", "/search/?q=housing+first",
    )  # fmt: skip


@pytest.mark.django_db
def test_suggestions_come_in_the_readers_language(client, words):
    assert suggestion(client, "/fr/search/", "logment") == ("logement", "/fr/search/?q=logement")
    assert suggestion(client, "/es/search/", "vivenda") == ("vivienda", "/es/search/?q=vivienda")


@pytest.mark.django_db
def test_a_word_from_another_language_is_marked_with_its_language(client, words):
    french = client.get("/fr/search/", {"q": "transprt"}).content.decode()
    english = client.get("/search/", {"q": "transprt"}).content.decode()

    assert '<a href="/fr/search/?q=transport"><span lang="en">transport</span></a>' in french
    assert '<a href="/search/?q=transport">transport</a>' in english


@pytest.mark.django_db
def test_no_suggestion_when_the_words_are_the_portals_own_or_unlike_any(client, words):
    assert suggestion(client, "/search/", "housing") is None
    assert suggestion(client, "/fr/search/", "mobilite") is None  # only an accent differs
    assert suggestion(client, "/search/", "zzzzqqq") is None


@pytest.mark.django_db
def test_the_word_list_holds_published_words_only_and_no_markup(client, theme):
    make_insight(theme=theme, title="Secret draft plans", slug="draft", status="draft")
    make_insight(theme=theme, title="Parks <script>", slug="parks")
    refresh_words()
    english = set(Word.objects.filter(language="en").values_list("word", flat=True))
    assert {"parks", "script"} <= english
    assert "secret" not in english
    body = client.get("/search/", {"q": "<scrip>"}).content.decode()
    assert "<script>" not in body.split("<main", 1)[1]


@pytest.mark.django_db
def test_the_worker_refreshes_the_words(theme):
    from django.core.management import call_command

    make_insight(theme=theme, title="Cycling lanes", slug="cycling")
    call_command("run_worker", "--once")
    assert Word.objects.filter(language="en", word="cycling").exists()


@pytest.fixture
def mobility(theme):
    area = make_theme(title="Mobility, accessibility and transport", slug="mobility", position=6)
    area.title_fr = "Mobilité, accessibilité et transport"
    area.save()
    insight = make_insight(theme=area, title="Walking first", slug="walking")
    insight.summary_fr = "Mobiliser les habitants."
    insight.body_fr = "La mobilité à pied."
    insight.save()
    refresh_words()


@pytest.mark.django_db
def test_a_correct_word_with_results_is_never_replaced(client, mobility):
    assert suggestion(client, "/fr/search/", "mobilité") is None
    assert suggestion(client, "/fr/search/", "mobility") is None  # the English word
    assert suggestion(client, "/es/search/", "accessibilité") is None


@pytest.mark.django_db
def test_a_misspelling_of_an_area_name_gets_a_suggestion(client, mobility):
    assert suggestion(client, "/search/", "mobilty") == ("mobility", "/search/?q=mobility")


@pytest.mark.django_db
def test_only_the_unknown_word_is_replaced_and_only_when_nothing_holds_every_word(client, mobility):
    assert suggestion(client, "/search/", "walking mobilty") == (
        "walking mobility", "/search/?q=walking+mobility",
    )  # fmt: skip
    assert suggestion(client, "/search/", "walking") is None
