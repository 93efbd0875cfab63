"""Profile updates by emailed link, no accounts: ask for a link, open it, send changes;
a policy officer approves or declines them, and the signatory hears the decision.

A link is `<id>.<secret>` signed with the site's key: a tampered one fails the signature
(404), and the secret, of which only a hash is stored, makes it usable once (kept used
once changes are sent) and for UPDATE_LINK_HOURS.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core import signing
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from lib.addresses import normalise_email
from signatories import emails
from signatories.models import Signatory
from toolkit.models import Theme

from .models import Commitment, Milestone, ProfileChange, UpdateLink

SALT = "signatories.update-link"


class ProfileEmail(models.TextChoices):
    """The outbox's kinds of profile-update email (registered in apps.py)."""

    UPDATE_LINK = "update_link", _("Link to update a profile, to the signatory")
    CHANGE_TO_REVIEW = "change_to_review", _("Profile update to review, to the policy officer")
    CHANGE_APPROVED = "change_approved", _("Profile update approved, to the signatory")
    CHANGE_DECLINED = "change_declined", _("Profile update declined, to the signatory")


class ProfileChanged(Exception):
    """The public profile changed since this update was sent: approving it would undo that."""


class LinkRefused(Exception):
    """A link that exists but can no longer be used; `reason` is "used" or "expired"."""

    def __init__(self, reason: str, signatory: Signatory):
        super().__init__(reason)
        self.reason, self.signatory = reason, signatory


