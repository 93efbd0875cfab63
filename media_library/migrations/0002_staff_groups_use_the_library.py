from django.contrib.auth.management import create_permissions
from django.db import migrations

CURATORS = "Content curators"
OFFICERS = "Policy officers"  # they choose signatories' logos from the library
CODENAMES = [
    f"{action}_{model}"
    for model in ("image", "document")
    for action in ("add", "change", "delete", "view")
] + ["view_renditionjob"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("media_library")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    media = Permission.objects.filter(content_type__app_label="media_library")
    curators, _ = Group.objects.get_or_create(name=CURATORS)
    curators.permissions.add(*media.filter(codename__in=CODENAMES))
    officers, _ = Group.objects.get_or_create(name=OFFICERS)
    officers.permissions.add(*media.filter(codename="view_image"))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=[CURATORS, OFFICERS]):
        group.permissions.remove(*group.permissions.filter(codename__in=CODENAMES))


class Migration(migrations.Migration):
    dependencies = [
        ("media_library", "0001_image_and_document_library"),
        ("signatories", "0004_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
