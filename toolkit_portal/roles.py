"""The staff groups, and what each may do in the admin (least privilege).

Created by signatories/migrations/0004_staff_groups.py and kept in step by later
migrations (each with its own copy of what it adds); staff are put into a group in the
admin (Users → Groups). Superusers keep every permission.
"""

CRUD = ["add", "change", "delete", "view"]

CONTENT_CURATORS = "Content curators"
POLICY_OFFICERS = "Policy officers"

# group name → {(app_label, model): [actions or custom permission codenames]}
GROUP_PERMISSIONS = {
    # Edit the toolkit and the initiatives; never see join requests.
    CONTENT_CURATORS: {
        ("toolkit", "theme"): CRUD,
        ("toolkit", "insight"): CRUD,
        ("initiatives", "programme"): CRUD,
        ("initiatives", "entry"): CRUD,
        ("taggit", "tag"): CRUD,
        ("media_library", "image"): CRUD,
        ("media_library", "document"): CRUD,
        ("media_library", "renditionjob"): ["view"],
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
        ("subscriptions", "subscription"): ["view", "delete"],
    },
}


def codename(action: str, model: str) -> str:
    return f"{action}_{model}" if action in CRUD else action
