import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from tests.factories import make_insight, make_theme
from toolkit.models import Insight, Theme


@pytest.mark.django_db
def test_theme_renders_its_description_on_save():
    theme = make_theme(description="Some *emphasis*")
    assert theme.description_html == "<p>Some <em>emphasis</em></p>"


@pytest.mark.django_db
def test_theme_position_must_be_between_1_and_8():
    theme = Theme(position=9, title="Ninth", slug="ninth", summary="x")
    with pytest.raises(ValidationError) as error:
        theme.full_clean()
    assert "position" in error.value.message_dict


@pytest.mark.django_db
@pytest.mark.parametrize("position", [0, 9])
def test_database_refuses_a_theme_position_outside_1_to_8(position):
    with pytest.raises(IntegrityError):
        Theme.objects.create(position=position, title="Outside", slug="outside", summary="x")


@pytest.mark.django_db
def test_themes_are_ordered_by_position():
    make_theme(position=3, title="Third")
    make_theme(position=1, title="First")
    assert [t.title for t in Theme.objects.all()] == ["First", "Third"]


@pytest.mark.django_db
def test_insight_urls_nest_under_their_theme(theme):
    insight = make_insight(theme=theme, slug="count-unpaid-care")
    assert insight.get_absolute_url() == "/toolkit/gender-equality/count-unpaid-care/"
    assert theme.get_absolute_url() == "/toolkit/gender-equality/"


@pytest.mark.django_db
def test_published_excludes_drafts_and_future_dates(theme):
    public = make_insight(theme=theme)
    make_insight(theme=theme, status=Insight.Status.DRAFT)
    make_insight(theme=theme, published_on=timezone.localdate() + datetime.timedelta(days=1))
    assert list(Insight.objects.published()) == [public]


@pytest.mark.django_db
def test_theme_counts_only_published_insights(theme):
    make_insight(theme=theme)
    make_insight(theme=theme, status=Insight.Status.DRAFT)
    assert Theme.objects.with_insight_counts().get().insight_count == 1


@pytest.mark.django_db
def test_neighbours_follow_the_theme_list_order(theme):
    today = timezone.localdate()
    oldest = make_insight(theme=theme, title="A", published_on=today - datetime.timedelta(days=2))
    middle_b = make_insight(theme=theme, title="B", published_on=today - datetime.timedelta(days=1))
    middle_c = make_insight(theme=theme, title="C", published_on=today - datetime.timedelta(days=1))
    make_insight(theme=theme, title="Draft", status=Insight.Status.DRAFT)
    make_insight(title="Elsewhere")  # another theme

    listed = list(Insight.objects.published().filter(theme=theme))
    assert listed == [middle_b, middle_c, oldest]
    assert middle_b.neighbours() == (None, middle_c)
    assert middle_c.neighbours() == (middle_b, oldest)
    assert oldest.neighbours() == (middle_c, None)


@pytest.mark.django_db
def test_tags_are_case_insensitive(theme):
    make_insight(theme=theme, tags=["Housing"])
    second = make_insight(theme=theme, tags=["housing"])
    assert [t.name for t in second.tags.all()] == ["Housing"]
