"""Fields that modeltranslation stores once per language."""

from modeltranslation.translator import TranslationOptions, register

from onboarding.models import SetupStep, SetupSubStep


@register(SetupStep)
class SetupStepTranslationOptions(TranslationOptions):
    fields = ("title", "body")
    required_languages = ("en",)


@register(SetupSubStep)
class SetupSubStepTranslationOptions(TranslationOptions):
    fields = ("text",)
    required_languages = ("en",)
