"""Commitments, their updates, update links and profile changes move here from
signatories/ with their tables and rows: this migration only tells Django's state
(signatories 0016 forgot them there)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('signatories', '0016_commitments_moved_to_their_app'),
        ('toolkit', '0011_indexes_for_lists_and_changes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Commitment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('statement', models.TextField(help_text='What the institution commits to do.', max_length=600, verbose_name='statement')),
                        ('status', models.CharField(choices=[('planned', 'Planned'), ('under_way', 'Under way'), ('achieved', 'Achieved')], default='planned', max_length=10, verbose_name='status')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='created')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                        ('signatory', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='commitments', to='signatories.signatory', verbose_name='signatory')),
                        ('theme', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='commitments', to='toolkit.theme', verbose_name='theme')),
                    ],
                    options={
                        'verbose_name': 'commitment',
                        'verbose_name_plural': 'commitments',
                        'db_table': 'signatories_commitment',
                        'ordering': ['theme__position'],
                    },
                ),
                migrations.CreateModel(
                    name='Milestone',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('happened_on', models.DateField(verbose_name='date')),
                        ('text', models.TextField(max_length=1000, verbose_name='what happened')),
                        ('published_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='published')),
                        ('commitment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='milestones', to='commitments.commitment', verbose_name='commitment')),
                    ],
                    options={
                        'verbose_name': 'update',
                        'verbose_name_plural': 'updates',
                        'db_table': 'signatories_milestone',
                        'ordering': ['-happened_on', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='UpdateLink',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('secret_hash', models.CharField(editable=False, max_length=64, unique=True)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='sent')),
                        ('expires_at', models.DateTimeField(editable=False, verbose_name='expires')),
                        ('used_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='used')),
                        ('signatory', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='update_links', to='signatories.signatory', verbose_name='signatory')),
                    ],
                    options={
                        'verbose_name': 'update link',
                        'verbose_name_plural': 'update links',
                        'db_table': 'signatories_updatelink',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='ProfileChange',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('before', models.JSONField(editable=False, verbose_name='profile before')),
                        ('proposed', models.JSONField(editable=False, verbose_name='proposed profile')),
                        ('status', models.CharField(choices=[('pending', 'Waiting for review'), ('approved', 'Approved'), ('declined', 'Declined')], default='pending', max_length=10, verbose_name='status')),
                        ('submitted_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='submitted')),
                        ('reviewed_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='reviewed')),
                        ('note', models.TextField(blank=True, help_text='Sent with the decision, e.g. why a change was declined.', max_length=1000, verbose_name='note to the signatory')),
                        ('reviewed_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='reviewed by')),
                        ('signatory', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='profile_changes', to='signatories.signatory', verbose_name='signatory')),
                        ('link', models.OneToOneField(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, to='commitments.updatelink')),
                    ],
                    options={
                        'verbose_name': 'profile update',
                        'verbose_name_plural': 'profile updates',
                        'db_table': 'signatories_profilechange',
                        'ordering': ['-submitted_at'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='commitment',
                    constraint=models.UniqueConstraint(fields=('signatory', 'theme'), name='one_commitment_per_area'),
                ),
                migrations.AddIndex(
                    model_name='profilechange',
                    index=models.Index(fields=['status', '-submitted_at'], name='signatories_status_985d06_idx'),
                ),
            ],
            database_operations=[],
        ),
    ]
