"""What every admin in the portal adds so that forged input is a 4xx, never a 500
(tests/test_conventions.py checks that each one has it)."""

from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList


class DateSafeChangeList(ChangeList):
    """The date drill-down refuses years it cannot represent (e.g. ?published_on__year=99999)
    as a bad filter, like any other; Django lets OverflowError and ValueError through."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (OverflowError, ValueError) as error:
            raise IncorrectLookupParameters(error) from error


class InputSafeAdminMixin:
    """Forged admin input (a date drill-down to year 10**30, a selected id of "1e999") is
    refused like any bad filter or selection instead of reaching the database as a 500."""

    def get_changelist(self, request, **kwargs):
        return DateSafeChangeList

    def response_action(self, request, queryset):
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        if any(not value.isdecimal() for value in selected):
            post = request.POST.copy()
            post.setlist(helpers.ACTION_CHECKBOX_NAME, [v for v in selected if v.isdecimal()])
            request.POST = post
        return super().response_action(request, queryset)
