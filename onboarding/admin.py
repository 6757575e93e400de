"""The setup guide, editable by the oversight team without a deploy."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from onboarding.models import SetupStep, SetupSubStep


class SetupSubStepInline(TranslationStackedInline):
    model = SetupSubStep
    fields = ("number", "text")
    extra = 0


@admin.register(SetupStep)
class SetupStepAdmin(TabbedTranslationAdmin):
    list_display = ("number", "title", "sub_step_count")
    list_display_links = ("number", "title")
    search_fields = ("title_en", "title_nl", "body_en", "body_nl")
    inlines = (SetupSubStepInline,)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(sub_step_total=Count("sub_steps"))

    @admin.display(description=_("sub-steps"), ordering="sub_step_total")
    def sub_step_count(self, step):
        return step.sub_step_total
