import re

import pytest
from django.core import mail

from lib.spam import seconds_since
from outbox.models import Notification
from pagecache.versions import content_version
from signatories import models, names, services, similar
from signatories.models import Signatory
from tests.signatories.conftest import started_seconds_ago


def post(client, data, **extra):
    return client.post("/join/", data, **extra)


@pytest.mark.django_db
def test_join_form_marks_required_fields_and_links_the_privacy_notice(client):
    body = client.get("/join/").content.decode()
    assert body.count("(required)") == 6
    assert 'href="/join/privacy/"' in body
    assert 'name="csrfmiddlewaretoken"' in body
    assert 'name="fax_number"' in body  # the honeypot is there, hidden
    assert 'name="started"' in body


@pytest.mark.django_db
def test_valid_request_is_stored_pending_and_redirects_to_thanks(client, join_data, theme):
    response = post(client, join_data(themes=[theme.pk]))

    assert response.status_code == 302
    assert response["Location"] == "/join/thanks/"
    signatory = Signatory.objects.get()
    assert signatory.status == Signatory.Status.PENDING
    assert signatory.organisation == "Metropolitan Area of Testville"
    assert signatory.country.code == "BR"
    assert signatory.region == "americas"
    assert list(signatory.themes.all()) == [theme]
    assert signatory.consent_at is not None and signatory.consent_version
    assert signatory.language == "en"
    thanks = client.get("/join/thanks/").content.decode()
    assert "What happens next" in thanks


@pytest.mark.django_db
def test_emails_are_queued_not_sent_during_the_request(client, join_data, mailoutbox):
    post(client, join_data())

    assert mailoutbox == []
    kinds = sorted(Notification.objects.values_list("kind", "to"))
    assert kinds == [
        ("acknowledgement", "ana@testville.example.org"),
        ("new_request", "policy-officer@example.org"),
    ]


@pytest.mark.django_db
def test_missing_fields_are_reported_next_to_each_field_and_input_is_kept(client, join_data):
    response = post(client, join_data(organisation="", contact_email="", city="Montréal"))

    body = response.content.decode()
    assert response.status_code == 400
    assert Signatory.objects.count() == 0
    assert 'id="id_organisation_error"' in body
    assert 'aria-describedby="id_contact_email_hint id_contact_email_error"' in body
    assert 'aria-invalid="true"' in body
    assert 'value="Montréal"' in body
    assert 'value="Ana Example"' in body
    assert 'href="#id_organisation"' in body  # the error summary links to the field


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("contact_email", "not-an-email", "Enter a valid email address."),
        ("website", "http://", "Enter a valid URL."),
        ("organisation", "x" * 10_000, "at most 200 characters"),
        ("message", "y" * 10_000, "at most 2000 characters"),
        ("country", "ZZ", "Select a valid choice."),
        ("kind", "emperor", "Select a valid choice."),
        ("organisation", "\x00\x01", "Null characters are not allowed."),
    ],
)
def test_bad_input_gets_a_clear_message_not_a_500(client, join_data, field, value, message):
    response = post(client, join_data(**{field: value}))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Signatory.objects.count() == 0


@pytest.mark.django_db
def test_unknown_theme_ids_are_rejected(client, join_data):
    response = post(client, join_data(themes=["999999", "abc"]))
    assert response.status_code == 400
    assert Signatory.objects.count() == 0


@pytest.mark.django_db
def test_control_characters_are_removed_and_spaces_tidied(client, join_data):
    post(
        client, join_data(organisation="  Metro\x07polis\x1b  Area ", message="Line 1\nLine\x0c 2")
    )
    signatory = Signatory.objects.get()
    assert signatory.organisation == "Metropolis Area"
    assert signatory.message == "Line 1\nLine 2"


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["São Paulo", "Montréal", "北京市人民政府", "Città metropolitana"])
def test_non_ascii_names_are_stored_and_shown(client, join_data, name):
    post(client, join_data(organisation=name, city=name))
    signatory = Signatory.objects.get()
    signatory.status = Signatory.Status.APPROVED
    signatory.save()
    assert name in client.get("/signatories/").content.decode()


