from django.contrib.auth.management import create_permissions
from django.db import migrations

# A copy of the groups as they were when this migration was written: a migration must not
# change meaning when toolkit_portal/roles.py changes later (a new migration does that).
CRUD = ["add", "change", "delete", "view"]
GROUP_PERMISSIONS = {
    "Content curators": {
        ("toolkit", "theme"): CRUD,
        ("toolkit", "insight"): CRUD,
        ("initiatives", "programme"): CRUD,
        ("initiatives", "entry"): CRUD,
        ("taggit", "tag"): CRUD,
    },
    "Policy officers": {
        ("signatories", "signatory"): ["view", "change", "view_contact_details"],
        ("signatories", "notification"): ["view", "change"],
    },
}


def codename(action: str, model: str) -> str:
    return f"{action}_{model}" if action in CRUD else action


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations ran; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, models in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for (app_label, model), actions in models.items():
            for action in actions:
                group.permissions.add(
                    Permission.objects.get(
                        content_type__app_label=app_label, codename=codename(action, model)
                    )
                )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUP_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("toolkit", "0004_order_by_slug"),
        ("initiatives", "0004_order_by_slug"),
        ("signatories", "0003_contact_erasure"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
