"""The update form starts from the profile as it is, and nothing leaves it unasked."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User

from commitments.models import Commitment, ProfileChange
from commitments.profile_updates import (
    current_profile,
    profile_change_review,
    update_link_request,
)
from tests.commitments.conftest import form_values
from tests.factories import make_theme
from tests.signatories.conftest import CONTACT


@pytest.fixture
def joined(city):
    """The city joined for two areas and has committed to one of them; a third it has not."""
    housing = make_theme(title="Public space and housing", slug="public-space-and-housing")
    mobility = make_theme(title="Mobility", slug="mobility")
    make_theme(title="Gender equality", slug="gender-equality")
    city.themes.set([housing, mobility])
    Commitment.objects.create(
        signatory=city, theme=mobility, statement="Bus lanes on every avenue.", status="under_way"
    )
    return city


def link_for(signatory) -> str:
    assert update_link_request(signatory=signatory, email=CONTACT)
    body = signatory.notifications.filter(kind="update_link").latest("pk").text_body
    return re.search(r"/signatories/update/\S+?/", body).group(0)


def approve(change: ProfileChange) -> None:
    officer = User.objects.get_or_create(username="officer", is_staff=True)[0]
    assert profile_change_review(change=change, approve=True, reviewer=officer)


@pytest.mark.django_db
def test_the_form_opens_with_the_areas_joined_their_statements_and_statuses(client, joined):
    values = form_values(client.get(link_for(joined)).content.decode())
    assert values["mobility-statement"] == "Bus lanes on every avenue."
    assert values["mobility-status"] == "under_way"
    assert "public-space-and-housing-statement" in values  # joined, nothing stated yet
    assert "mobility-leave" not in values and "public-space-and-housing-leave" not in values
    assert "gender-equality-add" not in values  # not joined: offered, not chosen


@pytest.mark.django_db
def test_an_update_that_changes_only_the_profile_text_keeps_every_area_and_commitment(
    client, joined
):
    url = link_for(joined)
    values = form_values(client.get(url).content.decode())
    values["profile"] = "We share streets."
    assert client.post(url, values).status_code == 200
    change = ProfileChange.objects.get()
    assert change.proposed["areas"] == ["mobility", "public-space-and-housing"]

    approve(change)
    joined.refresh_from_db()
    assert joined.profile == "We share streets."
    assert sorted(joined.themes.values_list("slug", flat=True)) == [
        "mobility",
        "public-space-and-housing",
    ]
    commitment = Commitment.objects.get(signatory=joined)
    assert (commitment.theme.slug, commitment.statement, commitment.status) == (
        "mobility",
        "Bus lanes on every avenue.",
        "under_way",
    )
    listed = client.get("/signatories/?theme=public-space-and-housing").content.decode()
    assert joined.organisation in listed
    assert joined.organisation in client.get("/toolkit/public-space-and-housing/").content.decode()


@pytest.mark.django_db
def test_an_area_leaves_only_when_the_signatory_withdraws_from_it_and_the_review_says_so(
    client, admin_client, joined
):
    url = link_for(joined)
    values = form_values(client.get(url).content.decode())
    values["public-space-and-housing-leave"] = "on"
    values["gender-equality-add"] = "on"
    values["gender-equality-statement"] = "Safe night transport."
    assert client.post(url, values).status_code == 200
    change = ProfileChange.objects.get()

    review = admin_client.get(f"/admin/commitments/profilechange/{change.pk}/change/")
    html = review.content.decode()
    assert re.search(r"Public space and housing</th>.*?Withdraws from this area", html, re.S)
    assert re.search(r"Gender equality</th>.*?Joins this area", html, re.S)
    assert "Mobility</th>" not in html  # unchanged: not a row

    approve(change)
    assert sorted(joined.themes.values_list("slug", flat=True)) == ["gender-equality", "mobility"]
    assert sorted(Commitment.objects.values_list("theme__slug", flat=True)) == [
        "gender-equality",
        "mobility",
    ]


@pytest.mark.django_db
def test_a_commitment_needs_its_words_unless_the_signatory_withdraws_from_the_area(client, joined):
    url = link_for(joined)
    values = form_values(client.get(url).content.decode())
    values["mobility-statement"] = ""
    refused = client.post(url, values)
    assert refused.status_code == 400
    assert "Say what you commit to in this area, or withdraw from it." in refused.content.decode()
    values["mobility-statement"] = "x" * 601
    too_long = client.post(url, values).content.decode()
    assert "at most 600 characters" in too_long and "or withdraw from it" not in too_long
    values["mobility-leave"] = "on"
    assert client.post(url, values).status_code == 200
    assert ProfileChange.objects.get().proposed["areas"] == ["public-space-and-housing"]


@pytest.mark.django_db
def test_an_update_sent_before_areas_were_recorded_keeps_the_areas(joined):
    """Pending updates from before this form knew areas: their approval loses none."""
    before = current_profile(joined)
    old_shape = {k: v for k, v in before.items() if k != "areas"}
    change = ProfileChange.objects.create(
        signatory=joined, before=old_shape, proposed={**old_shape, "profile": "New words."}
    )
    approve(change)
    assert sorted(joined.themes.values_list("slug", flat=True)) == [
        "mobility",
        "public-space-and-housing",
    ]
    assert Commitment.objects.filter(signatory=joined).count() == 1