@pytest.mark.django_db
def test_markup_in_the_organisation_name_is_shown_as_text(client, join_data):
    post(client, join_data(organisation="<script>alert(1)</script> City"))
    Signatory.objects.update(status=Signatory.Status.APPROVED)

    body = client.get("/signatories/").content.decode()

    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt; City" in body
    officer_email = Notification.objects.get(kind="new_request")
    assert "<script>" not in officer_email.html_body
    assert "<script>alert(1)</script> City" in officer_email.text_body


@pytest.mark.django_db
def test_consent_is_required(client, join_data):
    response = post(client, join_data(consent=None))
    assert "Please agree to the privacy notice" in response.content.decode()
    assert Signatory.objects.count() == 0


@pytest.mark.django_db
def test_honeypot_submissions_look_accepted_but_are_not_stored(client, join_data):
    response = post(client, join_data(fax_number="+1 555 0100"))
    assert response.status_code == 302
    assert Signatory.objects.count() == 0
    assert Notification.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("started", ["just now", "forged:token", ""])
def test_forms_sent_too_fast_or_without_a_valid_stamp_are_refused_with_input_kept(
    client, join_data, started
):
    if started == "just now":
        started = started_seconds_ago(0)
    response = post(client, join_data(started=started))
    body = response.content.decode()
    assert response.status_code == 400
    assert "send the form again" in body
    assert 'value="Ana Example"' in body
    assert Signatory.objects.count() == 0
    # A forged or missing stamp is replaced; a genuine one is kept (refused until its time).
    genuine = seconds_since(started) is not None
    assert (f'name="started" value="{started}"' in body) == genuine


@pytest.mark.django_db
def test_the_time_counts_from_the_first_page_through_error_pages(client, join_data, settings):
    """Shown the error, a person ticks the consent box and sends at once: accepted."""
    settings.FORM_MIN_SECONDS = 5
    first = post(client, join_data(consent=None))
    assert first.status_code == 400
    kept = re.search(r'name="started" value="([^"]+)"', first.content.decode()).group(1)
    assert kept == join_data()["started"] or seconds_since(kept) > 50  # the original stamp
    assert post(client, join_data(started=kept)).status_code == 302
    assert Signatory.objects.count() == 1


@pytest.mark.django_db
def test_a_stamp_kept_through_an_error_page_is_still_refused_while_too_recent(
    client, join_data, settings
):
    settings.FORM_MIN_SECONDS = 30
    first = post(client, join_data(consent=None, started=started_seconds_ago(1)))
    kept = re.search(r'name="started" value="([^"]+)"', first.content.decode()).group(1)
    again = post(client, join_data(started=kept))
    assert again.status_code == 400 and "send the form again" in again.content.decode()
    assert Signatory.objects.count() == 0


@pytest.mark.django_db
def test_the_error_summary_counts_the_answers_and_links_each_field(client, join_data):
    body = post(client, join_data(organisation="", contact_email="not-an-address")).content.decode()
    summary = re.search(r'<div[^>]*id="error-summary".*?</div>', body, re.S).group(0)
    assert "2 answers need your attention:" in summary
    assert '<a href="#id_organisation">Name of the institution</a>' in summary
    assert '<a href="#id_contact_email">Your email address</a>' in summary
    one = post(client, join_data(consent=None))
    assert "1 answer needs your attention:" in one.content.decode()
    french = client.post("/fr/join/", join_data(consent=None)).content.decode()
    assert "1 réponse demande votre attention :" in french


@pytest.mark.django_db
def test_a_request_like_a_pending_one_is_kept_for_the_officer_as_a_possible_duplicate(
    client, join_data
):
    post(client, join_data())
    response = post(
        client,
        join_data(organisation="METROPOLITAN AREA OF TESTVILLE", contact_email="other@x.example"),
    )
    assert response.status_code == 302  # as for any other request: nothing is revealed
    first, second = Signatory.objects.order_by("pk")
    assert not first.possible_duplicate and second.possible_duplicate
    assert second.status == Signatory.Status.PENDING
    told = Notification.objects.get(signatory=second, kind="new_request")
    assert "Possible duplicate" in told.text_body and "Possible duplicate" in told.html_body
    acknowledged = Notification.objects.get(signatory=second, kind="acknowledgement")
    assert "duplicate" not in acknowledged.text_body  # the applicant learns nothing more


