"""Spam protection without a captcha: the honeypot and the signed time stamp."""

import time

from django import forms
from django.core.signing import Signer

from lib.spam import (
    HONEYPOT_FIELD,
    STARTED_FIELD,
    STARTED_SALT,
    SpamProtectedForm,
    seconds_since,
    spam_trap_context,
    started_token,
)


class NameForm(SpamProtectedForm, forms.Form):
    name = forms.CharField()


def stamped(seconds_ago: float) -> str:
    return Signer(salt=STARTED_SALT).sign(f"{time.time() - seconds_ago:.3f}")


def test_a_fresh_token_is_seconds_old_and_a_forged_one_is_none():
    assert -1 < seconds_since(started_token()) < 5  # stamped to the millisecond
    assert seconds_since("12345.000:forged") is None
    assert seconds_since("") is None


def test_a_form_sent_after_a_person_would_is_valid(settings):
    settings.FORM_MIN_SECONDS = 3
    assert NameForm({"name": "Ana", STARTED_FIELD: stamped(10)}).is_valid()


def test_a_form_sent_too_fast_or_without_a_stamp_is_refused_with_its_data(settings):
    settings.FORM_MIN_SECONDS = 3
    for data in [{"name": "Ana", STARTED_FIELD: stamped(1)}, {"name": "Ana"}]:
        form = NameForm(data)
        assert not form.is_valid()
        assert form.has_error("__all__", "too_fast")
        assert form.cleaned_data["name"] == "Ana"


def test_a_filled_honeypot_tells_a_bot():
    assert NameForm({HONEYPOT_FIELD: "+1 555"}).is_bot()
    assert not NameForm({"name": "Ana"}).is_bot()


def test_the_trap_context_names_both_fields_and_carries_a_valid_stamp():
    context = spam_trap_context()
    assert (context["honeypot_field"], context["started_field"]) == (HONEYPOT_FIELD, STARTED_FIELD)
    assert seconds_since(context["started_token"]) is not None


def test_a_form_shown_again_keeps_its_genuine_stamp_and_replaces_a_forged_one():
    original = stamped(1)
    assert spam_trap_context({STARTED_FIELD: original})["started_token"] == original
    for forged in ["12345.000:forged", "", "not a stamp"]:
        fresh = spam_trap_context({STARTED_FIELD: forged})["started_token"]
        assert fresh != forged and -1 < seconds_since(fresh) < 5
