"""Translators export what is missing or out of date as a PO file and import it back:
a dry run first, then the changes; a malformed file changes nothing."""

import polib
import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from reversion.models import Version

from signatories.models import Signatory
from tests.factories import make_insight
from tests.publishing.test_translation_status import translate
from toolkit.models import Insight
from toolkit_portal.roles import TRANSLATORS

URL = "/admin/translations/"


@pytest.fixture
def content(theme):
    done = make_insight(theme=theme, title="Done", summary="S", body="B")
    translate(done, "fr", title="Fait", summary="S fr", body="B fr")
    stale = make_insight(theme=theme, title="Stale", summary="S", body="B")
    translate(stale, "fr", title="Périmé", summary="S fr", body="B fr")
    translate(stale, "en", body="New English body")
    todo = make_insight(theme=theme, title="To do", summary="Sum", body="Body")
    return done, stale, todo


def download(admin_client, code="fr") -> polib.POFile:
    response = admin_client.get(f"{URL}?export={code}")
    assert response.status_code == 200
    assert f"toolkit-content-{code}-" in response["Content-Disposition"]
    return polib.pofile(response.content.decode())


def upload(admin_client, po, code="fr", **extra):
    data = {"language": code, "file": SimpleUploadedFile("fr.po", str(po).encode()), **extra}
    return admin_client.post(URL, data)


@pytest.mark.django_db
def test_the_export_holds_what_is_missing_or_out_of_date_and_marks_stale_text_fuzzy(
    admin_client, content
):
    done, stale, todo = content
    po = download(admin_client)
    contexts = {entry.msgctxt: entry for entry in po}
    assert f"toolkit.insight:{done.pk}:title" not in contexts  # complete: not exported
    assert contexts[f"toolkit.insight:{todo.pk}:title"].msgid == "To do"
    assert contexts[f"toolkit.insight:{todo.pk}:title"].msgstr == ""
    assert contexts[f"toolkit.insight:{stale.pk}:body"].msgid == "New English body"
    assert contexts[f"toolkit.insight:{stale.pk}:body"].fuzzy
    assert po.metadata["Language"] == "fr"


@pytest.mark.django_db
def test_importing_shows_a_dry_run_then_applies_and_the_stale_notice_disappears(
    admin_client, client, content
):
    _done, stale, todo = content
    po = download(admin_client)
    for entry in po:
        entry.msgstr = f"FR {entry.msgid}"
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    checked = upload(admin_client, po)
    body = checked.content.decode()
    assert checked.status_code == 200 and "What this file would change" in body
    assert "FR New English body" in body
    todo.refresh_from_db()
    assert todo.title_fr in (None, "")  # nothing written by the dry run
    token = body.split('name="checked" value="')[1].split('"')[0]
    applied = admin_client.post(URL, {"language": "fr", "checked": token})
    assert applied.status_code == 302 and applied["Location"] == URL  # not the admin home
    back = admin_client.get(URL).content.decode()
    items = len({entry.msgctxt.rsplit(":", 1)[0] for entry in po})  # the area, the total too
    assert f"Translations into French applied: {items} items changed." in back
    french = back[back.index('id="backlog-fr"') : back.index('id="backlog-es"')]
    assert '<th scope="row">All</th>' + '<td class="num">0</td>' * 3 in french  # none left
    todo.refresh_from_db()
    stale.refresh_from_db()
    assert todo.title_fr == "FR To do" and todo.translation_status("fr") == "complete"
    assert stale.translation_status("fr") == "complete"
    assert (
        "data-stale-translation"
        not in client.get(f"/fr{stale.get_absolute_url()}").content.decode()
    )
    assert (
        Version.objects.get_for_object(todo).first().revision.get_comment()
        == "Translation into French imported from a PO file."
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'msgid "unterminated\nmsgstr', "not a valid PO file"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b'msgid ""\nmsgstr ""\n"Language: es\\n"\n', "The file is in Spanish, not in French."),
        (b'msgid ""\nmsgstr ""\n"Language: de_DE\\n"\n', "The file is in German, not in French."),
        (b'msgid ""\nmsgstr ""\n"Language: xx\\n"\n', "The file is in “xx”, not in French."),
    ],
)
def test_a_malformed_file_gives_a_clear_error_and_changes_nothing(
    admin_client, content, data, message
):
    response = admin_client.post(URL, {"language": "fr", "file": SimpleUploadedFile("x.po", data)})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert (
        list(Insight.objects.values_list("title_fr", flat=True)).count(None)
        + list(Insight.objects.values_list("title_fr", flat=True)).count("")
        == 1
    )


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["x" * 10_000, "fr\x00", "%(file)s", "-", "_fr", "\u202efr"])
def test_any_language_header_gets_a_clear_answer(admin_client, content, language):
    po = polib.POFile()
    po.metadata = {"Language": language}
    response = upload(admin_client, po)
    assert response.status_code == 400
    assert "not in French." in response.content.decode()


