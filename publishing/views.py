from django.conf import settings
from django.contrib import admin, messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .backlog import backlog
from .forms import TranslationFileForm, sign_checked
from .models import ShareLink
from .po_files import PoFileError, apply_import, export_po, plan_import
from .previews import page_of, render_preview
from .translation_status import SOURCE, language_name


def shared_draft(request, token):
    """A draft, read-only, for whoever holds an active share link; 404 for any other token."""
    link = ShareLink.from_token(token)
    item = link.item if link else None
    if item is None:
        raise Http404
    until = date_format(link.expires_at, "DATETIME_FORMAT")
    notice = _("Shared for review until %(date)s: this page is not public.") % {"date": until}
    return render_preview(request, page_of(item), notice=notice)


def translation_files(request):
    """Staff: what each language needs, PO files out and back in (a dry run, then applied,
    and back here to see the counts go down)."""
    languages = [(code, name) for code, name in settings.LANGUAGES if code != SOURCE]
    if request.GET.get("export") in dict(languages):
        return po_download(request, request.GET["export"])
    form = TranslationFileForm(request.POST or None, request.FILES or None, languages=languages)
    report = checked = None
    if form.is_valid():
        code = form.cleaned_data["language"]
        try:
            content = form.content()
            report = plan_import(content, code, may_change=lambda m: may_change(request, m))
        except (PoFileError, ValueError) as error:
            form.add_error("file", str(error))
        else:
            if form.applying:
                applied(request, apply_import(report, code, user=request.user), code)
                return redirect("translation_files")
            checked = sign_checked(content)
    context = {**admin.site.each_context(request), "form": form, "report": report}
    context.update(checked=checked, title=_("Translations"), backlog=backlog(request.user))
    status = 400 if form.errors else 200
    return render(request, "admin/publishing/translation_files.html", context, status=status)


def applied(request, count: int, code: str) -> None:
    done = ngettext(
        "Translations into %(language)s applied: %(count)d item changed.",
        "Translations into %(language)s applied: %(count)d items changed.",
        count,
    )
    messages.success(request, done % {"count": count, "language": language_name(code)})


def may_change(request, model) -> bool:
    return request.user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")


def po_download(request, code: str) -> HttpResponse:
    po = export_po(code, may_change=lambda model: may_change(request, model))
    response = HttpResponse(str(po), content_type="text/x-gettext-translation")
    stamp = timezone.now().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="toolkit-content-{code}-{stamp}.po"'
    return response
