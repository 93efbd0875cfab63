"""The outbox's two tables move here from signatories/ with their names and rows: this
migration only tells Django's state (signatories 0015 forgets them there)."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

import outbox.registry


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('signatories', '0014_possible_duplicates_kept_and_address_requests'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='AddressRequest',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('attempts', models.PositiveIntegerField(default=0, verbose_name='attempts')),
                        ('queued_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='queued at')),
                        ('next_attempt_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='next attempt at')),
                        ('last_error', models.TextField(blank=True, verbose_name='last error')),
                        ('kind', models.CharField(max_length=30, verbose_name='kind')),
                        ('email', models.EmailField(max_length=254, verbose_name='email address')),
                        ('payload', models.JSONField(default=dict, verbose_name='what was asked')),
                        ('status', models.CharField(choices=[('pending', 'Waiting'), ('failed', 'Failed')], default='pending', max_length=10, verbose_name='status')),
                    ],
                    options={
                        'verbose_name': 'request by email address',
                        'verbose_name_plural': 'requests by email address',
                        'db_table': 'signatories_addressrequest',
                        'indexes': [models.Index(fields=['status', 'next_attempt_at'], name='signatories_status_8b25a6_idx')],
                    },
                ),
                migrations.CreateModel(
                    name='Notification',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('attempts', models.PositiveIntegerField(default=0, verbose_name='attempts')),
                        ('queued_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='queued at')),
                        ('next_attempt_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='next attempt at')),
                        ('last_error', models.TextField(blank=True, verbose_name='last error')),
                        ('kind', models.CharField(choices=outbox.registry.email_kind_choices, max_length=20, verbose_name='kind')),
                        ('priority', models.PositiveSmallIntegerField(choices=[(0, 'Someone is waiting for it'), (1, 'Bulk (digests)')], default=0, verbose_name='priority')),
                        ('headers', models.JSONField(blank=True, default=dict, verbose_name='headers')),
                        ('to', models.EmailField(max_length=254, verbose_name='to')),
                        ('reply_to', models.EmailField(blank=True, max_length=254, verbose_name='reply to')),
                        ('subject', models.CharField(max_length=300, verbose_name='subject')),
                        ('text_body', models.TextField(verbose_name='text')),
                        ('html_body', models.TextField(verbose_name='HTML')),
                        ('message_id', models.CharField(max_length=255, unique=True, verbose_name='Message-ID')),
                        ('status', models.CharField(choices=[('pending', 'Waiting to be sent'), ('sent', 'Sent'), ('failed', 'Failed')], default='pending', max_length=10, verbose_name='status')),
                        ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='sent at')),
                        # Until 0002 copies it into `about`: the table's column as it is.
                        ('signatory', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='signatories.signatory')),
                    ],
                    options={
                        'verbose_name': 'email notification',
                        'verbose_name_plural': 'email notifications',
                        'db_table': 'signatories_notification',
                        'ordering': ['-queued_at'],
                        'indexes': [models.Index(fields=['status', 'next_attempt_at'], name='signatories_status_4a0622_idx'), models.Index(fields=['status', 'priority', 'next_attempt_at'], name='outbox_claim_order')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