def hashed(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def update_link_create(signatory: Signatory, *, valid_for: datetime.timedelta) -> str:
    """A new single-use link to the update form, in the signatory's language, for an email
    written in the same transaction."""
    secret = secrets.token_urlsafe(32)
    link = UpdateLink.objects.create(
        signatory=signatory, secret_hash=hashed(secret), expires_at=timezone.now() + valid_for
    )
    token = signing.dumps(f"{link.pk}.{secret}", salt=SALT, compress=True)
    with translation.override(signatory.language):
        return settings.SITE_URL + reverse("commitments:update_profile", args=[token])


def update_link_request(*, signatory: Signatory, email: str) -> bool:
    """Email a link if `email` is the signatory's contact address; True if one was sent.

    The caller answers the same either way: nobody learns who is registered."""
    contact = signatory.contact_email
    if not signatory.public or not contact or normalise_email(email) != contact:
        return False
    hours = settings.UPDATE_LINK_HOURS
    with transaction.atomic():
        url = update_link_create(signatory, valid_for=datetime.timedelta(hours=hours))
        emails.enqueue(
            signatory=signatory,
            kind=ProfileEmail.UPDATE_LINK,
            to=signatory.contact_email,
            reply_to=settings.POLICY_OFFICER_EMAIL,
            language=signatory.language,
            context={"update_url": url, "hours": hours},
        )
    return True


def update_link_answer(email: str, payload: dict[str, Any]) -> None:
    """The worker's half of "Update this profile" (see outbox/address_requests.py)."""
    signatory = Signatory.objects.filter(pk=payload.get("signatory")).first()
    if signatory is not None:
        update_link_request(signatory=signatory, email=email)


def update_link_open(token: str) -> UpdateLink:
    """The link behind `token`; UpdateLink.DoesNotExist if forged, LinkRefused if spent."""
    try:
        pk, secret = signing.loads(token, salt=SALT).split(".", 1)
        link = UpdateLink.objects.select_related("signatory").get(
            pk=int(pk), secret_hash=hashed(secret)
        )
    except (signing.BadSignature, ValueError, OverflowError) as error:
        raise UpdateLink.DoesNotExist from error
    if link.used_at is not None:
        raise LinkRefused("used", link.signatory)
    if link.expires_at <= timezone.now() or not link.signatory.public:
        raise LinkRefused("expired", link.signatory)
    return link


def current_profile(signatory: Signatory) -> dict[str, Any]:
    """The public profile as data, in the shape the update form sends."""
    commitments = {
        c.theme.slug: {
            "statement": c.statement,
            "status": c.status,
            "progress": c.progress,
            "milestone": None,
        }
        for c in signatory.commitments.select_related("theme")
    }
    return {
        "profile": signatory.profile,
        "website": signatory.website,
        "areas": sorted({*signatory.themes.values_list("slug", flat=True), *commitments}),
        "commitments": commitments,
        "withdraw": False,
        "withdraw_reason": "",
    }


def areas_of(profile: dict[str, Any]) -> list[str]:
    """The areas in a profile; recorded before areas were, those with a commitment."""
    return profile["areas"] if "areas" in profile else sorted(profile["commitments"])


def areas_after(before: dict[str, Any], proposed: dict[str, Any]) -> list[str]:
    """The areas a signatory is in once `proposed` applies. Updates sent before the form
    listed areas leave none: the areas kept, and those with a commitment."""
    if "areas" in proposed:
        return proposed["areas"]
    return sorted({*areas_of(before), *proposed["commitments"]})


def changed_since(change: ProfileChange, now: dict[str, Any]) -> bool:
    """The profile differs from what the update was sent against (in what was recorded:
    an update sent before commitments had a percentage recorded none)."""
    before = change.before
    if any(now.get(key) != value for key, value in before.items() if key != "commitments"):
        return True
    was, is_now = before.get("commitments", {}), now.get("commitments", {})
    if was.keys() != is_now.keys():
        return True
    return any(
        is_now[slug].get(key) != value for slug, item in was.items() for key, value in item.items()
    )


def profile_change_submit(*, link: UpdateLink, proposed: dict[str, Any]) -> ProfileChange:
    """Keep the changes for review and spend the link, at most once even if sent twice."""
    signatory = link.signatory
    with transaction.atomic():
        spent = UpdateLink.objects.filter(pk=link.pk, used_at=None).update(used_at=timezone.now())
        if not spent:
            raise LinkRefused("used", signatory)
        change = ProfileChange.objects.create(
            signatory=signatory, link=link, before=current_profile(signatory), proposed=proposed
        )
        review_url = settings.SITE_URL + reverse(
            "admin:commitments_profilechange_change", args=[change.pk]
        )
        emails.enqueue(
            signatory=signatory,
            kind=ProfileEmail.CHANGE_TO_REVIEW,
            to=settings.POLICY_OFFICER_EMAIL,
            reply_to=signatory.contact_email,
            language=settings.LANGUAGE_CODE,
            context={"review_url": review_url, "change": change},
        )
    return change


def profile_change_review(
    *, change: ProfileChange, approve: bool, reviewer: AbstractBaseUser, note: str = ""
) -> bool:
    """Apply (or not) a pending change, record who decided, tell the signatory.

    False when the change was already decided (a second click changes nothing)."""
    status = ProfileChange.Status.APPROVED if approve else ProfileChange.Status.DECLINED
    with transaction.atomic():
        decided = ProfileChange.objects.filter(
            pk=change.pk, status=ProfileChange.Status.PENDING
        ).update(status=status, reviewed_at=timezone.now(), reviewed_by=reviewer, note=note)
        if not decided:
            return False
        signatory = Signatory.objects.select_for_update().get(pk=change.signatory_id)
        if approve and changed_since(change, current_profile(signatory)):
            raise ProfileChanged  # rolls the decision back; the officer is told why
        if approve:
            apply_profile(signatory, change.proposed)
        if signatory.contact_email:
            kind = ProfileEmail.CHANGE_APPROVED if approve else ProfileEmail.CHANGE_DECLINED
            with translation.override(signatory.language):
                profile_url = settings.SITE_URL + (
                    signatory.get_absolute_url() if signatory.public else reverse("home")
                )
            emails.enqueue(
                signatory=signatory,
                kind=kind,
                to=signatory.contact_email,
                reply_to=settings.POLICY_OFFICER_EMAIL,
                language=signatory.language,
                context={"profile_url": profile_url, "note": note, "proposed": change.proposed},
            )
    return True


def apply_profile(signatory: Signatory, proposed: dict[str, Any]) -> None:
    """Publish `proposed`: its areas (all of them, or those kept when it lists none) and a
    commitment in each area where one is stated; areas and commitments not in it leave."""
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    public_now = current_profile(signatory)
    areas = {slug for slug in areas_after(public_now, proposed) if slug in themes}
    signatory.profile = proposed["profile"]
    signatory.website = proposed["website"]
    if proposed.get("withdraw"):
        signatory.status = Signatory.Status.WITHDRAWN
    signatory.save()
    wanted = {slug: item for slug, item in proposed["commitments"].items() if slug in areas}
    signatory.commitments.exclude(theme__slug__in=wanted).delete()
    for slug, item in wanted.items():
        commitment, _ = Commitment.objects.update_or_create(
            signatory=signatory,
            theme=themes[slug],
            defaults={
                "statement": item["statement"],
                "status": item["status"],
                "progress": item.get("progress"),
            },
        )
        if restated(public_now["commitments"].get(slug), item):  # a milestone does it too
            Commitment.objects.filter(pk=commitment.pk).reported_on(timezone.localdate())
        if item.get("milestone"):
            Milestone.objects.create(
                commitment=commitment,
                happened_on=datetime.date.fromisoformat(item["milestone"]["date"]),
                text=item["milestone"]["text"],
            )
    signatory.themes.set(themes[slug] for slug in areas)


def restated(public: dict[str, Any] | None, sent: dict[str, Any]) -> bool:
    """Whether an approved update says something new of a commitment (its words or its
    progress), which begins its next reporting cycle."""
    said = ("statement", "status", "progress")
    return public is None or [public.get(key) for key in said] != [sent.get(key) for key in said]
