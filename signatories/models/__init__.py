"""Join requests and reported totals (requests.py), commitments and their progress
(commitments.py), updates by emailed link (updates.py)."""

from .commitments import Commitment, Milestone
from .requests import (
    ACTIVE_STATUSES,
    CONTACT_PERMISSION,
    PRIVACY_NOTICE_VERSION,
    ReportedTotal,
    Signatory,
    SignatoryQuerySet,
)
from .updates import ProfileChange, UpdateLink

__all__ = [
    "ACTIVE_STATUSES",
    "CONTACT_PERMISSION",
    "PRIVACY_NOTICE_VERSION",
    "Commitment",
    "Milestone",
    "ProfileChange",
    "ReportedTotal",
    "Signatory",
    "SignatoryQuerySet",
    "UpdateLink",
]
