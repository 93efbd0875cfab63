"""Progress shown, not only stated: a percentage on commitments under way, and the figures
of the public progress page, the area pages and the staff dashboard, from one function."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.contrib.auth.models import Permission, User
from django.utils import translation

from commitments.models import Commitment, Milestone, ProfileChange
from commitments.profile_updates import current_profile
from commitments.progress import commitment_progress
from signatories.models import Signatory
from tests.commitments.conftest import form_values
from tests.commitments.test_update_form import approve, link_for
from tests.factories import make_theme


@pytest.fixture
def areas(db):
    return {
        "mobility": make_theme(title="Mobility", slug="mobility", position=6),
        "housing": make_theme(title="Public space and housing", slug="housing", position=5),
        "gender": make_theme(title="Gender equality", slug="gender-equality", position=4),
    }


def signatory(name: str, status: str = "approved") -> Signatory:
    return Signatory.objects.create(
        organisation=name, kind="government", country="PE", status=status
    )


@pytest.fixture
def commitments(areas):
    """Three public signatories' commitments, and some that must not count."""
    lima, quito, bogota = signatory("Lima"), signatory("Quito"), signatory("Bogota")
    mobility, housing = areas["mobility"], areas["housing"]
    made = [
        Commitment.objects.create(
            signatory=lima, theme=mobility, statement="Bus lanes.", status="under_way", progress=40
        ),
        Commitment.objects.create(
            signatory=quito, theme=mobility, statement="Bikes.", status="under_way", progress=70
        ),
        Commitment.objects.create(
            signatory=bogota, theme=mobility, statement="Trams.", status="under_way"
        ),
        Commitment.objects.create(
            signatory=lima, theme=housing, statement="Homes.", status="achieved"
        ),
        Commitment.objects.create(
            signatory=quito, theme=housing, statement="Parks.", status="planned"
        ),
    ]
    for status in ["pending", "withdrawn", "declined"]:
        Commitment.objects.create(
            signatory=signatory(f"Hidden {status}", status=status),
            theme=mobility,
            statement="Not public.",
            status="achieved",
        )
    Milestone.objects.create(
        commitment=made[0], happened_on=datetime.date(2026, 10, 1), text="First lane opened."
    )
    return made


@pytest.mark.django_db
def test_the_figures_count_public_commitments_by_area_and_status(commitments, areas):
    progress = commitment_progress(label="All areas")
    rows = {row.theme.slug: row for row in progress.areas}
    mobility, housing, gender = rows["mobility"], rows["housing"], rows["gender-equality"]
    assert (mobility.planned, mobility.under_way, mobility.achieved) == (0, 3, 0)
    assert (mobility.stated_progress, mobility.average_progress) == (2, 55)
    assert (housing.planned, housing.under_way, housing.achieved) == (1, 0, 1)
    assert housing.average_progress is None
    assert gender.total == 0
    overall = progress.overall
    assert (overall.total, overall.planned, overall.under_way, overall.achieved) == (5, 1, 3, 1)
    assert (overall.stated_progress, overall.average_progress) == (2, 55)
    assert str(progress.signatories) == "3"
    assert [update.text for update in progress.updates] == ["First lane opened."]
    assert [part[0] for part in housing.segments] == ["planned", "under_way", "achieved"]
    assert [part[2] for part in housing.segments] == [50.0, 0, 50.0]


