"""The commitments' admin: reviewing profile updates (profile_changes.py), and
commitments with their updates and reporting cycle (commitments.py)."""

from .commitments import CommitmentAdmin
from .profile_changes import ProfileChangeAdmin

__all__ = ["CommitmentAdmin", "ProfileChangeAdmin"]
