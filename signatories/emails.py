"""The join emails, written into the outbox with the request they are about."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from outbox.emails import email_enqueue
from outbox.models import Notification

from .models import Signatory


class JoinEmail(models.TextChoices):
    """The outbox's kinds of join email (registered in apps.py); each is a template."""

    NEW_REQUEST = "new_request", _("New request, to the policy officer")
    ACKNOWLEDGEMENT = "acknowledgement", _("Acknowledgement, to the applicant")
    APPROVED = "approved", _("Approval, to the applicant")
    DECLINED = "declined", _("Decision to decline, to the applicant")


def enqueue(
    *,
    signatory: Signatory,
    kind: str,
    to: str,
    reply_to: str,
    language: str,
    context: dict[str, Any],
) -> Notification:
    return email_enqueue(
        about=signatory,
        kind=kind,
        to=to,
        reply_to=reply_to,
        language=language,
        context={**context, "signatory": signatory},
    )


def enqueue_new_request(signatory: Signatory) -> list[Notification]:
    """Tell the policy officer about a new request, and acknowledge it to the applicant."""
    review_url = settings.SITE_URL + reverse(
        "admin:signatories_signatory_change", args=[signatory.pk]
    )
    officer = enqueue(
        signatory=signatory,
        kind=JoinEmail.NEW_REQUEST,
        to=settings.POLICY_OFFICER_EMAIL,
        reply_to=signatory.contact_email,
        language=settings.LANGUAGE_CODE,
        context={"review_url": review_url, "themes": list(signatory.themes.all())},
    )
    with translation.override(signatory.language):
        site_url = settings.SITE_URL + reverse("home")
    applicant = enqueue(
        signatory=signatory,
        kind=JoinEmail.ACKNOWLEDGEMENT,
        to=signatory.contact_email,
        reply_to=settings.POLICY_OFFICER_EMAIL,
        language=signatory.language,
        context={"site_url": site_url},
    )
    return [officer, applicant]


def enqueue_decision(signatory: Signatory, *, reason: str = "") -> Notification | None:
    """Tell the applicant that the request was approved (linking its new profile) or
    declined (with the officer's reason, if given)."""
    if not signatory.contact_email:
        return None
    kind = {
        Signatory.Status.APPROVED: JoinEmail.APPROVED,
        Signatory.Status.DECLINED: JoinEmail.DECLINED,
    }[signatory.status]
    with translation.override(signatory.language):
        list_url = settings.SITE_URL + reverse("signatories:list")
        public = signatory.public
        profile_url = settings.SITE_URL + signatory.get_absolute_url() if public else list_url
    return enqueue(
        signatory=signatory,
        kind=kind,
        to=signatory.contact_email,
        reply_to=settings.POLICY_OFFICER_EMAIL,
        language=signatory.language,
        context={"list_url": list_url, "profile_url": profile_url, "reason": reason},
    )
