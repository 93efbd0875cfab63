from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http import Http404
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils.translation import gettext as _

# Bodies Django parses into request.POST: other content types are left to their view.
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class RefuseUnreadableRequestsMiddleware:
    """Answer 404 to paths and 400 to query strings carrying NUL characters, and 400 to
    form bodies that cannot be read (another character set, a broken multipart body).

    No page of the portal takes NUL characters, and PostgreSQL refuses them in any query,
    so without this `/tags/%00/` or `?country=%00` would end in a server error. A body in
    latin-1 or UTF-16 makes request.POST raise, and Django's own 400 page reads it again
    (for its CSRF token) and fails a second time: here the body is read once, first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            raise Http404(_("No page has this address."))
        if any("\x00" in key or "\x00" in value for key, value in request.GET.items()):
            message = _("The address contains characters that are not allowed.")
            return render(request, "400.html", {"message": message}, status=400)
        if request.method == "POST" and request.content_type in FORM_TYPES:
            try:
                request.POST  # noqa: B018 - parsed now, so that a failure is ours to answer
            except (BadRequest, SuspiciousOperation, MultiPartParserError, LookupError, ValueError):
                message = _("The form could not be read. Send it again from the page, in UTF-8.")
                return render(request, "400.html", {"message": message}, status=400)
        return self.get_response(request)
