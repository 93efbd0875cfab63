"""Backups that restore: `backup` writes one archive, `restore` puts it back on an empty
machine (another database and media folder, through `manage.py` in a process of its own)
row for row and byte for byte; bad archives are refused before anything changes.

Runs on the database of the test run: SQLite, or PostgreSQL when DATABASE_URL says so."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from hashlib import sha256
from io import StringIO
from urllib.parse import quote

import psycopg2
import pytest
import reversion
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from media_library.models import Document, Image
from signatories.models import Signatory
from signatories.services import signatory_review, signatory_submit
from subscriptions.services import subscription_request
from tests.factories import make_entry, make_insight, make_theme
from tests.media_library.pictures import image_fields, pdf_bytes, picture_upload
from tests.media_library.test_object_storage import BUCKET, object_storage, s3_endpoint  # noqa: F401
from tests.snapshots import model_tables, snapshot
from toolkit.models import Theme


def manage(*args: str, machine: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**os.environ, "CACHE_URL": "locmemcache://", "AWS_STORAGE_BUCKET_NAME": "", **machine},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def empty_machine(tmp_path):
    """The environment of a machine with nothing on it: a SQLite file not yet created or
    a new PostgreSQL database on the test run's server, and an empty media folder."""
    media_root = str(tmp_path / "empty-machine-media")
    if connection.vendor == "sqlite":
        yield {
            "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
            "DJANGO_MEDIA_ROOT": media_root,
        }
        return
    server = connection.settings_dict
    name = f"{server['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    admin = psycopg2.connect(
        dbname="postgres",
        user=server["USER"],
        password=server["PASSWORD"],
        host=server["HOST"],
        port=server["PORT"],
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    credentials = quote(server["USER"]) + (
        f":{quote(server['PASSWORD'])}" if server["PASSWORD"] else ""
    )
    url = f"postgres://{credentials}@{server['HOST']}:{server['PORT'] or 5432}/{name}"
    try:
        yield {"DATABASE_URL": url, "DJANGO_MEDIA_ROOT": media_root}
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture
def own_media_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def fill_portal(admin_client, admin_user) -> None:
    """Some of everything: content with tags and versions, join requests and their
    emails, a subscription, a picture with its renditions, a document."""
    theme = make_theme()
    insight = make_insight(theme=theme, tags=["mobility", "care"])
    make_entry(themes=[theme], tags=["care"])
    with reversion.create_revision():
        reversion.set_user(admin_user)
        reversion.set_comment("Reworded")
        insight.title_fr = "Un titre"
        insight.save()
    contact = {"kind": "government", "city": "Lyon", "country": "FR", "website": "",
               "contact_role": "", "message": "Nous rejoignons l'appel."}  # fmt: skip
    approved = signatory_submit(
        fields={
            **contact,
            "organisation": "Ville A",
            "contact_name": "A",
            "contact_email": "a@a.example",
        },
        themes=[theme],
        language="fr",
    )
    signatory_review(signatory=approved, status=Signatory.Status.APPROVED, reviewer=admin_user)
    signatory_submit(
        fields={
            **contact,
            "organisation": "Ville B",
            "contact_name": "B",
            "contact_email": "b@b.example",
        },
        themes=[],
        language="en",
    )
    subscription_request(
        email="reader@example.org",
        choices={
            "everything": False,
            "language": "es",
            "rhythm": "weekly",
            "themes": [theme],
            "programmes": [],
        },
    )
    upload = {**image_fields(), "file": picture_upload(size=(700, 450))}
    assert admin_client.post("/admin/media_library/image/add/", upload).status_code == 302
    insight.image = Image.objects.get()
    insight.save()
    Document.objects.create(title="Report", file=ContentFile(pdf_bytes(), name="report.pdf"))
    call_command("run_worker", "--once", stdout=StringIO())  # renditions, emails sent
    assert Image.objects.get().renditions


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_every_row_and_every_media_file_on_an_empty_machine(
    admin_client, admin_user, own_media_folder, tmp_path, empty_machine
):
    fill_portal(admin_client, admin_user)
    archive = tmp_path / "backup.tar.gz"
    out = StringIO()
    call_command("backup", "--output", str(archive), stdout=out)
    assert f"Wrote {archive}" in out.getvalue()
    before = snapshot()

    restored = manage("restore", str(archive), machine=empty_machine)
    assert restored.returncode == 0, restored.stderr
    code = "from tests.snapshots import print_report; print_report()"
    report = manage("shell", "--no-imports", "-c", code, machine=empty_machine)
    assert report.returncode == 0, report.stderr
    after = json.loads(report.stdout)

    assert model_tables() <= before["rows"].keys()
    for table in (
        "reversion_version",
        "signatories_signatory_themes",
        "signatories_notification",
        "subscriptions_subscription",
        "media_library_image",
        "taggit_taggeditem",
    ):
        assert before["rows"][table], f"{table} should hold rows for this test to mean much"
    assert after["rows"] == before["rows"]
    assert len(before["media"]) >= 1 + 1 + 6  # original, document, renditions
    assert after["media"] == before["media"]
    assert after["pending_migrations"] == 0
    assert set(after["pages"].values()) == {200}
    assert after["picture_shown"]
    assert after["new_insight_pk"] > max(int(row[0]) for row in before["rows"]["toolkit_insight"])


