"""What staff write about signatories for readers, in every language of the portal
(django-modeltranslation): role notes and the reported total's source. Names of
institutions stay as the institutions give them."""

from modeltranslation.translator import TranslationOptions, register

from .models import ReportedTotal, Signatory


@register(Signatory)
class SignatoryTranslation(TranslationOptions):
    fields = ["public_note"]


@register(ReportedTotal)
class ReportedTotalTranslation(TranslationOptions):
    fields = ["source"]