@pytest.mark.django_db
def test_a_file_for_a_regional_french_is_french(admin_client, content):
    _done, _stale, todo = content
    po = polib.POFile()
    po.metadata = {"Language": "fr_FR"}
    po.append(polib.POEntry(msgctxt=f"toolkit.insight:{todo.pk}:title", msgid="To do",
                            msgstr="À faire"))  # fmt: skip
    response = upload(admin_client, po)
    assert response.status_code == 200 and "À faire" in response.content.decode()


@pytest.mark.django_db
def test_a_partial_translation_is_exported_with_what_is_done(admin_client, theme):
    half = make_insight(theme=theme, title="Half", summary="Sum", body="Body")
    translate(half, "fr", title="Moitié")
    contexts = {entry.msgctxt: entry for entry in download(admin_client)}
    title = contexts[f"toolkit.insight:{half.pk}:title"]
    assert title.msgstr == "Moitié" and not title.fuzzy  # made from this English text
    assert contexts[f"toolkit.insight:{half.pk}:body"].msgstr == ""
    assert "(partial)" in title.comment
    translate(half, "en", title="Half, renamed")
    title = {e.msgctxt: e for e in download(admin_client)}[f"toolkit.insight:{half.pk}:title"]
    assert title.msgid == "Half, renamed" and title.fuzzy  # made from an older text


@pytest.mark.django_db
def test_entries_that_do_not_fit_are_left_out_with_a_reason(admin_client, content):
    _done, _stale, todo = content
    po = polib.POFile()
    po.metadata = {"Language": "fr"}
    entries = [
        ("toolkit.insight:999999999999999999999:title", "x"),
        ("auth.user:1:username", "x"),
        (f"toolkit.insight:{todo.pk}:title", "Not the English text"),
        ("nonsense", "x"),
        (f"toolkit.insight:{todo.pk}:summary", "Sum"),
    ]
    for ctx, msgid in entries:
        po.append(polib.POEntry(msgctxt=ctx, msgid=msgid, msgstr="y" * 400))
    po.append(
        polib.POEntry(msgctxt=f"toolkit.insight:{todo.pk}:body", msgid="Body", msgstr="a\x00b")
    )
    body = upload(admin_client, po).content.decode()
    for reason in ["no longer exists", "not a translatable field", "English text changed",
                   "not an item of this portal", "Ensure this value has at most 300",
                   "NUL character"]:  # fmt: skip
        assert reason in body, reason
    assert "Apply these changes" not in body


@pytest.mark.django_db
def test_a_translator_exports_only_what_they_may_import(admin_client, client, content):
    Signatory.objects.create(organisation="Noted", kind="government", public_note="A note")
    translator = User.objects.create_user("translator", is_staff=True)
    translator.groups.add(Group.objects.get(name=TRANSLATORS))
    client.force_login(translator)
    kinds = lambda po: {entry.msgctxt.split(":")[0] for entry in po}  # noqa: E731
    assert "signatories.signatory" in kinds(download(admin_client))
    assert kinds(download(client)) == {"toolkit.insight", "toolkit.theme"}


@pytest.mark.django_db
def test_translation_files_are_for_staff_only(client, content):
    assert client.get(f"{URL}?export=fr").status_code == 302
