from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Policy officers"
CODENAMES = [
    "view_profilechange",
    "change_profilechange",
    *(f"{action}_{model}" for model in ("commitment", "milestone")
      for action in ("add", "change", "delete", "view")),
]  # fmt: skip


def grant(apps, schema_editor):
    app_config = apps.get_app_config("signatories")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="signatories", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name=GROUP):
        group.permissions.remove(*group.permissions.filter(codename__in=CODENAMES))


class Migration(migrations.Migration):
    dependencies = [("signatories", "0010_profile_addresses")]

    operations = [migrations.RunPython(grant, revoke)]
