"""Searches that found nothing, grouped as search reads them: accents and case folded, shown
in the spelling used most, in the language it was searched in most."""

import datetime

import pytest
from django.utils import timezone

from search.models import UnansweredSearch
from tests.migrating import migrate, migrate_to_latest


def searched(words: str, language: str, times: int) -> None:
    for _time in range(times):
        UnansweredSearch.record(words, language)


@pytest.mark.django_db
def test_the_spelling_used_most_is_shown_whatever_the_languages():
    searched("tramway", "en", 1)
    searched("tramway", "fr", 1)
    searched("tramway", "es", 1)
    searched("Tramwäy", "en", 2)
    [group] = UnansweredSearch.most_frequent()
    assert (group.words, group.total) == ("tramway", 5)
    assert group.language == "en"  # one search each: the first alphabetically
    assert group.url == "/search/?q=tramway"


@pytest.mark.django_db
def test_a_group_links_to_the_search_in_its_language():
    searched("mobilité douce", "es", 2)
    searched("mobilite douce", "fr", 1)
    [group] = UnansweredSearch.most_frequent()
    assert group.url == "/es/search/?q=mobilit%C3%A9+douce"
    assert str(group.language_name) == "Spanish"


@pytest.mark.django_db
def test_searches_older_than_kept_are_not_counted():
    old = timezone.localdate() - datetime.timedelta(days=91)
    UnansweredSearch.objects.create(words="old", folded="old", day=old, count=9)
    assert UnansweredSearch.most_frequent() == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_searches_kept_from_before_are_grouped_by_their_folded_form():
    old = migrate([("search", "0003_every_kind_searched")])
    Old = old.get_model("search", "UnansweredSearch")
    today = timezone.localdate()
    Old.objects.create(words="égalité", day=today, count=2)
    Old.objects.create(words="egalite", day=today, count=1)

    migrate_to_latest()

    [group] = UnansweredSearch.most_frequent()
    assert (group.words, group.total, group.url) == ("égalité", 3, "/search/?q=%C3%A9galit%C3%A9")
