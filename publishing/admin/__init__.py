"""What the admins of every kind of published content share, one concern a module:
bulk publishing (statuses), versions, previews, share links, translation status and the
input guards every admin of the portal carries. `content` assembles them."""

from .content import CollectionAdmin, PublishedContentAdmin
from .input_guards import DateSafeChangeList, InputSafeAdminMixin
from .previews import PreviewAdmin
from .reviews import ReviewFilter, mark_reviewed
from .share_links import ShareLinkAdmin
from .statuses import PublicationFilter, publish, set_status, unpublish
from .translations import CountryInUseFilter, TranslationStatusAdmin, translation_filter
from .versions import VersionHistoryAdmin

__all__ = [
    "CollectionAdmin",
    "CountryInUseFilter",
    "DateSafeChangeList",
    "InputSafeAdminMixin",
    "PreviewAdmin",
    "PublicationFilter",
    "PublishedContentAdmin",
    "ReviewFilter",
    "ShareLinkAdmin",
    "TranslationStatusAdmin",
    "VersionHistoryAdmin",
    "mark_reviewed",
    "publish",
    "set_status",
    "translation_filter",
    "unpublish",
]
