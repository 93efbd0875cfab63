"""The staff groups, and what each may do in the admin (least privilege).

Declared here once and kept in step after every `migrate` (toolkit_portal/apps.py): each
group ends with exactly the permissions below, so a permission added here reaches every
database and one removed here is taken away. Staff are put into a group in the admin
(Users → Groups). Superusers keep every permission.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

CRUD = ["add", "change", "delete", "view"]

CONTENT_CURATORS = "Content curators"
POLICY_OFFICERS = "Policy officers"
TRANSLATORS = "Translators"

# group name → {(app_label, model): [actions or custom permission codenames]}
GROUP_PERMISSIONS = {
    # Edit the toolkit and the initiatives; never see join requests.
    CONTENT_CURATORS: {
        ("toolkit", "theme"): CRUD,
        ("toolkit", "insight"): CRUD,
        ("initiatives", "programme"): CRUD,
        ("initiatives", "entry"): CRUD,
        ("taggit", "tag"): CRUD,
        ("tags", "tagnames"): ["change", "view"],
        ("media_library", "image"): CRUD,
        ("media_library", "document"): CRUD,
        ("media_library", "renditionjob"): ["view"],
        ("places", "place"): CRUD,
        ("places", "entryplace"): ["view", "change"],
    },
    # Review join requests and their emails, see contact details, erase them on request.
    POLICY_OFFICERS: {
        ("signatories", "signatory"): ["view", "change", "view_contact_details"],
        ("outbox", "notification"): ["view", "change"],
        ("signatories", "reportedtotal"): CRUD,
        ("media_library", "image"): ["view"],  # to choose a signatory's logo
        ("commitments", "profilechange"): ["view", "change"],
        ("commitments", "commitment"): CRUD,
        ("commitments", "milestone"): CRUD,
        ("commitments", "extension"): ["view"],  # granted through the commitment's page
        ("subscriptions", "subscription"): ["view", "delete"],
        ("places", "place"): ["view"],  # to link a signatory to its place
        ("places", "signatoryplace"): ["view", "change"],
    },
    # Translate what readers see of the toolkit and the initiatives, in the admin or through
    # PO files (the Translations page); create and delete nothing, never see join requests.
    # The admin has no field-level permission: changing an item is changing all of it.
    TRANSLATORS: {
        ("toolkit", "theme"): ["view", "change"],
        ("toolkit", "insight"): ["view", "change"],
        ("initiatives", "programme"): ["view", "change"],
        ("initiatives", "entry"): ["view", "change"],
        ("tags", "tagnames"): ["view", "change"],
        ("media_library", "image"): ["view", "change"],  # alt text
        ("places", "place"): ["view", "change"],  # names and descriptions
    },
}


def codename(action: str, model: str) -> str:
    return f"{action}_{model}" if action in CRUD else action


def declared_permissions(name: str, *, using: str = "default") -> list[Permission]:
    wanted = {
        (app_label, codename(action, model))
        for (app_label, model), actions in GROUP_PERMISSIONS[name].items()
        for action in actions
    }
    query = Q()
    for app_label, code in wanted:
        query |= Q(content_type__app_label=app_label, codename=code)
    found = list(Permission.objects.using(using).filter(query).select_related("content_type"))
    missing = wanted - {(p.content_type.app_label, p.codename) for p in found}
    if missing:
        raise LookupError(f"Group {name!r} names permissions that do not exist: {sorted(missing)}")
    return found


def keep_staff_groups_in_step(*, using: str = "default") -> None:
    for name in GROUP_PERMISSIONS:
        group, _ = Group.objects.using(using).get_or_create(name=name)
        group.permissions.set(declared_permissions(name, using=using))
