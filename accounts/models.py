"""What the registry keeps of an account beyond Django's user: the language its mails
are written in."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountLanguage(models.Model):
    """The language of the pages the account's person last used (the header's language
    menu chooses it): the language of every email the registry sends them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="account_language",
        verbose_name=_("account"),
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("account language")
        verbose_name_plural = _("account languages")

    def __str__(self):
        return f"{self.user_id}: {self.language}"
