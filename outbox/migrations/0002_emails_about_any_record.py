"""An email is about any record (a generic `about`) instead of a join request: the
outbox no longer knows signatories. Each email keeps the request it was about, and
the content types (so permissions, staff groups and the admin's history) follow the
models to this app."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import F

MOVED = ["notification", "addressrequest"]


def signatory_type(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label="signatories", model="signatory")[0]


def about_from_signatory(apps, schema_editor):
    Notification = apps.get_model("outbox", "Notification")
    Notification.objects.exclude(signatory=None).update(
        about_type=signatory_type(apps), about_id=F("signatory_id")
    )


def signatory_from_about(apps, schema_editor):
    Notification = apps.get_model("outbox", "Notification")
    Notification.objects.filter(about_type=signatory_type(apps)).update(signatory_id=F("about_id"))


def move_content_types(source, target):
    def move(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        for model in MOVED:
            if ContentType.objects.filter(app_label=source, model=model).exists():
                # One made for the new app before this ran holds nothing worth keeping.
                ContentType.objects.filter(app_label=target, model=model).delete()
                ContentType.objects.filter(app_label=source, model=model).update(app_label=target)

    return move


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('outbox', '0001_notifications_and_address_requests_from_signatories'),
        ('signatories', '0015_outbox_moved_to_its_app'),
    ]

    operations = [
        migrations.AddField(
            model_name='notification',
            name='about_id',
            field=models.PositiveBigIntegerField(blank=True, null=True, verbose_name='about (record)'),
        ),
        migrations.AddField(
            model_name='notification',
            name='about_type',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='contenttypes.contenttype', verbose_name='about (kind of record)'),
        ),
        migrations.RunPython(about_from_signatory, signatory_from_about),
        migrations.RemoveField(model_name='notification', name='signatory'),
        migrations.AddIndex(
            model_name='notification',
            index=models.Index(fields=['about_type', 'about_id'], name='outbox_about'),
        ),
        migrations.RunPython(
            move_content_types("signatories", "outbox"), move_content_types("outbox", "signatories")
        ),
    ]