@pytest.mark.django_db
def test_a_request_with_the_contact_address_of_an_approved_one_is_kept_as_a_possible_duplicate(
    client, join_data
):
    post(client, join_data())
    Signatory.objects.update(status=Signatory.Status.APPROVED)
    response = post(
        client, join_data(organisation="Another body", contact_email="ANA@testville.example.org")
    )
    assert response.status_code == 302
    assert Signatory.objects.filter(possible_duplicate=True).count() == 1


def without_what_was_typed(html: str, *typed: str) -> str:
    html = re.sub(r'value="[^"]*"| selected', "", html)
    for text in typed:
        html = html.replace(text, "")
    return html


@pytest.mark.django_db
@pytest.mark.parametrize("consent", ["", "on"])
def test_the_form_answers_the_same_for_a_known_address_or_pending_institution(
    client, join_data, consent
):
    """Whether the address or institution has asked to join is nobody's business: the
    answer (status and page) is the same as for a stranger, valid form or not."""
    services.signatory_submit(
        fields={"organisation": "Secret Metropolis", "kind": "government", "city": "S",
                "country": "FR", "website": "", "contact_name": "P", "contact_role": "",
                "contact_email": "pending@secret.example", "message": ""},
        themes=[], language="en",
    )  # fmt: skip
    Signatory.objects.create(
        organisation="Known Council", kind="government", country="PT", status="approved",
        contact_email="approved@known.example",
    )  # fmt: skip
    probes = [
        ("Nobody Town", "DE", "stranger@nowhere.example"),
        ("Other Town", "DE", "pending@secret.example"),
        ("Third Town", "DE", "APPROVED@known.example"),
        ("Secret Metropolis", "FR", "someone@else.example"),
    ]
    answers = set()
    for organisation, country, email in probes:
        data = join_data(
            organisation=organisation, country=country, contact_email=email, consent=consent
        )
        response = post(client, data)
        html = without_what_was_typed(response.content.decode(), organisation, email)
        answers.add((response.status_code, html if response.status_code != 302 else ""))
    assert len(answers) == 1, [status for status, _html in answers]
    assert {status for status, _html in answers} == {302 if consent else 400}


@pytest.mark.django_db
def test_invalid_submissions_count_towards_the_rate_limit(client, join_data, settings):
    settings.JOIN_RATE_LIMIT = 3
    for _n in range(3):
        assert post(client, join_data(consent="")).status_code == 400
    response = post(client, join_data())
    assert response.status_code == 429
    assert Signatory.objects.count() == 0
    assert 'value="Metropolitan Area of Testville"' in response.content.decode()


@pytest.mark.django_db
def test_same_organisation_in_another_country_is_a_different_institution(client, join_data):
    post(client, join_data())
    post(client, join_data(country="PT", contact_email="other@x.example"))
    assert Signatory.objects.count() == 2


@pytest.mark.django_db
def test_a_declined_institution_may_ask_again(client, join_data):
    post(client, join_data())
    Signatory.objects.update(status=Signatory.Status.DECLINED)
    post(client, join_data())
    assert Signatory.objects.count() == 2


@pytest.mark.django_db
def test_two_requests_for_one_institution_at_once_are_both_kept(join_data):
    fields = {
        "organisation": "Race City",
        "kind": "government",
        "city": "Race",
        "country": "FR",
        "website": "",
        "contact_name": "A",
        "contact_role": "",
        "contact_email": "a@race.example",
        "message": "",
    }
    services.signatory_submit(fields=fields, themes=[], language="en")
    services.signatory_submit(
        fields={**fields, "contact_email": "b@race.example"}, themes=[], language="en"
    )
    assert Signatory.objects.count() == 2
    assert Notification.objects.count() == 4


