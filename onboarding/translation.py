"""Fields that modeltranslation stores once per language."""

from modeltranslation.translator import TranslationOptions, register

from onboarding.models import SetupStep, SetupSubStep


@register(SetupStep)
class SetupStepTranslationOptions(TranslationOptions):
    fields = ("title", "body", "body_rendered")
    # The title is needed in English; a step may have no text beyond its sub-steps.
    required_languages = {"en": ("title",), "default": ()}


@register(SetupSubStep)
class SetupSubStepTranslationOptions(TranslationOptions):
    fields = ("text", "text_rendered")
    required_languages = {"en": ("text",), "default": ()}


# As in groups/translation.py: the history once the translated columns exist.
import onboarding.history  # noqa: E402, F401
