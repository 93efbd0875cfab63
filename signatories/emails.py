"""The join emails: rendered from templates (subject, text, HTML) into the outbox."""

from __future__ import annotations

from email.utils import make_msgid
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import Notification, Signatory


def render_email(template: str, context: dict[str, Any]) -> tuple[str, str, str]:
    """Subject, plain text and HTML of `templates/emails/<template>*`."""
    subject = render_to_string(f"emails/{template}_subject.txt", context)
    text = render_to_string(f"emails/{template}.txt", context)
    html = render_to_string(f"emails/{template}.html", context)
    return " ".join(subject.split()), text, html


def new_message_id() -> str:
    # An explicit domain avoids a DNS lookup of the host name on every call.
    return make_msgid(domain=urlsplit(settings.SITE_URL).hostname or "localhost")


def enqueue(
    *,
    signatory: Signatory,
    kind: str,
    to: str,
    reply_to: str,
    language: str,
    context: dict[str, Any],
) -> Notification:
    with translation.override(language):
        subject, text, html = render_email(kind, {**context, "signatory": signatory})
    return Notification.objects.create(
        signatory=signatory,
        kind=kind,
        to=to,
        reply_to=reply_to,
        subject=subject,
        text_body=text,
        html_body=html,
        message_id=new_message_id(),
    )


def enqueue_new_request(signatory: Signatory) -> list[Notification]:
    """Tell the policy officer about a new request, and acknowledge it to the applicant."""
    review_url = settings.SITE_URL + reverse(
        "admin:signatories_signatory_change", args=[signatory.pk]
    )
    officer = enqueue(
        signatory=signatory,
        kind=Notification.Kind.NEW_REQUEST,
        to=settings.POLICY_OFFICER_EMAIL,
        reply_to=signatory.contact_email,
        language=settings.LANGUAGE_CODE,
        context={"review_url": review_url, "themes": list(signatory.themes.all())},
    )
    with translation.override(signatory.language):
        site_url = settings.SITE_URL + reverse("home")
    applicant = enqueue(
        signatory=signatory,
        kind=Notification.Kind.ACKNOWLEDGEMENT,
        to=signatory.contact_email,
        reply_to=settings.POLICY_OFFICER_EMAIL,
        language=signatory.language,
        context={"site_url": site_url},
    )
    return [officer, applicant]


def enqueue_decision(signatory: Signatory) -> Notification | None:
    """Tell the applicant that the request was approved or declined."""
    if not signatory.contact_email:
        return None
    kind = {
        Signatory.Status.APPROVED: Notification.Kind.APPROVED,
        Signatory.Status.DECLINED: Notification.Kind.DECLINED,
    }[signatory.status]
    with translation.override(signatory.language):
        list_url = settings.SITE_URL + reverse("signatories:list")
    return enqueue(
        signatory=signatory,
        kind=kind,
        to=signatory.contact_email,
        reply_to=settings.POLICY_OFFICER_EMAIL,
        language=signatory.language,
        context={"list_url": list_url},
    )
