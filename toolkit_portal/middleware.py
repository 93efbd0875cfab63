from django.shortcuts import render
from django.utils.translation import gettext as _


class RejectNullCharactersMiddleware:
    """Answer 400 to query strings carrying NUL characters.

    No page of the portal takes them, and PostgreSQL refuses them in any query, so
    without this a filter like `?country=%00` would end in a server error.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any("\x00" in key or "\x00" in value for key, value in request.GET.items()):
            message = _("The address contains characters that are not allowed.")
            return render(request, "400.html", {"message": message}, status=400)
        return self.get_response(request)
