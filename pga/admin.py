"""Shared admin behaviour for functioneel beheer."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from partners.permissions import is_coordinator
from pga.history import stamp
from pga.models import EmailDelivery, FailedTask
from pga.notifications import KINDS
from pga.tasks import resolve_failed_tasks


class HistoryAdmin(SimpleHistoryAdmin):
    """The history of a record can be read, never restored: simple-history's 'revert' saves
    every field of the old version, read-only ones too (an account's activity, superuser
    flag, organisation), past the services and the rechtenlog. Its form view saves on any
    POST, whatever SIMPLE_HISTORY_REVERT_DISABLED says, so the POST is refused here."""

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class ReferenceDataAdmin(HistoryAdmin):
    """Editable reference data: every save records the acting user and a reason."""

    def get_changelist_form(self, request, **kwargs):
        """The list's editable cells have no label of their own (only the column header):
        each input says what it is and of which row, for screen readers (axe: label)."""
        base = super().get_changelist_form(request, **kwargs)

        class LabelledRow(base):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                for field in self.fields.values():
                    field.widget.attrs["aria-label"] = f"{field.label} van {self.instance}"

        return LabelledRow

    def save_model(self, request, obj, form, change):
        stamp(obj, by=request.user, reason=_("Gewijzigd in functioneel beheer"))
        if change and hasattr(obj, "version"):
            obj.version += 1
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        stamp(obj, by=request.user, reason=_("Verwijderd in functioneel beheer"))
        super().delete_model(request, obj)

    def save_formset(self, request, form, formset, change):
        for instance in formset.save(commit=False):
            stamp(instance, by=request.user, reason=_("Gewijzigd in functioneel beheer"))
            instance.save()
        for instance in formset.deleted_objects:
            stamp(instance, by=request.user, reason=_("Verwijderd in functioneel beheer"))
            instance.delete()
        formset.save_m2m()


class CaseDataAdmin(HistoryAdmin):
    """Case data is read-only here: it changes only through the services of the
    application, which keep access grants and history in step with every change. Only a
    coordinator (who may see every case anyway) sees it; beheer and superusers do not."""

    def has_view_permission(self, request, obj=None):
        return is_coordinator(request.user) and super().has_view_permission(request, obj)

    def has_module_permission(self, request):
        return is_coordinator(request.user) and super().has_module_permission(request)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(FailedTask)
class FailedTaskAdmin(HistoryAdmin):
    """Background tasks that kept failing: read-only, except that beheer marks one as
    handled (after fixing the cause; the scheduler's next run does the work again)."""

    list_display = ["failed_at", "task_name", "error", "location", "resolved_at"]
    list_filter = ["task_name", ("resolved_at", admin.EmptyFieldListFilter)]
    readonly_fields = ["failed_at", "task_name", "task_id", "error", "location", "resolved_at"]
    actions = ["mark_resolved"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=gettext_lazy("Markeer als afgehandeld"), permissions=["view"])
    def mark_resolved(self, request, queryset):
        handled = resolve_failed_tasks(queryset, by=request.user)
        self.message_user(request, _("%d taak/taken afgehandeld.") % handled)


@admin.register(EmailDelivery)
class EmailDeliveryAdmin(admin.ModelAdmin):
    """Every e-mail the product sent or tried to send: to whom, when, how often tried, and
    whether the mail server took it. Read-only; an e-mail holds no content worth showing
    (it says only that something needs attention)."""

    list_display = [
        "created_at", "user", "kinds", "status", "attempts",
    ]  # fmt: skip
    list_filter = ["status", "digest"]
    readonly_fields = [
        "user", "address", "digest", "status", "attempts", "error", "created_at",
        "touched_at", "sent_at", "kinds",
    ]  # fmt: skip
    search_fields = ["address", "user__username"]

    def get_queryset(self, request):
        return (
            super().get_queryset(request).select_related("user").prefetch_related("notifications")
        )

    @admin.display(description=gettext_lazy("soort melding"))
    def kinds(self, delivery):
        labels = sorted(
            {KINDS[n.kind].label for n in delivery.notifications.all() if n.kind in KINDS}
        )
        return "; ".join(labels) or "—"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
