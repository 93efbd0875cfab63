"""Join requests and their outbox (requests.py), commitments and their progress
(commitments.py), updates by emailed link (updates.py), and requests answered by the
worker so that pages never tell whether an address is known (address_requests.py)."""

from .address_requests import AddressRequest
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
    "AddressRequest",
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
