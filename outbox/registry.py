"""What the apps above tell the outbox in their `AppConfig.ready`: the kinds of email
they write, who may read the emails (they hold personal data), and how staff find the
emails about one of their records in the admin.

The outbox names none of them: a kind's stored value is the app's own.
"""

from __future__ import annotations

from collections.abc import Iterable

EMAIL_KINDS: dict[str, str] = {}
READER_PERMISSIONS: list[str] = []
ABOUT_SEARCH_FIELDS: list[str] = []


def register_email_kinds(choices: Iterable[tuple[str, str]]) -> None:
    """(stored value, label) pairs, e.g. a TextChoices' `.choices`."""
    for value, label in choices:
        if EMAIL_KINDS.setdefault(value, label) != label:
            raise ValueError(f"Email kind {value!r} is registered twice")


def email_kind_choices() -> list[tuple[str, str]]:
    return list(EMAIL_KINDS.items())


def emails_are_read_with(permission: str) -> None:
    """Staff need `permission` ("app_label.codename") as well to see emails in the admin."""
    if permission not in READER_PERMISSIONS:
        READER_PERMISSIONS.append(permission)


def search_emails_by(lookup: str) -> None:
    """An admin search path through what an email is about, e.g. "signatory__organisation"
    (the `related_query_name` of a GenericRelation to Notification)."""
    if lookup not in ABOUT_SEARCH_FIELDS:
        ABOUT_SEARCH_FIELDS.append(lookup)
