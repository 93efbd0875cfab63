"""Each commitment's next update is due a year after the last; it is overdue after the
grace period; a signatory whose commitments have all been overdue for a year is inactive,
apart on the list and off the map, until its next approved update."""

from __future__ import annotations

import datetime

import pytest

from commitments.models import Commitment, Milestone
from signatories.models import Signatory
from tests.commitments.cycle import (
    BEGUN,
    DUE,
    GRACE_OVER,
    INACTIVE_FROM,
    approved_update,
    commit,
    days,
    on,
)
from tests.factories import make_theme


@pytest.fixture
def areas(db):
    return [
        make_theme(title="Gender equality", slug="gender-equality", position=4),
        make_theme(title="Mobility", slug="mobility", position=6),
    ]


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def inactive_section(html: str) -> str:
    return html.split('id="inactive-heading"', 1)[1] if 'id="inactive-heading"' in html else ""


@pytest.mark.django_db
def test_a_commitment_is_due_a_cycle_after_it_began(city, areas, settings):
    (commitment,) = commit(city, areas[0])
    assert (commitment.last_reported_on, commitment.due_on) == (BEGUN, DUE)
    settings.COMMITMENT_UPDATE_EVERY_DAYS = 30
    (monthly,) = commit(city, areas[1])
    assert monthly.due_on == BEGUN + days(30)


@pytest.mark.django_db
def test_the_profile_says_when_each_commitment_was_updated_and_is_due(client, city, areas):
    commit(city, areas[0])
    with on(BEGUN + days(3)):
        html = page(client, city.get_absolute_url())
    assert 'Last updated <time datetime="2027-01-10">Jan. 10, 2027</time>' in html
    assert 'next update due <time datetime="2028-01-10">Jan. 10, 2028</time>' in html
    assert "Update overdue" not in html


@pytest.mark.django_db
def test_a_commitment_is_overdue_only_once_the_grace_period_is_over(client, city, areas):
    commit(city, areas[0])
    with on(GRACE_OVER):
        assert "Update overdue" not in page(client, city.get_absolute_url())
        assert not Commitment.objects.overdue(GRACE_OVER).exists()
    with on(GRACE_OVER + days(1)):
        assert "Update overdue" in page(client, city.get_absolute_url())
        assert Commitment.objects.overdue(GRACE_OVER + days(1)).exists()


@pytest.mark.django_db
def test_a_new_dated_update_begins_the_next_cycle(city, areas):
    (commitment,) = commit(city, areas[0])
    with on(DUE + days(100)):
        Milestone.objects.create(commitment=commitment, happened_on=DUE, text="Buses bought.")
    commitment.refresh_from_db()
    assert (commitment.last_reported_on, commitment.due_on) == (DUE + days(100), DUE + days(465))


@pytest.mark.django_db
def test_an_approved_update_begins_a_cycle_only_for_what_it_restates(city, areas):
    kept, changed = commit(city, *areas)
    with on(BEGUN + days(200)):
        approved_update(city, mobility={"status": "under_way"})
    kept.refresh_from_db(), changed.refresh_from_db()
    assert kept.due_on == DUE and changed.due_on == DUE + days(200)


@pytest.mark.django_db
def test_approval_begins_the_cycle_of_commitments_stated_before(city, areas):
    pending = Signatory.objects.create(organisation="Later City", kind="government")
    (commitment,) = commit(pending, areas[0])
    with on(BEGUN + days(40)):
        pending.status, pending.reviewed_at = "approved", datetime.datetime.now(datetime.UTC)
        pending.save(update_fields=["status", "reviewed_at"])
    commitment.refresh_from_db()
    assert commitment.due_on == DUE + days(40)


@pytest.mark.django_db
def test_a_signatory_is_inactive_after_a_year_of_all_overdue_apart_and_off_the_map(
    client, city, areas
):
    commit(city, *areas)
    Signatory.objects.filter(pk=city.pk).update(latitude=-12.05, longitude=-77.04)
    with on(INACTIVE_FROM - days(1)):
        listed = page(client, "/signatories/")
        assert "Ciudad Ejemplo" in listed and not inactive_section(listed)
        the_map = page(client, "/signatories/map/")
        assert "Peru: 1 signatory" in the_map and '<use href="#city"' in the_map
    with on(INACTIVE_FROM):
        listed = page(client, "/signatories/")
        assert "Ciudad Ejemplo" in inactive_section(listed)
        assert listed.count("Ciudad Ejemplo") == 1
        the_map = page(client, "/signatories/map/")
        assert "Peru: 1 signatory" not in the_map and '<use href="#city"' not in the_map
        assert "Not on the map: 1 inactive signatory" in the_map
        assert "Inactive signatory" in page(client, city.get_absolute_url())
        inactive = Signatory.objects.with_activity().get(pk=city.pk).inactive
        assert inactive


@pytest.mark.django_db
def test_one_commitment_kept_up_keeps_a_signatory_active(client, city, areas):
    commit(city, areas[0])
    commit(city, areas[1], day=BEGUN + days(200))
    with on(INACTIVE_FROM):
        assert not inactive_section(page(client, "/signatories/"))
        assert not Signatory.objects.with_activity().get(pk=city.pk).inactive


@pytest.mark.django_db
def test_a_signatory_without_commitments_is_never_inactive(client, city):
    with on(INACTIVE_FROM + days(3650)):
        assert not Signatory.objects.with_activity().get(pk=city.pk).inactive


@pytest.mark.django_db
def test_the_next_approved_update_makes_an_inactive_signatory_active_again(client, city, areas):
    commit(city, *areas)
    with on(INACTIVE_FROM + days(10)):
        assert "Ciudad Ejemplo" in inactive_section(page(client, "/signatories/"))
        approved_update(city, milestone_on=INACTIVE_FROM, mobility={})
        listed = page(client, "/signatories/")
        assert "Ciudad Ejemplo" in listed and not inactive_section(listed)
        profile = page(client, city.get_absolute_url())
        assert "Inactive signatory" not in profile and profile.count("Update overdue") == 1


@pytest.mark.django_db
def test_inactive_signatories_come_last_on_every_page_of_the_list(client, city, areas):
    commit(city, areas[0])
    for n in range(3):
        Signatory.objects.create(
            organisation=f"Zeta City {n}", kind="government", country="PE", status="approved"
        )
    with on(INACTIVE_FROM):
        listed = page(client, "/signatories/?group=kind")
    assert listed.index("Zeta City 2") < listed.index('id="inactive-heading"')
    assert listed.index('id="inactive-heading"') < listed.index("Ciudad Ejemplo")
