"""Fields that modeltranslation stores once per language (name_en, name_nl, ...)."""

from modeltranslation.translator import TranslationOptions, register

from groups.models import NationalGroup, OversightTeamMember


@register(NationalGroup)
class NationalGroupTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("en",)


@register(OversightTeamMember)
class OversightTeamMemberTranslationOptions(TranslationOptions):
    fields = ("title", "bio")


# The history's snapshots copy the model's columns, translated ones included: they
# exist only now, so the history is declared here.
import groups.history  # noqa: E402, F401
