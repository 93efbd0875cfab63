"""What signatories commit to and the progress they report (commitments.py), their
reporting cycle's reminders and extensions (reporting.py), and their updates by emailed
link, waiting for a policy officer (updates.py). The first tables keep the names they had
in signatories/."""

from .commitments import Commitment, Milestone
from .reporting import Extension, Reminder
from .updates import ProfileChange, UpdateLink

__all__ = ["Commitment", "Extension", "Milestone", "ProfileChange", "Reminder", "UpdateLink"]
