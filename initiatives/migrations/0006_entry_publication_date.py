import django.utils.timezone
from django.db import migrations, models
from django.db.models.functions import TruncDate


def date_existing_entries(apps, schema_editor):
    # Entries already published have been public since they were created.
    Entry = apps.get_model("initiatives", "Entry")
    Entry.objects.update(published_on=TruncDate("created_at"))


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0005_published_newest_index")]

    operations = [
        migrations.AddField(
            model_name="entry",
            name="published_on",
            field=models.DateField(
                default=django.utils.timezone.localdate,
                help_text="Published content with a future date stays hidden until that day.",
                verbose_name="publication date",
            ),
        ),
        migrations.RunPython(date_existing_entries, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="entry",
            name="date",
            field=models.DateField(
                blank=True,
                help_text="When the talk or event took place; leave empty when it is not known.",
                null=True,
                verbose_name="date",
            ),
        ),
    ]
