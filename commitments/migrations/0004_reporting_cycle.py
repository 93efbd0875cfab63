"""The reporting cycle: when each commitment was last updated and its next update is due
(existing ones from the latest of their creation, their last dated update and their
signatory's approval), the reminders sent and the extensions granted."""

import datetime

import commitments.models.commitments
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def date_cycles_from_the_record(apps, schema_editor):
    Commitment = apps.get_model("commitments", "Commitment")
    every = datetime.timedelta(days=settings.COMMITMENT_UPDATE_EVERY_DAYS)
    commitments = Commitment.objects.select_related("signatory").annotate(
        last_update=models.Max("milestones__published_at")
    )
    changed = []
    for commitment in commitments:
        moments = [commitment.created_at, commitment.last_update, commitment.signatory.reviewed_at]
        began = max(timezone.localdate(moment) for moment in moments if moment is not None)
        commitment.last_reported_on, commitment.due_on = began, began + every
        changed.append(commitment)
    Commitment.objects.bulk_update(changed, ["last_reported_on", "due_on"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ('commitments', '0003_commitment_progress'),
        ('signatories', '0018_role_notes_and_sources_in_every_language'),
        ('toolkit', '0012_theme_search_vectors'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Extension',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('cycle_began_on', models.DateField(editable=False, verbose_name='cycle began on')),
                ('due_before', models.DateField(editable=False, verbose_name='due before')),
                ('due_after', models.DateField(editable=False, verbose_name='due after')),
                ('note', models.TextField(max_length=1000, verbose_name='note')),
                ('granted_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='granted')),
            ],
            options={
                'verbose_name': 'extension',
                'verbose_name_plural': 'extensions',
                'ordering': ['-granted_at'],
            },
        ),
        migrations.CreateModel(
            name='Reminder',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('due_on', models.DateField(verbose_name='due date reminded of')),
                ('days_before', models.PositiveSmallIntegerField(verbose_name='days before')),
                ('sent_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='sent')),
            ],
            options={
                'verbose_name': 'reminder',
                'verbose_name_plural': 'reminders',
                'ordering': ['-sent_at'],
            },
        ),
        migrations.AddField(
            model_name='commitment',
            name='due_on',
            field=models.DateField(default=commitments.models.commitments.first_due_date, editable=False, verbose_name='next update due'),
        ),
        migrations.AddField(
            model_name='commitment',
            name='last_reported_on',
            field=models.DateField(default=django.utils.timezone.localdate, editable=False, verbose_name='last updated'),
        ),
        migrations.AddIndex(
            model_name='commitment',
            index=models.Index(fields=['due_on'], name='commitment_due_on'),
        ),
        migrations.AddField(
            model_name='extension',
            name='commitment',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='extensions', to='commitments.commitment', verbose_name='commitment'),
        ),
        migrations.AddField(
            model_name='extension',
            name='granted_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='granted by'),
        ),
        migrations.AddField(
            model_name='reminder',
            name='commitment',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reminders', to='commitments.commitment', verbose_name='commitment'),
        ),
        migrations.AddConstraint(
            model_name='extension',
            constraint=models.UniqueConstraint(fields=('commitment', 'cycle_began_on'), name='one_extension_per_cycle'),
        ),
        migrations.AddConstraint(
            model_name='reminder',
            constraint=models.UniqueConstraint(fields=('commitment', 'due_on', 'days_before'), name='one_reminder_per_due_date'),
        ),
        migrations.RunPython(date_cycles_from_the_record, migrations.RunPython.noop),
    ]
