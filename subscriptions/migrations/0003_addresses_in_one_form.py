import unicodedata

from django.db import migrations


def normalise_emails(apps, schema_editor):
    """Addresses stored as typed become one form (lib.addresses.normalise_email); one that
    would collide with an address already in that form is left for staff to erase."""
    Subscription = apps.get_model("subscriptions", "Subscription")
    taken = set(Subscription.objects.values_list("email", flat=True))
    for pk, email in Subscription.objects.values_list("pk", "email"):
        normalised = unicodedata.normalize("NFC", email.strip()).lower()
        if normalised != email and normalised not in taken:
            Subscription.objects.filter(pk=pk).update(email=normalised)
            taken.add(normalised)


class Migration(migrations.Migration):
    dependencies = [("subscriptions", "0002_policy_officers_manage_subscribers")]

    operations = [migrations.RunPython(normalise_emails, migrations.RunPython.noop)]
