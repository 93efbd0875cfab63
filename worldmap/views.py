from django.shortcuts import render

from pagecache.fragments import lazy
from signatories.models import ReportedTotal


def signatory_map_page(request):
    return render(
        request, "worldmap/map_page.html", {"reported_total": lazy(ReportedTotal.objects.first)}
    )
