"""The outbox in the admin: every message the site queued, whether it went out, and for
one that did not, the attempts and the last error, with "Send again"."""

from django.contrib import admin, messages
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from post_office import admin as post_office_admin
from post_office.models import STATUS, Attachment, Email, EmailTemplate, Log

from common.admin import CheckedActionSelectionMixin, ReadOnlyInline
from outbox.delivery import send_again
from outbox.models import OutboxMessage

# post-office's own screens (templates, attachments, a raw log) are not the team's: the
# site writes its messages from its own templates and sends no attachments.
for model in (Email, Log, EmailTemplate, Attachment):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
del post_office_admin


class StatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [
            ("unsent", _("Not sent yet")),
            ("failed", _("Failed")),
            ("sent", _("Sent")),
        ]

    def queryset(self, request, queryset):
        statuses = {
            "unsent": [STATUS.queued, STATUS.requeued],
            "failed": [STATUS.failed],
            "sent": [STATUS.sent],
        }.get(self.value())
        return queryset if statuses is None else queryset.filter(status__in=statuses)


class AttemptInline(ReadOnlyInline):
    model = Log
    fields = ("date", "status", "exception_type", "message")
    verbose_name = _("attempt")
    verbose_name_plural = _("attempts")
    ordering = ("-date",)


@admin.register(OutboxMessage)
class OutboxAdmin(CheckedActionSelectionMixin, admin.ModelAdmin):
    list_display = ("recipients", "title", "state", "failed_attempts", "last_error", "queued")
    list_filter = (StatusFilter,)
    search_fields = ("to", "subject")
    ordering = ("-created", "-pk")
    date_hierarchy = "created"
    fields = ("recipients", "title", "state", "queued", "failed_attempts", "body")
    readonly_fields = fields
    inlines = [AttemptInline]
    actions = ["send_again"]
    list_per_page = 50
    # Not post-office's own, which links to its screens left out above.
    change_form_template = "admin/change_form.html"
    change_list_template = "admin/change_list.html"

    def get_queryset(self, request):
        # The last error with each row, in the changelist's one query.
        last_failure = Log.objects.filter(email=OuterRef("pk"), status=STATUS.failed).order_by(
            "-date", "-pk"
        )
        return (
            super()
            .get_queryset(request)
            .annotate(last_failure=Subquery(last_failure.values("message")[:1]))
        )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("to"), ordering="to")
    def recipients(self, email):
        return ", ".join(email.to)

    @admin.display(description=_("subject"), ordering="subject")
    def title(self, email):
        return email.subject

    @admin.display(description=_("queued"), ordering="created")
    def queued(self, email):
        return email.created

    @admin.display(description=_("message"))
    def body(self, email):
        return email.message

    @admin.display(description=_("status"), ordering="status")
    def state(self, email):
        return {
            STATUS.sent: _("Sent"),
            STATUS.failed: _("Failed"),
            STATUS.queued: _("Not sent yet"),
            STATUS.requeued: _("Not sent yet"),
        }.get(email.status, "")

    @admin.display(description=_("attempts that failed"), ordering="number_of_retries")
    def failed_attempts(self, email):
        return email.number_of_retries or 0

    @admin.display(description=_("last error"))
    def last_error(self, email):
        return getattr(email, "last_failure", None) or ""

    @admin.action(description=_("Send again"), permissions=["change"])
    def send_again(self, request, queryset):
        count = send_again(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d message is back in the outbox.",
                "%(count)d messages are back in the outbox.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
