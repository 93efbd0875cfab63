from django.http import Http404
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import ShareLink
from .previews import page_of, render_preview


def shared_draft(request, token):
    """A draft, read-only, for whoever holds an active share link; 404 for any other token."""
    link = ShareLink.from_token(token)
    item = link.item if link else None
    if item is None:
        raise Http404
    until = date_format(link.expires_at, "DATETIME_FORMAT")
    notice = _("Shared for review until %(date)s: this page is not public.") % {"date": until}
    return render_preview(request, page_of(item), notice=notice)
