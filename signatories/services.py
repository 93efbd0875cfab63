from __future__ import annotations

import datetime
import json
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from reversion.models import Version

from outbox.models import Notification
from publishing.loading import apply_translations
from toolkit.models import Theme

from . import emails
from .models import PRIVACY_NOTICE_VERSION, ReportedTotal, Signatory
from .similar import similar_requests


class DuplicateRequest(Exception):
    """Approving would make two approved requests for one institution or contact address."""


def signatory_submit(
    *, fields: dict[str, Any], themes: Iterable[Theme], language: str
) -> Signatory:
    """Store a join request and queue its two emails, in one transaction.

    A request like a pending or approved one is stored all the same, marked as a possible
    duplicate for the officer: refusing it would tell anyone who has asked to join.
    """
    signatory = Signatory(
        **fields,
        language=language,
        consent_at=timezone.now(),
        consent_version=PRIVACY_NOTICE_VERSION,
        status=Signatory.Status.PENDING,
        source=Signatory.Source.WEB,
    )
    signatory.full_clean(validate_constraints=False)
    signatory.possible_duplicate = looks_like_an_earlier_request(signatory)
    with transaction.atomic():
        signatory.save()
        # Rows, not themes.set(): a pending request's areas show nowhere public, and the
        # many-to-many signal would make every cached page cold (pagecache/versions.py).
        Chosen = Signatory.themes.through
        Chosen.objects.bulk_create(Chosen(signatory=signatory, theme=theme) for theme in themes)
        emails.enqueue_new_request(signatory)
    return signatory


def looks_like_an_earlier_request(signatory: Signatory) -> bool:
    same = Signatory.objects.active().like(
        organisation=signatory.organisation,
        country=str(signatory.country),
        email=signatory.contact_email,
    )
    # Both asked every time: the request takes as long whatever the answer.
    found_same, found_similar = (
        same.exists(),
        similar_requests(signatory.organisation, str(signatory.country)),
    )
    return found_same or bool(found_similar)


def signatory_review(
    *, signatory: Signatory, status: str, reviewer: AbstractBaseUser, reason: str = ""
) -> Notification | None:
    """Approve or decline a request and queue the email that tells the applicant, with
    the officer's `reason` if one is given (the email is in the applicant's language).

    Returns None (and changes nothing) when the request already has that status.
    Raises DuplicateRequest when approving would make two active requests for one
    institution (a declined request re-approved after a new one came in).
    """
    if signatory.status == status:
        return None
    try:
        with transaction.atomic():
            signatory.status = status
            signatory.reviewed_at = timezone.now()
            signatory.reviewed_by = reviewer
            signatory.save(update_fields=["status", "reviewed_at", "reviewed_by"])
            return emails.enqueue_decision(signatory, reason=reason.strip())
    except IntegrityError as error:
        signatory.refresh_from_db()
        raise DuplicateRequest from error


PERSONAL_FIELDS = ["contact_name", "contact_role", "contact_email", "message"]


def signatory_personal_data(*, signatory: Signatory) -> dict[str, Any]:
    """Everything the portal holds about one request, for the person who made it."""
    request = {
        field.name: getattr(signatory, field.attname)
        for field in Signatory._meta.concrete_fields
        if field.name != "reviewed_by"
    }
    request["country"] = signatory.country.code if signatory.country else ""
    request["themes"] = [theme.slug for theme in signatory.themes.all()]
    emails_sent = list(
        signatory.notifications.order_by("queued_at").values(
            "kind", "to", "subject", "text_body", "status", "queued_at", "sent_at", "message_id"
        )
    )
    return {"join_request": request, "emails": emails_sent}


@transaction.atomic
def signatory_erase_contact(*, signatory: Signatory) -> None:
    """Erase the person behind a request: contact fields and the emails written to them.

    The institution's own details and the review stay, so a public signatory stays listed.
    """
    for field in PERSONAL_FIELDS:
        setattr(signatory, field, "")
    signatory.contact_erased_at = timezone.now()
    signatory.save(update_fields=[*PERSONAL_FIELDS, "contact_erased_at"])
    signatory.notifications.all().delete()
    erase_from_versions(signatory, PERSONAL_FIELDS)


def erase_from_versions(signatory: Signatory, fields: list[str]) -> None:
    """Blank `fields` in every saved version of the request (the admin history keeps them)."""
    for version in Version.objects.get_for_object(signatory):
        data = json.loads(version.serialized_data)
        for item in data:
            item["fields"].update({field: "" for field in fields if field in item["fields"]})
        version.serialized_data = json.dumps(data)
        version.save(update_fields=["serialized_data"])


def declined_contacts_erase(*, now: datetime.datetime | None = None) -> int:
    """Erase the contact details of requests declined ERASE_DECLINED_AFTER_DAYS ago or more."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.ERASE_DECLINED_AFTER_DAYS)
    due = Signatory.objects.filter(
        status=Signatory.Status.DECLINED, reviewed_at__lte=cutoff, contact_erased_at=None
    )
    erased = 0
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            # Checked again under a lock: the request may have been approved since.
            signatory = due.select_for_update().filter(pk=pk).first()
            if signatory:
                signatory_erase_contact(signatory=signatory)
                erased += 1
    return erased


@transaction.atomic
def signatories_load_content(*, data: dict[str, Any]) -> str:
    """Create the approved signatories in `data` (fixtures/signatories.json).

    Matched by organisation name, so loading twice changes nothing.
    """
    for item in data["signatories"]:
        signatory = Signatory.objects.filter(organisation=item["organisation"]).first()
        signatory = signatory or Signatory(
            organisation=item["organisation"], source=Signatory.Source.SETUP
        )
        for field in ["kind", "city", "country", "website", "public_note"]:
            setattr(signatory, field, item.get(field, ""))
        for field in ["latitude", "longitude"]:
            setattr(signatory, field, item.get(field))
        signatory.status = Signatory.Status.APPROVED
        signatory.full_clean(validate_constraints=False)
        signatory.save()
    for item in data.get("reported_totals", []):
        ReportedTotal.objects.update_or_create(
            reported_on=item["reported_on"],
            defaults={key: item[key] for key in ("more_than", "source", "source_url")},
        )
    return f"{len(data['signatories'])} signatories"


@transaction.atomic
def signatories_load_translations(*, data: dict[str, Any], language: str) -> int:
    """One language's role notes (by organisation) and reported totals' sources (by the
    day reported), from fixtures/translations/."""
    return apply_translations(
        Signatory, data.get("signatories", {}), language, key="organisation"
    ) + apply_translations(
        ReportedTotal, data.get("reported_totals", {}), language, key="reported_on"
    )
