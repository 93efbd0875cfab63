import datetime

from django.db import migrations

# What Metropolis reported in its news of 29 June 2021 (see fixtures/signatories.json).
REPORTED = {
    "more_than": 30,
    "source": "Metropolis news of 29 June 2021 announcing the toolkit",
    "source_url": "",
}
REPORTED_ON = datetime.date(2021, 6, 29)


def add(apps, schema_editor):
    ReportedTotal = apps.get_model("signatories", "ReportedTotal")
    ReportedTotal.objects.get_or_create(reported_on=REPORTED_ON, defaults=REPORTED)


def remove(apps, schema_editor):
    apps.get_model("signatories", "ReportedTotal").objects.filter(
        reported_on=REPORTED_ON, **REPORTED
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("signatories", "0006_policy_officers_keep_reported_totals")]

    operations = [migrations.RunPython(add, remove)]