@pytest.mark.django_db
def test_too_many_submissions_from_one_client_get_a_429_with_input_kept(
    client, join_data, settings
):
    settings.JOIN_RATE_LIMIT = 2
    for n, name in enumerate(["Lima Metropolitana", "Quito Distrito"]):
        response = post(client, join_data(organisation=name, contact_email=f"p{n}@x.example"))
        assert response.status_code == 302
    post(client, join_data(organisation="Third", contact_email="p3@x.example"))
    response = post(client, join_data(organisation="Fourth", contact_email="p4@x.example"))

    assert response.status_code == 429
    body = response.content.decode()
    assert "Too many requests" in body
    assert 'value="Fourth"' in body
    assert not Signatory.objects.filter(organisation__in=["Third", "Fourth"]).exists()


@pytest.mark.django_db
def test_rate_limit_counts_each_client_separately(client, join_data, settings):
    settings.JOIN_RATE_LIMIT = 1
    post(client, join_data(), REMOTE_ADDR="192.0.2.1")
    response = post(
        client,
        join_data(organisation="Other", contact_email="o@x.example"),
        REMOTE_ADDR="192.0.2.2",
    )
    assert response.status_code == 302
    assert Signatory.objects.count() == 2


@pytest.mark.django_db
def test_csrf_is_enforced(join_data):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/join/", join_data())
    assert response.status_code == 403
    assert Signatory.objects.count() == 0


@pytest.mark.django_db
def test_other_methods_are_refused(client):
    assert client.put("/join/").status_code == 405


def test_no_email_is_sent_inline(mailoutbox):
    assert mail.outbox == []


@pytest.mark.django_db
@pytest.mark.parametrize("value", [str(10**30), str(-(10**30)), "9" * 400, "1e999"])
def test_a_join_request_with_an_area_id_out_of_range_is_refused_with_a_400(
    client, join_data, theme, value
):
    response = client.post("/join/", join_data(themes=[str(theme.pk), value]))
    assert response.status_code == 400
    assert "Ana Example" in response.content.decode()  # what was typed is kept
    assert Signatory.objects.count() == 0


@pytest.mark.django_db
def test_contact_addresses_are_stored_in_one_form(client, join_data):
    post(client, join_data(contact_email=" Ana@BÜCHER.test "))
    assert Signatory.objects.get().contact_email == "ana@bücher.test"


@pytest.mark.django_db
def test_a_join_request_with_areas_leaves_every_cached_page_warm(client, join_data, theme):
    """A pending request shows nowhere public, nor do the areas it names."""
    assert client.get("/toolkit/")["X-Page-Cache"] == "miss"
    version = content_version()
    assert post(client, join_data(themes=[theme.pk])).status_code == 302
    assert content_version() == version
    assert client.get("/toolkit/")["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_the_duplicate_check_reads_stored_name_keys_whatever_the_number_of_requests(
    monkeypatch, django_assert_num_queries
):
    """Two queries (the same institution or address; similar names), and the new name's
    key computed once for each: never a key per stored request (signatories/names.py)."""
    for n in range(30):
        Signatory.objects.create(organisation=f"Ville de Testville {n}", kind="other", country="BR")
    computed = []
    monkeypatch.setattr(names, "name_key", lambda name: computed.append(name) or "")
    for module in (models, similar):
        monkeypatch.setattr(module, "name_key", lambda name: computed.append(name) or "x")
    new = Signatory(organisation="Testville", country="BR", contact_email="a@testville.example")
    with django_assert_num_queries(2):
        assert services.looks_like_an_earlier_request(new) is False
    assert computed == ["Testville", "Testville"]


@pytest.mark.django_db
def test_a_request_keeps_the_key_of_its_name(join_data, client):
    post(client, join_data(organisation="Ville de Montréal (Québec)", country="CA"))
    signatory = Signatory.objects.get()
    assert signatory.name_key == "montreal"
    signatory.organisation = "City of Laval"
    signatory.save(update_fields=["organisation"])
    assert Signatory.objects.get().name_key == "laval"