@pytest.mark.django_db
def test_one_area_alone(commitments, areas):
    progress = commitment_progress(theme=areas["housing"])
    assert [row.theme for row in progress.areas] == [areas["housing"]]
    assert progress.overall.total == 2 and progress.updates == []


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_the_progress_page_gives_a_chart_and_a_table_of_the_same_numbers(client, commitments, lang):
    prefix = "" if lang == "en" else f"/{lang}"
    response = client.get(f"{prefix}/signatories/progress/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}"' in html
    with translation.override(lang):
        heading = translation.gettext("Progress on the commitments")
        bar = translation.gettext(
            "%(area)s: %(planned)s planned, %(under_way)s under way, %(achieved)s achieved"
        ) % {"area": "Mobility", "planned": 0, "under_way": 3, "achieved": 0}
    assert f"<h1>{heading}</h1>" in html
    # each bar is an image named by its numbers, and the table holds them too
    bars = r'<svg class="progress-chart__bar"[^>]*role="img" aria-label="([^"]+)"'
    labels = re.findall(bars, html)
    assert len(labels) == 2  # the areas with commitments
    assert labels[1] == bar  # in the areas' order
    rows = re.findall(r'<tr id="progress-([\w-]+)">(.*?)</tr>', html, re.S)
    cells = {slug: re.findall(r'<td class="num">([^<]*)</td>', row) for slug, row in rows}
    assert cells["mobility"][:4] == ["3", "0", "3", "0"]
    assert cells["mobility"][4].strip().startswith("55 %")
    assert cells["gender-equality"] == ["0", "0", "0", "0", "—", "—"]
    assert cells["mobility"][5] == "0 (0 %)"
    assert "First lane opened." in html and 'href="/' in html
    assert "Hidden" not in html


@pytest.mark.django_db
def test_with_no_commitment_the_page_says_so(client, areas):
    html = client.get("/signatories/progress/").content.decode()
    assert "No commitment has been published yet." in html
    assert "<table" not in html


@pytest.mark.django_db
def test_the_area_page_sums_up_its_commitments_and_links_to_the_progress_page(client, commitments):
    html = client.get("/toolkit/mobility/").content.decode()
    assert "3 commitments: 0 planned, 3 under way, 0 achieved." in html
    assert "The 2 under way that state how far along they are: 55 % on average." in html
    assert 'href="/signatories/progress/#progress-mobility"' in html
    assert 'role="img" aria-label="Mobility: 0 planned, 3 under way, 0 achieved"' in html


@pytest.mark.django_db
def test_the_dashboard_shows_the_same_figures(client, commitments):
    officer = User.objects.create_user("officer", password="x", is_staff=True)
    officer.user_permissions.add(Permission.objects.get(codename="view_commitment"))
    client.force_login(officer)
    html = client.get("/admin/dashboard/").content.decode()
    rows = dict(re.findall(r'<tr id="progress-([\w-]+)">(.*?)</tr>', html, re.S))
    assert re.findall(r'<td class="num">([^<]*)</td>', rows["mobility"])[:4] == [
        "3", "0", "3", "0",
    ]  # fmt: skip
    assert 'href="/signatories/progress/"' in html


@pytest.mark.django_db
def test_staff_without_the_permission_do_not_see_them(client, commitments):
    client.force_login(User.objects.create_user("curator", password="x", is_staff=True))
    html = client.get("/admin/dashboard/").content.decode()
    assert 'id="progress-heading"' not in html


@pytest.fixture
def joined(city, areas):
    city.themes.set([areas["mobility"]])
    Commitment.objects.create(
        signatory=city, theme=areas["mobility"], statement="Bus lanes.", status="under_way"
    )
    return city


@pytest.mark.django_db
def test_a_signatory_states_how_far_along_and_the_officer_sees_it(client, joined):
    url = link_for(joined)
    values = form_values(client.get(url).content.decode())
    assert values["mobility-progress"] == ""
    values["mobility-progress"] = "40"
    assert client.post(url, values).status_code == 200
    change = ProfileChange.objects.get()
    assert change.proposed["commitments"]["mobility"]["progress"] == 40

    officer = User.objects.create_superuser("officer", "o@example.org", "x")
    client.force_login(officer)
    review = client.get(f"/admin/commitments/profilechange/{change.pk}/change/").content.decode()
    assert "Under way (40 %): Bus lanes." in review

    approve(change)
    assert Commitment.objects.get(signatory=joined).progress == 40
    profile = client.get(joined.get_absolute_url()).content.decode()
    assert "Under way · 40 %" in profile


@pytest.mark.django_db
@pytest.mark.parametrize(
    "progress, status",
    [("101", "under_way"), ("-1", "under_way"), ("forty", "under_way"), ("4\x000", "under_way"),
     ("9" * 40, "under_way"), ("40", "planned"), ("40", "achieved")],
)  # fmt: skip
def test_a_percentage_out_of_range_or_without_work_under_way_is_refused_with_a_reason(
    client, joined, progress, status
):
    url = link_for(joined)
    values = form_values(client.get(url).content.decode())
    values.update({"mobility-progress": progress, "mobility-status": status})
    response = client.post(url, values)
    assert response.status_code == 400
    assert 'id="id_mobility-progress_error"' in response.content.decode()
    assert not ProfileChange.objects.exists()


@pytest.mark.django_db
def test_an_update_sent_before_percentages_existed_can_still_be_approved(joined):
    before = current_profile(joined)
    for item in before["commitments"].values():
        del item["progress"]  # as recorded then
    proposed = {**before, "profile": "We share streets."}
    change = ProfileChange.objects.create(signatory=joined, before=before, proposed=proposed)
    approve(change)
    joined.refresh_from_db()
    assert joined.profile == "We share streets."
    assert Commitment.objects.get(signatory=joined).progress is None


@pytest.mark.django_db
def test_the_address_of_the_progress_page_is_never_a_profile(areas):
    named = signatory("Progress")
    named.refresh_from_db()
    assert named.slug and named.slug != "progress"


@pytest.mark.django_db
def test_the_overdue_share_counts_what_is_late_and_not_achieved(client, commitments):
    with time_machine.travel(datetime.date.today() + datetime.timedelta(days=365 + 61)):
        progress = commitment_progress(label="All areas")
        html = client.get("/signatories/progress/").content.decode()
    rows = {row.theme.slug: row for row in progress.areas}
    assert (rows["mobility"].overdue, rows["housing"].overdue) == (3, 1)  # achieved is not late
    assert (progress.overall.overdue, progress.overall.overdue_share) == (4, 80)
    assert "4 of them (80 %) are overdue for an update." in html
    fresh = client.get("/signatories/progress/").content.decode()
    assert "overdue for an update" not in fresh