def rewritten(archive, tmp_path, *, change=None, manifest=None, extra=None):
    """A copy of the archive with its members changed, its manifest edited, or an extra
    member added and listed in the manifest (so that only its name or kind is wrong)."""
    with tarfile.open(archive) as tar:
        members = {member.name: tar.extractfile(member).read() for member in tar}
    content = json.loads(members.pop("manifest.json"))
    if manifest:
        manifest(content)
    if extra:
        info, data = extra
        content["members"][info.name] = {"size": info.size, "sha256": sha256(data).hexdigest()}
        content["file_count"] += info.name.startswith("media/")
    copy = tmp_path / f"altered-{uuid.uuid4().hex[:6]}.tar.gz"
    with tarfile.open(copy, "w:gz") as tar:
        for name, data in [*members.items(), ("manifest.json", json.dumps(content).encode())]:
            data = change(name, data) if change else data
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        if extra:
            tar.addfile(extra[0], io.BytesIO(extra[1]))
    return copy


@pytest.fixture
def archive(transactional_db, own_media_folder, tmp_path):
    # Outside a test transaction, as `manage.py backup` runs: SQLite's backup API waits
    # for a connection that holds the write lock (BEGIN IMMEDIATE) to let go.
    default_storage.save("documents/report.pdf", ContentFile(b"%PDF-1.4 the report"))
    path = tmp_path / "backup.tar.gz"
    call_command("backup", "--output", str(path), stdout=StringIO())
    return path


def restore(path, *options):
    call_command("restore", str(path), *options, stdout=StringIO())


@pytest.mark.django_db(transaction=True)
def test_a_tampered_archive_is_refused_and_nothing_changes(archive, tmp_path, theme):
    def tamper(name, data):
        return data + b"!" if name == "media/documents/report.pdf" else data

    before = snapshot()
    with pytest.raises(CommandError, match="does not match its checksum"):
        restore(rewritten(archive, tmp_path, change=tamper), "--force")
    assert snapshot() == before
    assert Theme.objects.filter(pk=theme.pk).exists()


@pytest.mark.parametrize(
    ("name", "kind"),
    [("../outside.txt", tarfile.REGTYPE), ("/tmp/outside.txt", tarfile.REGTYPE),  # noqa: S108
     ("media/../../outside.txt", tarfile.REGTYPE), ("media/link", tarfile.SYMTYPE)],
)  # fmt: skip
@pytest.mark.django_db(transaction=True)
def test_a_member_outside_the_archive_folders_is_refused(archive, tmp_path, name, kind):
    info = tarfile.TarInfo(name)
    data = b"" if kind == tarfile.SYMTYPE else b"bad"
    info.type, info.linkname, info.size = kind, "/etc/passwd", len(data)
    evil = rewritten(archive, tmp_path, extra=(info, data))
    with pytest.raises(CommandError, match="Refused: .* (named|is not a file)"):
        restore(evil, "--force")
    assert not (tmp_path.parent / "outside.txt").exists()
    assert not default_storage.exists("link")


@pytest.mark.django_db(transaction=True)
def test_restoring_over_a_database_with_content_needs_force(archive, theme):
    with pytest.raises(CommandError, match="already holds content.*--force"):
        restore(archive)
    assert Theme.objects.filter(pk=theme.pk).exists()


def test_a_database_that_was_only_migrated_counts_as_empty(tmp_path):
    """What data migrations write (staff groups, the first reported total) is no content;
    the first theme is. The same migrations run on either database: SQLite is quicker."""
    code = (
        "from django.core.management import call_command; "
        "from toolkit_portal.backups.database import has_content; "
        "from tests.factories import make_theme; "
        "call_command('migrate', verbosity=0); print(has_content()); "
        "make_theme(); print(has_content())"
    )
    machine = {"DATABASE_URL": f"sqlite:///{tmp_path / 'migrated.sqlite3'}"}
    result = manage("shell", "--no-imports", "-c", code, machine=machine)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]


@pytest.mark.django_db(transaction=True)
def test_an_archive_of_another_database_or_from_newer_code_is_refused(archive, tmp_path):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"

    def other_vendor(manifest):
        manifest["database"]["vendor"] = other

    def newer_code(manifest):
        manifest["migrations"]["toolkit"] = "9999_from_the_future"

    with pytest.raises(CommandError, match=f"holds a {other} database"):
        restore(rewritten(archive, tmp_path, manifest=other_vendor))
    with pytest.raises(CommandError, match="newer code"):
        restore(rewritten(archive, tmp_path, manifest=newer_code))


@pytest.mark.django_db(transaction=True)
def test_a_missing_or_unreadable_archive_is_refused(archive, tmp_path):
    with pytest.raises(CommandError, match="No backup archive"):
        restore(tmp_path / "missing.tar.gz")
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[:2000])
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not an archive")
    for path in (truncated, junk):
        with pytest.raises(CommandError, match="not a readable backup archive"):
            restore(path)


@pytest.mark.django_db(transaction=True)
def test_media_in_object_storage_is_backed_up_and_restored_with_its_headers(
    object_storage,  # noqa: F811 - the fixture imported above
    tmp_path,
):
    rendition = "images/renditions/harbour-640.webp"
    default_storage.save(rendition, ContentFile(b"RIFF webp bytes"))
    default_storage.save("documents/deep/report.pdf", ContentFile(pdf_bytes()))
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", "--output", str(archive), stdout=StringIO())
    before = snapshot()
    for name in before["media"]:
        default_storage.delete(name)

    restore(archive, "--force")

    assert snapshot() == before
    assert set(before["media"]) == {rendition, "documents/deep/report.pdf"}
    head = object_storage.head_object(Bucket=BUCKET, Key=rendition)
    assert head["CacheControl"] == "public, max-age=31536000, immutable"
