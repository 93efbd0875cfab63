"""Spam protection without a captcha, for forms anyone may send: a honeypot field people
never see (bots fill it in) and a signed time stamp (a form sent back sooner than a person
can type is refused, with everything typed kept).

A form mixes in `SpamProtectedForm`; its view adds `spam_trap_context()` to the page's
context and the template renders `{% include "includes/spam_trap.html" %}` in the form.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

HONEYPOT_FIELD = "fax_number"
STARTED_FIELD = "started"
# Named after the first form that used it; stamps already handed out are signed with it.
STARTED_SALT = "signatories.join.started"

TOO_FAST_MESSAGE = _(
    "Please check your details once more and send the form again. (It was sent faster "
    "than a person usually can, which is how we keep automated spam out.)"
)


def started_token() -> str:
    """A signed time stamp for the form: how we tell a person from a bot without a captcha."""
    return signing.Signer(salt=STARTED_SALT).sign(f"{time.time():.3f}")


def seconds_since(token: str) -> float | None:
    """Seconds since `token` was made, or None when it is missing or forged."""
    try:
        return time.time() - float(signing.Signer(salt=STARTED_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        return None


def spam_trap_context(data: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """What `includes/spam_trap.html` renders: the honeypot and a time stamp.

    Given the data of a form shown again (after an error), its stamp is kept if genuine:
    the time counts from when the person opened the form, not from the error page, so
    ticking one box and sending again is not "too fast". A forged stamp gets a fresh one;
    a genuine but too recent one stays, and is refused again until enough time passed."""
    kept = (data or {}).get(STARTED_FIELD) or ""
    return {
        "honeypot_field": HONEYPOT_FIELD,
        "started_field": STARTED_FIELD,
        "started_token": kept if seconds_since(kept) is not None else started_token(),
    }


class SpamProtectedForm:
    """Mixed in before the form class: `is_bot()` for the view, and a form sent too fast
    is invalid. The shortest time a person takes is the setting `min_seconds_setting`."""

    min_seconds_setting = "FORM_MIN_SECONDS"

    def is_bot(self) -> bool:
        """The honeypot is filled in: a bot, to be told that all went well."""
        return bool(self.data.get(HONEYPOT_FIELD))

    def sent_too_fast(self) -> bool:
        """Sent sooner after the form was shown than a person can, or with a forged stamp."""
        elapsed = seconds_since(self.data.get(STARTED_FIELD, ""))
        return elapsed is None or elapsed < getattr(settings, self.min_seconds_setting)

    def clean(self):
        if self.sent_too_fast():
            self.add_error(None, forms.ValidationError(TOO_FAST_MESSAGE, code="too_fast"))
        return super().clean()
