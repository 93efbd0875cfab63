"""Join requests and their outbox (requests.py), commitments and their progress
(commitments.py), and updates by emailed link (updates.py)."""

from .commitments import Commitment, Milestone
from .requests import (
    ACTIVE_STATUSES,
    PRIVACY_NOTICE_VERSION,
    Notification,
    ReportedTotal,
    Signatory,
    SignatoryQuerySet,
)
from .updates import ProfileChange, UpdateLink

__all__ = [
    "ACTIVE_STATUSES",
    "PRIVACY_NOTICE_VERSION",
    "Commitment",
    "Milestone",
    "Notification",
    "ProfileChange",
    "ReportedTotal",
    "Signatory",
    "SignatoryQuerySet",
    "UpdateLink",
]
