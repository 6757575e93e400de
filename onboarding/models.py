"""The guide "how to set up a national group", editable by the oversight team."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from onboarding.markdown import render_markdown


class SetupStep(models.Model):
    """One of the numbered steps of the setup guide."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text"),
        blank=True,
        help_text=_("Markdown: **bold**, `code`, [links](https://pauseai.info) and lists."),
    )

    class Meta:
        ordering = ["number"]
        verbose_name = _("setup step")
        verbose_name_plural = _("setup steps")
        constraints = [
            models.CheckConstraint(condition=Q(number__gte=1), name="setup_step_number_positive"),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def body_html(self) -> str:
        return render_markdown(self.body)


class SetupSubStep(models.Model):
    """A numbered part of a setup step; its text may hold a deeper list."""

    step = models.ForeignKey(
        SetupStep,
        on_delete=models.CASCADE,
        related_name="sub_steps",
        verbose_name=_("setup step"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(
        _("text"),
        help_text=_("Markdown: **bold**, `code`, [links](https://pauseai.info) and lists."),
    )

    class Meta:
        ordering = ["step__number", "number"]
        verbose_name = _("sub-step")
        verbose_name_plural = _("sub-steps")
        constraints = [
            models.UniqueConstraint(
                fields=["step", "number"],
                name="one_sub_step_per_number",
                violation_error_message=_("This step already has a sub-step with this number."),
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="sub_step_number_positive"),
        ]

    def __str__(self):
        return f"{self.step.number}.{self.number}"

    def text_html(self) -> str:
        return render_markdown(self.text)
