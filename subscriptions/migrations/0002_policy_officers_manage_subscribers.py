from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Policy officers"
CODENAMES = ["view_subscription", "delete_subscription"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("subscriptions")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="subscriptions", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name=GROUP):
        group.permissions.remove(*group.permissions.filter(codename__in=CODENAMES))


class Migration(migrations.Migration):
    dependencies = [
        ("subscriptions", "0001_subscriptions_and_their_emails"),
        ("signatories", "0004_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
