"""Emails into the outbox: rendered from three templates (subject, text, HTML) in the
reader's language, with a Message-ID that stays the same across retries."""

from __future__ import annotations

from email.utils import make_msgid
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.template.loader import render_to_string
from django.utils import translation

from .models import Notification


def render_email(template: str, context: dict[str, Any]) -> tuple[str, str, str]:
    """Subject, plain text and HTML of `templates/emails/<template>*`."""
    subject = render_to_string(f"emails/{template}_subject.txt", context)
    text = render_to_string(f"emails/{template}.txt", context)
    html = render_to_string(f"emails/{template}.html", context)
    return " ".join(subject.split()), text, html


def new_message_id() -> str:
    # An explicit domain avoids a DNS lookup of the host name on every call.
    return make_msgid(domain=urlsplit(settings.SITE_URL).hostname or "localhost")


def email_build(
    *,
    kind: str,
    to: str,
    language: str,
    context: dict[str, Any],
    template: str = "",
    reply_to: str = "",
    about: models.Model | None = None,
    headers: dict[str, str] | None = None,
    priority: int = Notification.Priority.PEOPLE_WAITING,
) -> Notification:
    """An unsaved outbox row (save it, or bulk_create many); `template` defaults to `kind`."""
    with translation.override(language):
        subject, text, html = render_email(template or kind, context)
    return Notification(
        about=about,
        kind=kind,
        to=to,
        reply_to=reply_to,
        subject=subject,
        text_body=text,
        html_body=html,
        message_id=new_message_id(),
        priority=priority,
        headers=headers or {},
    )


def email_enqueue(**email: Any) -> Notification:
    """Write one email into the outbox (in the caller's transaction); see `email_build`."""
    notification = email_build(**email)
    notification.save()
    return notification
