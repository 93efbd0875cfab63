"""What signatories commit to and the progress they report (commitments.py), and their
updates by emailed link, waiting for a policy officer (updates.py). The tables keep the
names they had in signatories/."""

from .commitments import Commitment, Milestone
from .updates import ProfileChange, UpdateLink

__all__ = ["Commitment", "Milestone", "ProfileChange", "UpdateLink"]
